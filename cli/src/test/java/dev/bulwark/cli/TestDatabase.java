package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.scanner.testing.AlpineFixtureFeeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A signed database built with {@code bulwark db build} from a small Alpine secdb and NVD feed for the packages of
 * the alpine:3.11 fixture: musl and busybox are vulnerable (CVE-2020-28928 medium, CVE-2021-28831 high).
 */
record TestDatabase(Path file, Path publicKey) {

    static TestDatabase build(Path dir) throws IOException {
        Path secdb = Files.writeString(dir.resolve("main.json"), AlpineFixtureFeeds.SECDB);
        Path nvd = Files.writeString(dir.resolve("nvd.json"), AlpineFixtureFeeds.NVD);
        assertThat(CliRun.of("db", "keygen", dir.resolve("k").toString()).exitCode()).isZero();
        Path db = dir.resolve("db.bwdb");
        CliRun build = CliRun.of("db", "build", "--source", "alpine-secdb=" + secdb, "--source", "nvd=" + nvd,
                "--out", db.toString(), "--sign-key", dir.resolve("k.key").toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        return new TestDatabase(db, dir.resolve("k.pub"));
    }
}
