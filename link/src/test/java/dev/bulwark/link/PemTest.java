package dev.bulwark.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {

    @TempDir
    Path dir;

    @Test
    void aKeyIsWrittenForItsOwnerOnlyAndReadBack() throws Exception {
        KeyPair keys = Identity.newKey();
        Path file = dir.resolve("key.pem");
        Pem.write(file, keys.getPrivate());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Pem.privateKey(file)).isEqualTo(keys.getPrivate());
    }

    @Test
    void filesWithoutWhatIsAskedForAreRefused() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "-----BEGIN CERTIFICATE-----\n!!!\n"
                + "-----END CERTIFICATE-----\nnot pem at all");
        assertThatThrownBy(() -> Pem.certificates(junk)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> Pem.privateKey(junk)).isInstanceOf(GeneralSecurityException.class);
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n"
                + "-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> Pem.certificates(garbage)).isInstanceOf(GeneralSecurityException.class);
    }
}
