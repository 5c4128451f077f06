package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** What a user reads when a command fails for a reason that is not their input. */
class MainTest {

    @Test
    void aFailureIsSaidInWordsWithoutClassNames() {
        assertThat(Main.describe(new UncheckedIOException(new NoSuchFileException("/var/lib/x.db"))))
                .isEqualTo("no such file: /var/lib/x.db");
        assertThat(Main.describe(new IllegalStateException(new AccessDeniedException("/etc/shadow"))))
                .isEqualTo("permission denied: /etc/shadow");
        assertThat(Main.describe(new IOException("wrapped", new ConnectException("Connection refused"))))
                .isEqualTo("cannot connect: Connection refused");
        assertThat(Main.describe(new IOException("the layer ends early"))).isEqualTo("failed: the layer ends early");
        assertThat(Main.describe(new NullPointerException())).doesNotContain("java.lang")
                .contains("NullPointerException").contains("bug");
    }
}
