package dev.bulwark.bench;

import dev.bulwark.scanner.secret.SecretCorpus;
import dev.bulwark.scanner.secret.SecretRule;
import dev.bulwark.scanner.secret.SecretRules;
import dev.bulwark.scanner.secret.SecretScanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Secret scanning throughput against {@code grep -E}: a corpus of real text files from this machine (Python
 * and Perl libraries, documentation), concatenated into one file of about {@code SIZE} MB, searched by Bulwark's
 * scanner with every rule and by {@code grep -E -o} with the same patterns translated to POSIX ERE (look-arounds
 * and inline flags dropped, which only makes grep's job easier). Then recall and false positives on the corpus the
 * scanner's tests generate from {@code secret-examples.txt} (every rule's examples in every configuration syntax).
 */
public final class SecretBench {

    private SecretBench() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 200) << 20;
        Path work = Files.createTempDirectory("bulwark-secret-bench");
        Path corpus = corpus(work.resolve("corpus.txt"), size, List.of(Path.of("/usr/lib/python3"),
                Path.of("/usr/share/perl"), Path.of("/usr/share/perl5"), Path.of("/usr/lib/node_modules"),
                Path.of("/usr/share/nodejs"), Path.of("/usr/share/doc")));
        long bytes = Files.size(corpus);
        SecretScanner scanner = new SecretScanner(SecretRules.builtIn());
        double ours = Double.MAX_VALUE;
        int found = 0;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            try (InputStream in = Files.newInputStream(corpus)) {
                found = scanner.scan(in, true).size();
            }
            ours = Math.min(ours, (System.nanoTime() - start) / 1e9);
        }
        Path patterns = work.resolve("patterns.ere");
        List<String> ere = new java.util.ArrayList<>();
        for (SecretRule rule : SecretRules.builtIn()) {
            String translated = toEre(rule.pattern().pattern());
            if (grepAccepts(translated)) {
                ere.add(translated);
            }
        }
        Files.write(patterns, ere);
        double grep = Double.MAX_VALUE;
        for (int run = 0; run < 1; run++) { // once: with every rule, grep takes minutes
            long start = System.nanoTime();
            Process p = new ProcessBuilder("grep", "-E", "-o", "-f", patterns.toString(), corpus.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (p.waitFor() > 1) {
                throw new IllegalStateException("grep -E refused the translated patterns");
            }
            grep = Math.min(grep, (System.nanoTime() - start) / 1e9);
        }
        double mb = bytes / 1e6;
        System.out.printf("secret scan of %.0f MB of text, %d rules: bulwark %.2f s (best of 3) = %.0f MB/s "
                + "(%d matches); grep -E -o with %d of the patterns %.2f s = %.0f MB/s; bulwark/grep throughput ratio %.2f%n",
                mb, SecretRules.builtIn().size(), ours, mb / ours, found, ere.size(), grep, mb / grep, grep / ours);
        Path examples = Path.of("scanner/src/test/resources/dev/bulwark/scanner/secret/secret-examples.txt");
        if (Files.isRegularFile(examples)) {
            List<SecretCorpus.Sample> samples = SecretCorpus.samples(
                    SecretCorpus.examples(Files.readAllLines(examples), 20261125), SecretRules.builtIn());
            System.out.println("secret corpus of " + samples.size() + " texts: "
                    + SecretCorpus.score(samples, scanner));
        } else {
            System.out.println("secret corpus: " + examples + " not found (run from the repository's root)");
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Whether grep compiles a translated pattern (a multi-line key pattern has no ERE form). */
    private static boolean grepAccepts(String ere) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("grep", "-E", "-e", ere, "/dev/null").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor() < 2;
    }

    private static Path corpus(Path file, long size, List<Path> roots) throws IOException {
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (written < size) {
                long before = written;
                for (Path root : roots) {
                    if (!Files.isDirectory(root)) {
                        continue;
                    }
                    try (Stream<Path> walk = Files.walk(root)) {
                        for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                            if (written >= size) {
                                break;
                            }
                            byte[] body = Files.readAllBytes(p);
                            if (body.length > 0 && body.length < (4 << 20) && isText(body)) {
                                out.write(body);
                                written += body.length;
                            }
                        }
                    }
                }
                if (written == before) {
                    throw new IllegalStateException("no text files to build a corpus from");
                }
            }
        }
        return file;
    }

    private static boolean isText(byte[] body) {
        for (int i = 0; i < Math.min(body.length, 8192); i++) {
            if (body[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A Java pattern as POSIX ERE: look-arounds and inline flags removed, classes spelled out, and an escaped
     * {@code -} in a bracket expression moved to its end, where ERE reads it literally.
     */
    static String toEre(String regex) {
        String ere = regex.replace("(?i)", "").replace("(?m)", "").replace("(?i:", "(").replace("(?-i:", "(")
                .replace("(?<=", "(").replace("(?=", "(").replace("(?:", "(").replace("\\Q", "").replace("\\E", "")
                .replaceAll("\\(\\?<?!\\[[^\\]]*\\]\\)", "")
                .replaceAll("([}*+])\\+", "$1")
                .replace("\\d", "[0-9]").replace("\\s", "[[:space:]]").replace("\\r", "").replace("\\n", "")
                .replace("\\t", "\t");
        return Pattern.compile("\\[([^\\]]*)\\\\-([^\\]]*)\\]").matcher(ere)
                .replaceAll(m -> Matcher.quoteReplacement("[" + m.group(1) + m.group(2) + "-]"));
    }
}
