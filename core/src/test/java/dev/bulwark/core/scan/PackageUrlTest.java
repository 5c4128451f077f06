package dev.bulwark.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PackageUrlTest {

    @Test
    void qualifiersAreSortedAndEmptyOnesDropped() {
        assertThat(PackageUrl.of("rpm", "redhat", "bash", "5.1.8-6.el9",
                Map.of("epoch", "1", "arch", "x86_64", "distro", "rhel-9", "upstream", "")))
                .hasToString("pkg:rpm/redhat/bash@5.1.8-6.el9?arch=x86_64&distro=rhel-9&epoch=1");
    }

    @Test
    void reservedCharactersArePercentEncoded() {
        assertThat(PackageUrl.of("deb", "debian", "libstdc++6", "1:12.2.0-14+deb12u1", Map.of("arch", "amd64")))
                .hasToString("pkg:deb/debian/libstdc%2B%2B6@1%3A12.2.0-14%2Bdeb12u1?arch=amd64");
        assertThat(PackageUrl.of("npm", "@angular", "core", "17.0.0", Map.of()))
                .hasToString("pkg:npm/%40angular/core@17.0.0");
        assertThat(PackageUrl.of("generic", "", "a b/é", "", Map.of("q", "x&y=z")))
                .hasToString("pkg:generic/a%20b%2F%C3%A9?q=x%26y%3Dz");
    }

    @Test
    void namespaceSegmentsKeepTheirSlashes() {
        assertThat(PackageUrl.of("golang", "github.com/gorilla", "mux", "v1.8.0", Map.of()))
                .hasToString("pkg:golang/github.com/gorilla/mux@v1.8.0");
    }

    @Test
    void typeAndNameAreRequired() {
        assertThatThrownBy(() -> PackageUrl.of("", "", "x", "", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PackageUrl.of("deb", "", "", "", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
