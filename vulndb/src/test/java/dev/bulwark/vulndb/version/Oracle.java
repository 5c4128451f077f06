package dev.bulwark.vulndb.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs a reference tool installed on the machine, or skips the test naming the package to install. */
final class Oracle {

    private Oracle() {}

    /** Skips the test unless the file (a program, or a library the oracle script loads) is there. */
    static void assumeInstalled(Path file, String debianPackage) {
        assumeTrue(Files.exists(file), file + " is missing (apt-get install " + debianPackage
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

    /**
     * Asserts that the comparator agrees with a reference tool's verdicts, one per pair: {@code -1}, {@code 0} or
     * {@code 1}, or {@code E} where the tool refuses one of the versions, which the comparator must refuse too.
     * Returns how many pairs the tool could compare, so that a test can insist the sample was meaningful.
     */
    static int assertAgrees(VersionComparator comparator, List<String[]> pairs, List<String> verdicts) {
        assertThat(verdicts).hasSameSizeAs(pairs);
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (int i = 0; i < pairs.size(); i++) {
            String a = pairs.get(i)[0];
            String b = pairs.get(i)[1];
            String ours;
            Throwable refused = catchThrowable(() -> comparator.compare(a, b));
            if (refused instanceof InvalidVersionException) {
                ours = "E";
            } else if (refused != null) {
                throw new AssertionError("comparing " + a + " with " + b, refused);
            } else {
                ours = String.valueOf(Integer.signum(comparator.compare(a, b)));
            }
            if (!ours.equals(verdicts.get(i))) {
                disagreements.add("'%s' vs '%s': tool %s, ours %s".formatted(a, b, verdicts.get(i), ours));
            }
            compared += verdicts.get(i).equals("E") ? 0 : 1;
        }
        assertThat(disagreements).as("disagreements with the reference tool").isEmpty();
        reportAgreement(comparator.ecosystem(), compared, pairs.size());
        return compared;
    }

    /** Prints how many pairs a reference tool compared, all of them agreeing, for the build log and the README. */
    static void reportAgreement(Ecosystem ecosystem, int compared, int pairs) {
        System.out.printf("%s: the reference tool compared %d of %d pairs, and agrees%n", ecosystem.id(), compared,
                pairs);
    }

    /** The pairs as lines {@code A<TAB>B}, for a reference tool's standard input. */
    static String tabbed(List<String[]> pairs) {
        StringBuilder lines = new StringBuilder();
        pairs.forEach(p -> lines.append(p[0]).append('\t').append(p[1]).append('\n'));
        return lines.toString();
    }
}
