package dev.bulwark.vulndb.version;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs a reference tool installed on the machine, or skips the test naming the package to install. */
final class Oracle {

    private Oracle() {}

    static void assumeInstalled(Path program, String debianPackage) {
        assumeTrue(Files.isExecutable(program), program + " is missing (apt-get install " + debianPackage
                + "): oracle test skipped");
    }

    /** Runs the command with {@code stdin}, returns its standard output; fails on a non-zero exit. */
    static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(command.getFirst() + " exited with " + exit);
        }
        return new String(out.join(), StandardCharsets.UTF_8);
    }
}
