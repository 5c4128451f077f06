package dev.bulwark.enforcer.network.nft;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code nft} inside a network namespace ({@code nsenter --net=FILE nft ...}), bounded in time. Input and
 * output go through files, so neither side can block on a full pipe, however large the script.
 */
final class Nft {

    static final Path NSENTER = Path.of("/usr/bin/nsenter");
    static final Path NFT = Path.of("/usr/sbin/nft");

    private static final int MAX_MESSAGE = 2000;

    private final Duration timeout;

    Nft(Duration timeout) {
        this.timeout = timeout;
    }

    /** Runs {@code script} as one transaction ({@code nft -f -}). */
    String script(Path namespace, String script) throws IOException {
        Path input = Files.createTempFile("bulwark-nft-", ".nft");
        try {
            Files.writeString(input, script, UTF_8);
            return run(namespace, input, List.of("-f", "-"));
        } finally {
            Files.deleteIfExists(input);
        }
    }

    /** Runs one nft command, such as {@code list tables}. */
    String command(Path namespace, String... args) throws IOException {
        return run(namespace, Path.of("/dev/null"), List.of(args));
    }

    /** nft repeats the line in error; a line of a large script can be long. */
    private static String head(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    }

    private String run(Path namespace, Path input, List<String> args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(NSENTER.toString(), "--net=" + namespace, NFT.toString()));
        argv.addAll(args);
        Path out = Files.createTempFile("bulwark-nft-", ".out");
        Path err = Files.createTempFile("bulwark-nft-", ".err");
        try {
            Process process = new ProcessBuilder(argv).redirectInput(input.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new NftException(namespace, "`nft %s` did not finish within %s"
                            .formatted(String.join(" ", args), timeout));
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw (IOException) new InterruptedIOException("interrupted: nft in " + namespace).initCause(e);
            }
            if (process.exitValue() != 0) {
                throw new NftException(namespace, "`nft %s` exited %d: %s".formatted(String.join(" ", args),
                        process.exitValue(), head(Files.readString(err, UTF_8).strip())));
            }
            return Files.readString(out, UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
