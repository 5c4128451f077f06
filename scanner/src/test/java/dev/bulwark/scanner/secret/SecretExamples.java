package dev.bulwark.scanner.secret;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The examples of {@code secret-examples.txt}, expanded once with a fixed seed. */
final class SecretExamples {

    static final long SEED = 20261125;
    static final List<SecretCorpus.Example> ALL = SecretCorpus.examples(lines(), SEED);

    private SecretExamples() {}

    static List<String> lines() {
        try (InputStream in = SecretExamples.class.getResourceAsStream("secret-examples.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
