package dev.bulwark.enforcer.scan;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link RootFiles} takes from a root built here, file by file, and what a hostile root cannot make it do:
 * leave the root through a link or a {@code ..}, block on a FIFO, open a device, or run past a bound.
 */
class RootFilesTest {

    private static final String LONG_DIRECTORY = "srv/a-directory-name-long-enough-to-need-more-than-ustar-allows"
            + "/and-then-some-more-for-good-measure";

    @TempDir
    Path root;

    @TempDir
    Path work;

    private record Collected(CollectedFiles result, TarContents tar) {}

    private Collected collect(RootFileLimits limits) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CollectedFiles result = RootFiles.at(root).withLimits(limits).withSpoolDirectory(work).writeTo(out);
        return new Collected(result, TarContents.read(out.toByteArray()));
    }

    private Collected collect() throws IOException {
        return collect(RootFileLimits.defaults());
    }

    private Path file(String path, String content) throws IOException {
        return file(path, content.getBytes(UTF_8), "rw-r--r--");
    }

    private Path file(String path, byte[] content, String permissions) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    /** A file of {@code size} bytes that takes no disk: a hole. */
    private Path sparse(String path, long size) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }

    private void link(String path, String target) throws IOException {
        Path at = root.resolve(path);
        Files.createDirectories(at.getParent());
        Files.createSymbolicLink(at, Path.of(target));
    }

    private void mkfifo(String path) throws Exception {
        Path at = root.resolve(path);
        Files.createDirectories(at.getParent());
        run("mkfifo", at.toString());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + new String(p.getInputStream()
                .readAllBytes(), UTF_8)).isZero();
    }

    /** An ELF header, then zeros: enough for a program to be taken as one. */
    static byte[] elf(int size) {
        byte[] bytes = new byte[size];
        bytes[0] = 0x7f;
        bytes[1] = 'E';
        bytes[2] = 'L';
        bytes[3] = 'F';
        return bytes;
    }

    @Test
    void takesWhatTheScannerWantsInOrderUnderItsOwnPathsAndNothingElse() throws Exception {
        file("etc/os-release", "ID=test\n");
        file("etc/debian_version", "12.1\n");
        file("usr/lib/os-release", "ID=usrlib\n");
        file("var/lib/dpkg/status", "Package: bash\n");
        file("var/lib/dpkg/status.d/base", "Package: base-files\n");
        file("var/lib/dpkg/status.d/base.md5sums", "d41d8cd98f00b204e9800998ecf8427e  etc/issue\n");
        file("var/lib/dpkg/info/bash.list", "/bin/bash\n");
        file("var/lib/dpkg/info/bash.md5sums", "d41d8cd98f00b204e9800998ecf8427e  bin/bash\n");
        file("var/lib/dpkg/info/bash.postinst", ("#!/bin/sh\n" + "#".repeat(2000)).getBytes(UTF_8), "rwxr-xr-x");
        file("lib/apk/db/installed", "P:musl\nV:1.2.4\n");
        file("usr/lib/sysimage/rpm/rpmdb.sqlite", "SQLite format 3\u0000");
        file("app/package-lock.json", "{\"lockfileVersion\": 3}");
        file("app/requirements-dev.txt", "pytest==8.0.0\n");
        file("app/go.mod", "module example.com/app\n");
        file("app/node_modules/lodash/package.json", "{\"name\":\"lodash\",\"version\":\"4.17.21\"}");
        file("app/node_modules/lodash/fp/package.json", "{\"main\":\"../fp.js\"}");
        file("app/node_modules/x/package-lock.json", "{}");
        link("app/node_modules/loop", "..");
        link("app/Pipfile.lock", "/etc/passwd");
        file("app/server.war", new byte[1500], "rw-r--r--");
        file("app/lib/guava.jar", new byte[2048], "rw-r--r--");
        file("usr/lib/python3/site-packages/six.egg-info", "Name: six\nVersion: 1.16.0\n");
        file("usr/local/bin/app", elf(3000), "rwxr-xr-x");
        file("usr/local/bin/script", ("#!/bin/sh\n" + "#".repeat(2000)).getBytes(UTF_8), "rwxr-xr-x");
        file("usr/local/bin/tiny", elf(100), "rwxr-xr-x");
        file("usr/lib/libfoo.so.1", elf(2000), "rwxr-xr-x");
        file("proc/1/requirements.txt", "flask==2.0\n");
        file(LONG_DIRECTORY + "/node_modules/@scope/pkg/package.json", "{\"name\":\"@scope/pkg\"}");

        Collected c = collect();

        assertThat(c.tar().names()).containsExactly(
                "etc/os-release", "usr/lib/os-release", "etc/debian_version",
                "var/lib/dpkg/status", "lib/apk/db/installed", "usr/lib/sysimage/rpm/rpmdb.sqlite",
                "var/lib/dpkg/status.d/base", "var/lib/dpkg/status.d/base.md5sums",
                "app/package-lock.json", "app/requirements-dev.txt", "app/node_modules/lodash/package.json",
                "usr/lib/python3/site-packages/six.egg-info",
                LONG_DIRECTORY + "/node_modules/@scope/pkg/package.json",
                "var/lib/dpkg/info/bash.list",
                "app/server.war", "app/lib/guava.jar", "usr/local/bin/app");
        for (String name : c.tar().names()) {
            assertThat(c.tar().body(name)).as(name).isEqualTo(Files.readAllBytes(root.resolve(name)));
        }
        assertThat(c.tar().mode("usr/local/bin/app")).isEqualTo(0100755);
        assertThat(c.tar().mode("etc/os-release")).isEqualTo(0100644);
        assertThat(c.result().skipped()).isEmpty();
        assertThat(c.result().bounds()).isEmpty();
        assertThat(c.result().truncated()).isFalse();
        assertThat(c.result().files()).isEqualTo(17);
        assertThat(c.result().bytes()).isEqualTo(c.tar().entries().values().stream()
                .mapToLong(e -> e.body().length).sum());
    }

    @Test
    void absoluteLinksLeadToTheRootsFilesNeverTheHosts() throws Exception {
        file("usr/lib/os-release", "ID=inside\n");
        link("etc/os-release", "/usr/lib/os-release");
        link("etc/lsb-release", "/etc/hostname"); // the host's, if it has one; the root has none
        link("etc/alpine-release", "/proc/self/root/etc/hostname"); // a magic link, were /proc the host's
        file("opt/apk/db/installed", "P:busybox\n");
        link("lib/apk", "/opt/apk"); // a directory reached through an absolute link
        link("var/lib/rpm", "/"); // the root itself: var/lib/rpm/Packages is /Packages
        file("Packages", "rpm database\n");

        Collected c = collect();

        assertThat(c.tar().names()).containsExactly("etc/os-release", "usr/lib/os-release", "lib/apk/db/installed",
                "var/lib/rpm/Packages");
        assertThat(c.tar().text("etc/os-release")).isEqualTo("ID=inside\n");
        assertThat(c.tar().text("lib/apk/db/installed")).isEqualTo("P:busybox\n");
        assertThat(c.tar().text("var/lib/rpm/Packages")).isEqualTo("rpm database\n");
        assertThat(c.result().skipped()).isEmpty();
    }

    @Test
    void aDotDotAboveTheRootIsRefusedWhileOneInsideIsFollowed() throws Exception {
        file("usr/lib/os-release", "ID=inside\n");
        link("etc/os-release", "../usr/lib/os-release");
        link("etc/redhat-release", "../../../../../../../../../etc/passwd");
        link("var/lib/dpkg", "../../..");
        link("lib/apk/db/installed", "./../../../lib/../../installed");

        Collected c = collect();

        assertThat(c.tar().names()).containsExactly("etc/os-release", "usr/lib/os-release");
        assertThat(c.result().skipped()).extracting(SkippedFile::path, SkippedFile::reason).containsExactly(
                tuple("etc/redhat-release", SkipReason.OUTSIDE_ROOT),
                tuple("var/lib/dpkg/status", SkipReason.OUTSIDE_ROOT),
                tuple("lib/apk/db/installed", SkipReason.OUTSIDE_ROOT),
                tuple("var/lib/dpkg/status.d", SkipReason.OUTSIDE_ROOT),
                tuple("var/lib/dpkg/info", SkipReason.OUTSIDE_ROOT));
    }

    @Test
    void fortyLinksAreFollowedAndNotOneMore() throws Exception {
        file("target", "ID=chained\n");
        // etc/os-release, then 39 more: 40 links in one lookup
        link("etc/os-release", "/a/1");
        for (int i = 1; i < 39; i++) {
            link("a/" + i, "/a/" + (i + 1));
        }
        link("a/39", "/target");
        // etc/lsb-release, then 40 more: 41
        link("etc/lsb-release", "/b/1");
        for (int i = 1; i < 40; i++) {
            link("b/" + i, "/b/" + (i + 1));
        }
        link("b/40", "/target");
        link("etc/alpine-release", "alpine-release");
        link("etc/debian_version", "../etc/./ping");
        link("etc/ping", "pong");
        link("etc/pong", "/etc/debian_version");

        Collected c = collect();

        assertThat(c.tar().names()).containsExactly("etc/os-release");
        assertThat(c.tar().text("etc/os-release")).isEqualTo("ID=chained\n");
        assertThat(c.result().skipped()).extracting(SkippedFile::path, SkippedFile::reason).containsExactly(
                tuple("etc/lsb-release", SkipReason.LINK_LOOP),
                tuple("etc/alpine-release", SkipReason.LINK_LOOP),
                tuple("etc/debian_version", SkipReason.LINK_LOOP));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fifosAndSocketsAreNeverOpened() throws Exception {
        mkfifo("etc/os-release");
        mkfifo("var/lib/dpkg/status");
        mkfifo("app/package-lock.json");
        mkfifo("usr/local/bin/server.jar");
        file("app/requirements.txt", "flask==2.0.1\n");
        Files.createDirectories(root.resolve("app"));
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(root.resolve("app/yarn.lock")));

            Collected c = collect();

            assertThat(c.tar().names()).containsExactly("app/requirements.txt");
            assertThat(c.result().skipped()).extracting(SkippedFile::path, SkippedFile::reason,
                    SkippedFile::detail).containsExactly(
                    tuple("etc/os-release", SkipReason.NOT_REGULAR, "FIFO"),
                    tuple("var/lib/dpkg/status", SkipReason.NOT_REGULAR, "FIFO"),
                    tuple("app/package-lock.json", SkipReason.NOT_REGULAR, "FIFO"),
                    tuple("app/yarn.lock", SkipReason.NOT_REGULAR, "socket"),
                    tuple("usr/local/bin/server.jar", SkipReason.NOT_REGULAR,
                            "FIFO"));
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void devicesAreNeverOpened() throws Exception {
        assumeTrue(new UnixSystem().getUid() == 0, "making device nodes needs root");
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("lib/apk/db"));
        run("mknod", root.resolve("etc/os-release").toString(), "c", "1", "5"); // /dev/zero: endless
        run("mknod", root.resolve("lib/apk/db/installed").toString(), "c", "1", "3"); // /dev/null
        run("mknod", root.resolve("etc/debian_version").toString(), "b", "7", "0"); // a loop device
        link("etc/lsb-release", "/dev/zero"); // the root has no dev/: nothing there

        Collected c = collect();

        assertThat(c.tar().names()).isEmpty();
        assertThat(c.result().skipped()).extracting(SkippedFile::path, SkippedFile::reason,
                SkippedFile::detail).containsExactly(
                tuple("etc/os-release", SkipReason.NOT_REGULAR, "character device"),
                tuple("etc/debian_version", SkipReason.NOT_REGULAR, "block device"),
                tuple("lib/apk/db/installed", SkipReason.NOT_REGULAR,
                        "character device"));
    }

    @Test
    void filesOverThePerFileCapAreLeftOutButPackageDatabasesAreNot() throws Exception {
        sparse("app/big.jar", 2 << 20);
        sparse("app/small.jar", 1 << 20);
        file("app/package-lock.json", new byte[(1 << 20) + 1], "rw-r--r--");
        sparse("var/lib/rpm/Packages", 3 << 20);

        Collected c = collect(RootFileLimits.defaults().withMaxFileBytes(1 << 20));

        assertThat(c.tar().names()).containsExactly("var/lib/rpm/Packages", "app/small.jar");
        assertThat(c.tar().body("var/lib/rpm/Packages")).hasSize(3 << 20);
        assertThat(c.result().skipped()).extracting(SkippedFile::path, SkippedFile::reason, SkippedFile::detail)
                .containsExactly(
                        tuple("app/big.jar", SkipReason.TOO_LARGE,
                                "2097152 bytes, cap 1048576"),
                        tuple("app/package-lock.json", SkipReason.TOO_LARGE,
                                "1048577 bytes, cap 1048576"));
        assertThat(c.result().bounds()).containsExactly(Bound.FILE_SIZE);
    }

    @Test
    void whenTheBudgetRunsOutTheLargestAreLeftOut() throws Exception {
        file("app/requirements.txt", "x".repeat(100));
        sparse("app/a.jar", (1 << 20) + 1); // through the spool file
        sparse("app/b.jar", 2 << 20);
        sparse("opt/c.jar", 3 << 20);
        file("usr/bin/d", elf(4 << 20), "rwxr-xr-x");
        long budget = 100 + (1 << 20) + 1 + (2 << 20) + (3 << 20) + 10;

        Collected c = collect(RootFileLimits.defaults().withBudgetBytes(budget));

        assertThat(c.tar().names()).containsExactly("app/requirements.txt", "app/a.jar", "app/b.jar", "opt/c.jar");
        assertThat(c.tar().body("opt/c.jar")).isEqualTo(Files.readAllBytes(root.resolve("opt/c.jar")));
        assertThat(c.result().bytes()).isEqualTo(budget - 10);
        assertThat(c.result().skipped()).extracting(SkippedFile::path, SkippedFile::reason, SkippedFile::detail)
                .containsExactly(tuple("usr/bin/d", SkipReason.OVER_BUDGET,
                        "4194304 bytes, 10 left"));
        assertThat(c.result().bounds()).containsExactly(Bound.BUDGET);
    }

    @Test
    void dpkgFileListsComeAllOrNotAtAll() throws Exception {
        file("var/lib/dpkg/status", "x".repeat(100));
        file("var/lib/dpkg/info/a.list", "a".repeat(600));
        file("var/lib/dpkg/info/b:amd64.list", "b".repeat(600));

        Collected few = collect(RootFileLimits.defaults().withBudgetBytes(1000));
        Collected all = collect(RootFileLimits.defaults().withBudgetBytes(1300));

        assertThat(few.tar().names()).containsExactly("var/lib/dpkg/status");
        assertThat(few.result().skipped()).containsExactly(new SkippedFile("var/lib/dpkg/info/*.list",
                SkipReason.OVER_BUDGET, "2 files, 1200 bytes; 900 left"));
        assertThat(few.result().bounds()).containsExactly(Bound.BUDGET);
        assertThat(all.tar().names()).containsExactly("var/lib/dpkg/status", "var/lib/dpkg/info/a.list",
                "var/lib/dpkg/info/b:amd64.list");
        assertThat(all.result().truncated()).isFalse();
    }

    @Test
    void directoriesBelowTheDepthCapAreNotWalked() throws Exception {
        StringBuilder dir = new StringBuilder();
        List<String> levels = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            dir.append(i == 1 ? "" : "/").append('d').append(i);
            levels.add(dir.toString());
        }
        file(levels.get(9) + "/requirements.txt", "a==1\n"); // in a directory 10 deep
        file(levels.get(31) + "/requirements.txt", "b==1\n"); // 32 deep: the last walked
        file(levels.get(39) + "/requirements.txt", "c==1\n");

        Collected c = collect();

        assertThat(c.tar().names()).containsExactly(levels.get(9) + "/requirements.txt",
                levels.get(31) + "/requirements.txt");
        assertThat(c.result().skipped()).containsExactly(new SkippedFile(levels.get(32), SkipReason.TOO_DEEP,
                "deeper than 32"));
        assertThat(c.result().bounds()).containsExactly(Bound.DEPTH);
    }

    @Test
    void theWalkStopsAtTheEntryCapAndTheTarIsStillWhole() throws Exception {
        file("etc/os-release", "ID=test\n");
        for (int i = 0; i < 300; i++) {
            file("many/f%03d".formatted(i), "");
        }
        file("z/requirements.txt", "b==1\n");

        Collected c = collect(RootFileLimits.defaults().withMaxEntries(100));

        assertThat(c.tar().names()).containsExactly("etc/os-release");
        assertThat(c.result().bounds()).containsExactly(Bound.ENTRIES);
        assertThat(c.result().skipped()).isEmpty();
    }

    @Test
    void aFileThatGrowsWhileReadIsLeftOut() throws Exception {
        file("app/requirements.txt", "a==1\n");
        Path jar = sparse("app/growing.jar", 32 << 20);
        AtomicBoolean done = new AtomicBoolean();
        Thread appender = Thread.ofPlatform().start(() -> {
            try (FileChannel out = FileChannel.open(jar, StandardOpenOption.APPEND)) {
                ByteBuffer bytes = ByteBuffer.allocate(16);
                while (!done.get()) {
                    out.write(bytes.clear());
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Collected c;
        try {
            while (Files.size(jar) == 32 << 20) {
                Thread.onSpinWait();
            }
            c = collect();
        } finally {
            done.set(true);
            appender.join();
        }

        assertThat(c.tar().names()).containsExactly("app/requirements.txt");
        assertThat(c.result().skipped()).extracting(SkippedFile::path, SkippedFile::reason)
                .containsExactly(tuple("app/growing.jar", SkipReason.CHANGED));
    }

    @Test
    void whenTheTimeIsUpTheTarIsEndedAtOnce() throws Exception {
        file("etc/os-release", "ID=test\n");
        file("app/requirements.txt", "a==1\n");

        Collected c = collect(RootFileLimits.defaults().withTimeBudget(Duration.ZERO));

        assertThat(c.tar().names()).isEmpty();
        assertThat(c.result().files()).isZero();
        assertThat(c.result().bounds()).containsExactly(Bound.TIME);
    }

    @Test
    void longSkipListsAreCutAndCounted() throws Exception {
        for (int i = 0; i < CollectedFiles.MAX_LISTED + 5; i++) {
            sparse("app/%04d.jar".formatted(i), 10);
        }

        Collected c = collect(RootFileLimits.defaults().withMaxFileBytes(5));

        assertThat(c.result().skipped()).hasSize(CollectedFiles.MAX_LISTED);
        assertThat(c.result().unlisted()).isEqualTo(5);
    }

    @Test
    void writesToAFileReadableByItsOwnerOnly() throws Exception {
        file("etc/os-release", "ID=test\n");
        Path tar = work.resolve("out/root.tar.gz");

        CollectedFiles result = RootFiles.at(root).writeTo(tar);

        assertThat(result.files()).isOne();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tar))).isEqualTo("rw-------");
        try (InputStream in = Files.newInputStream(tar)) {
            assertThat(TarContents.read(in).text("etc/os-release")).isEqualTo("ID=test\n");
        }
    }

    @Test
    void namesOutsideAsciiKeepTheirBytes() throws Exception {
        assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")),
                "file names are decoded as " + System.getProperty("sun.jnu.encoding") + ", not UTF-8");
        file("srv/åpp/requirements.txt", "a==1\n");

        assertThat(collect().tar().names()).containsExactly("srv/åpp/requirements.txt");
    }

    @Test
    void aRootThatCannotBeOpenedIsAnError() {
        RootFiles gone = RootFiles.at(root.resolve("absent"));

        assertThatThrownBy(() -> gone.writeTo(new ByteArrayOutputStream())).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot open the root " + root.resolve("absent"));
        assertThatThrownBy(() -> RootFiles.ofProcess(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHostsOwnRootGivesItsOwnFiles() throws Exception {
        Path osRelease = Path.of("/etc/os-release");
        assumeTrue(Files.isReadable(osRelease), "this host has no /etc/os-release");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CollectedFiles result = RootFiles.ofHost().withLimits(RootFileLimits.defaults().withMaxEntries(2000)
                .withBudgetBytes(8 << 20)).withSpoolDirectory(work).writeTo(out);

        TarContents tar = TarContents.read(out.toByteArray());
        assertThat(tar.body("etc/os-release")).isEqualTo(Files.readAllBytes(osRelease));
        assertThat(result.files()).isEqualTo(tar.entries().size());
    }
}
