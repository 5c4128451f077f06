package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VercmpCommandTest {

    @ParameterizedTest(name = "{0}: {1} {3} {2}")
    @CsvSource(delimiter = ' ', value = {
        "deb 1:1.0~rc1-1 1:1.0-1 <",
        "deb 2.36-9+deb12u4 2.36-9+deb12u4 =",
        "rpm 1:3.0.7-24.el9 3.0.8-1.el9 >",
        "rpm 1.0^git1 1.0 >",
        "apk 1.1.24-r2 1.1.24-r10 <",
        "apk 1.0_rc1 1.0 <",
        "apk 1.7.4p6-r1 1.7.4-r1 >",
        "composer dev-main 0.1 <",
        "composer 1.0.x-dev 1.0.3 >"})
    void comparesTwoVersions(String ecosystem, String a, String b, String expected) {
        CliRun run = CliRun.of("vercmp", "--ecosystem", ecosystem, a, b);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(expected + "\n");
    }

    @Test
    void batchPrintsOneOperatorPerLineAndMarksBadLines() {
        CliRun run = CliRun.withInput("1.0 1.1\n\n2.0-1  2.0-1\r\nonly-one\n1.0 a:1\n3 2\n", "vercmp", "-e", "deb",
                "--batch");
        assertThat(run.out()).isEqualTo("<\n=\n?\n?\n>\n");
        assertThat(run.err()).isEqualTo("""
                bulwark: line 4: expected two versions, found 1
                bulwark: line 5: invalid deb version 'a:1': epoch in version is not number
                """);
        assertThat(run.exitCode()).isEqualTo(2);
    }

    @Test
    void batchSurvivesALineWithoutEnd() {
        String huge = "1".repeat(200_000);
        CliRun run = CliRun.withInput(huge + " 1\n1 2\n", "vercmp", "-e", "rpm", "--batch");
        assertThat(run.out()).isEqualTo("?\n<\n");
        assertThat(run.err()).isEqualTo("bulwark: line 1: longer than 65536 characters\n");
        assertThat(run.exitCode()).isEqualTo(2);
    }

    @Test
    void sortPrintsAscending() {
        CliRun run = CliRun.withInput("1.0-r1\n1.0_rc1\n\n1.0\n1.0_p1\n0.9\n", "vercmp", "-e", "apk", "--sort");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("0.9\n1.0_rc1\n1.0\n1.0-r1\n1.0_p1\n");
    }

    @Test
    void sortRefusesTheWholeInputOnOneBadVersion() {
        CliRun run = CliRun.withInput("1.0\n\na:1\n", "vercmp", "-e", "deb", "--sort");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(
                "bulwark: line 3: invalid deb version 'a:1': epoch in version is not number\n");
    }

    @Test
    void comparesWhatApkCallsMalformedAsApkDoesWithANote() {
        CliRun patch = CliRun.of("vercmp", "-e", "apk", "5.1p1-r0", "5.1p2-r0");
        assertThat(patch.exitCode()).as(patch.err()).isZero();
        assertThat(patch.out()).isEqualTo("<\n");
        assertThat(patch.err()).isEmpty();
        CliRun run = CliRun.of("vercmp", "-e", "apk", "2.7.16-33", "2.7.16-34");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("=\n");
        assertThat(run.err()).isEqualTo("""
                bulwark: note: apk version '2.7.16-33' is malformed (unexpected text at position 7), compared as its\
                 tool does
                bulwark: note: apk version '2.7.16-34' is malformed (unexpected text at position 7), compared as its\
                 tool does
                """);
        CliRun sort = CliRun.withInput("2.7.16-33\n2.7.15-r0\n2.7.16-r0\n5.1p1-r0\n", "vercmp", "-e", "apk",
                "--sort");
        assertThat(sort.exitCode()).as(sort.err()).isZero();
        assertThat(sort.out()).isEqualTo("2.7.15-r0\n2.7.16-33\n2.7.16-r0\n5.1p1-r0\n");
        assertThat(sort.err()).startsWith("bulwark: line 1: note: apk version '2.7.16-33' is malformed");
    }

    @Test
    void misuseIsUnusableInput() {
        assertThat(CliRun.of("vercmp", "-e", "conda", "1", "2").err()).isEqualTo("bulwark: unknown ecosystem 'conda'"
                + " (known: deb, apk, rpm, maven, pypi, semver, go, gem, composer, nuget)\n");
        assertThat(CliRun.of("vercmp", "-e", "deb", "1").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("vercmp", "-e", "deb", "--batch", "1", "2").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("vercmp", "-e", "deb", "--batch", "--sort").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("vercmp", "1", "2").exitCode()).isEqualTo(2);
        CliRun bad = CliRun.of("vercmp", "-e", "deb", "1.0", "");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("bulwark: invalid deb version '': version string is empty\n");
    }
}
