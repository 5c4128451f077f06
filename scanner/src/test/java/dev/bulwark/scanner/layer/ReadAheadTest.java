package dev.bulwark.scanner.layer;

import dev.bulwark.scanner.budget.Deadline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bulwark.core.testing.Patience;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    void handsOverTheWholeSourceInOrder() throws IOException {
        byte[] data = random(ReadAhead.CHUNK * (ReadAhead.DEPTH + 3) + 17);
        try (ReadAhead in = ReadAhead.of(new ByteArrayInputStream(data), "test", Deadline.none())) {
            byte[] head = in.readNBytes(1000);
            assertThat(in.skip(ReadAhead.CHUNK)).isEqualTo(ReadAhead.CHUNK);
            byte[] rest = in.readAllBytes();
            assertThat(head).isEqualTo(java.util.Arrays.copyOf(data, 1000));
            assertThat(rest).isEqualTo(java.util.Arrays.copyOfRange(data, 1000 + ReadAhead.CHUNK, data.length));
            assertThat(in.read()).isEqualTo(-1);
            in.drain();
        }
    }

    @Test
    void theProducersFailureComesBackOnEveryReadAfterItNeverAHang() {
        InputStream failing = new InputStream() {
            private int left = 3 * ReadAhead.CHUNK + 5;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    throw new ZipException("invalid gzip data");
                }
                left--;
                return 'x';
            }
        };
        assertTimeoutPreemptively(Patience.HANG, () -> {
            try (ReadAhead in = ReadAhead.of(failing, "test", Deadline.none())) {
                assertThatThrownBy(in::readAllBytes).isInstanceOf(ZipException.class);
                // an analyzer that caught it and a tar reader that goes on to skip the rest of the entry
                assertThatThrownBy(in::read).isInstanceOf(ZipException.class);
                assertThatThrownBy(() -> in.skip(100)).isInstanceOf(ZipException.class);
                assertThatThrownBy(in::drain).isInstanceOf(ZipException.class);
            }
        });
    }

    @Test
    void closingEarlyStopsTheProducerEvenWhenTheCallerIsInterrupted() throws IOException {
        ReadAhead in = ReadAhead.of(new ByteArrayInputStream(random(ReadAhead.CHUNK * (ReadAhead.DEPTH + 8))),
                "test", Deadline.none());
        in.read();
        Thread.currentThread().interrupt();
        in.close();
        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    }
}
