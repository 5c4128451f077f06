package dev.bulwark.scanner.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** OpenSSL's digests give the JDK's, over every way a stream feeds them. */
class NativeDigestTest {

    @Test
    void agreesWithTheJdkOnRandomDataFedInPieces() throws Exception {
        assumeTrue(NativeDigest.installed(), "libcrypto.so.3 is not installed (apt-get install libssl3): the JDK's "
                + "digests are used; test skipped");
        Random random = new Random(42);
        for (String algorithm : new String[] {"SHA-256", "SHA-512"}) {
            MessageDigest ours = NativeDigest.of(algorithm);
            assertThat(ours).isInstanceOf(NativeDigest.class);
            MessageDigest jdk = MessageDigest.getInstance(algorithm);
            for (int size : new int[] {0, 1, 63, 64, 65, 1000, 1 << 20}) {
                byte[] data = new byte[size + 10];
                random.nextBytes(data);
                int at = 5;
                while (at < size + 5) { // pieces of odd lengths at odd offsets, and single bytes
                    int n = Math.min(size + 5 - at, 1 + random.nextInt(5000));
                    if (n == 1) {
                        ours.update(data[at]);
                        jdk.update(data[at]);
                    } else {
                        ours.update(data, at, n);
                        jdk.update(data, at, n);
                    }
                    at += n;
                }
                assertThat(ours.digest()).as("%s of %d bytes", algorithm, size).isEqualTo(jdk.digest());
            }
            ours.update(new byte[] {1, 2, 3});
            ours.reset();
            assertThat(ours.digest()).as("after reset").isEqualTo(jdk.digest());
            assertThat(ours.getDigestLength()).isEqualTo(jdk.getDigestLength());
        }
    }

    @Test
    void anAlgorithmOpenSslIsNotAskedForComesFromTheJdk() {
        assertThat(NativeDigest.of("SHA-1")).isNotInstanceOf(NativeDigest.class);
    }
}
