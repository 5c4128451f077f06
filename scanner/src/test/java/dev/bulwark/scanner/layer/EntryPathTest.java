package dev.bulwark.scanner.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntryPathTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "ESCAPES", value = {
        "etc/passwd|etc/passwd",
        "/etc/passwd|etc/passwd",
        "./etc//passwd|etc/passwd",
        "etc/./x/../passwd|etc/passwd",
        "usr/lib/|usr/lib",
        "../etc/passwd|ESCAPES",
        "a/../../etc|ESCAPES",
        "/../x|ESCAPES",
    })
    void normalizesTarNames(String raw, String expected) {
        assertThat(EntryPath.normalize(raw).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "etc|../usr/lib/os-release|usr/lib/os-release",
        "etc|/usr/lib/os-release|usr/lib/os-release",
        "etc|../../../../host/secret|host/secret",
        "a/b|c|a/b/c",
    })
    void symlinkTargetsStayInsideRoot(String base, String target, String expected) {
        assertThat(EntryPath.resolveInsideRoot(base, target)).isEqualTo(expected);
    }
}
