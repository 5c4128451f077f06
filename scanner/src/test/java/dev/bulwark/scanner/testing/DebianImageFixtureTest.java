package dev.bulwark.scanner.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebianImageFixtureTest {

    @TempDir
    Path etcApt;

    @Test
    void takesTheReleaseArchiveFromDeb822SourcesSkippingSecurityAndOtherVendors() throws IOException {
        write("sources.list.d/a-nodesource.sources", """
                Types: deb
                URIs: https://deb.nodesource.com/node_20.x
                Suites: nodistro
                Components: main
                """);
        write("sources.list.d/debian.sources", """
                Types: deb
                URIs: http://mirror.example/debian-security
                Suites: bookworm-security
                Components: main

                Types: deb-src
                URIs: http://src.example/debian
                Suites: bookworm

                Types: deb
                # a snapshot comment
                URIs: http://mirror.example/debian/
                Suites: bookworm bookworm-updates
                Components: main
                """);

        assertThat(DebianImageFixture.debianMirror(etcApt)).isEqualTo("http://mirror.example/debian");
    }

    @Test
    void skipsDisabledDeb822Paragraphs() throws IOException {
        write("sources.list.d/debian.sources", """
                Types: deb
                URIs: http://off.example/debian
                Suites: bookworm
                Enabled: no

                Types: deb
                URIs: http://on.example/debian
                Suites: bookworm
                """);

        assertThat(DebianImageFixture.debianMirror(etcApt)).isEqualTo("http://on.example/debian");
    }

    @Test
    void readsOneLineSourcesWithOptionsBeforeTheDeb822Files() throws IOException {
        write("sources.list", """
                # deb http://commented.example/debian bookworm main
                deb http://security.example/debian-security bookworm-security main
                deb [ arch=amd64 signed-by=/usr/share/keyrings/debian.gpg ] https://one.example/debian bookworm main
                """);
        write("sources.list.d/debian.sources", "Types: deb\nURIs: http://two.example/debian\nSuites: bookworm\n");

        assertThat(DebianImageFixture.debianMirror(etcApt)).isEqualTo("https://one.example/debian");
    }

    @Test
    void ignoresFilesThatAptIgnores() throws IOException {
        write("sources.list.d/debian.sources.disabled", "Types: deb\nURIs: http://off.example/debian\nSuites: sid\n");

        assertThat(DebianImageFixture.debianMirror(etcApt)).isEqualTo("http://deb.debian.org/debian");
    }

    @Test
    void fallsBackToDebianWhenNoSourcesExist() throws IOException {
        assertThat(DebianImageFixture.debianMirror(etcApt.resolve("missing")))
                .isEqualTo("http://deb.debian.org/debian");
    }

    private void write(String relative, String text) throws IOException {
        Path file = etcApt.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
