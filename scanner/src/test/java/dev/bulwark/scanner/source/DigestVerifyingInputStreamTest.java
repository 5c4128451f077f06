package dev.bulwark.scanner.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestVerifyingInputStreamTest {

    private static final byte[] DATA = "layer bytes".getBytes(StandardCharsets.US_ASCII);
    private static final Digest DIGEST = Digest.sha256(DATA);

    private static InputStream verifying(byte[] data, long size) {
        return new DigestVerifyingInputStream(new ByteArrayInputStream(data), DIGEST, size, "layer x");
    }

    @Test
    void passesMatchingContentThrough() throws IOException {
        try (InputStream in = verifying(DATA, DATA.length)) {
            assertThat(in.readAllBytes()).isEqualTo(DATA);
            assertThat(in.read()).isEqualTo(-1);
        }
        try (InputStream in = verifying(DATA, -1)) {
            assertThat(in.skip(4)).isEqualTo(4);
            assertThat(in.read()).isEqualTo('r');
            assertThat(in.readAllBytes()).hasSize(DATA.length - 5);
        }
    }

    @Test
    void failsAtTheEndWhenTheDigestDiffers() throws IOException {
        byte[] other = "layer bytez".getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = verifying(other, other.length)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessage("layer x: content has digest %s", Digest.sha256(other));
            assertThatThrownBy(in::read).as("the verdict repeats").isInstanceOf(IOException.class);
        }
    }

    @Test
    void failsAsSoonAsTheStreamOutgrowsTheManifestSize() throws IOException {
        try (InputStream in = verifying(DATA, 4)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessage("layer x: more than the 4 bytes the manifest gives");
        }
    }

    @Test
    void failsWhenTheStreamEndsEarly() throws IOException {
        try (InputStream in = verifying(DATA, DATA.length + 1)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessage("layer x: ended after %d of %d bytes", DATA.length, DATA.length + 1);
        }
    }
}
