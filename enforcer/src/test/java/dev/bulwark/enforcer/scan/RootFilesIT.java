package dev.bulwark.enforcer.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.enforcer.testing.RuncContainer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RootFiles} on a real container: alpine 3.11's layer run by runc, read through {@code /proc/PID/root} of
 * its process while it runs, with links planted in it that name a file only the host has.
 */
class RootFilesIT {

    @TempDir
    Path dir;

    @BeforeEach
    void needsRunc() {
        RuncContainer.assumeAvailable();
    }

    @Test
    void readsTheContainersFilesThroughItsRootAndNeverTheHosts() throws Exception {
        Path image = SharedData.path("fixtures/images/alpine-3.11.tar.gz");
        Path layer = RuncContainer.imageLayer(image, dir);
        String marker = "host only " + UUID.randomUUID();
        Path hostOnly = Files.writeString(dir.resolve("host-only.txt"), marker); // no such path in the container

        try (RuncContainer c = RuncContainer.builder(dir).layer(layer).args("sleep", "60")
                .symlink("etc/lsb-release", "/etc/shadow")
                .symlink("etc/redhat-release", hostOnly.toString())
                .symlink("etc/centos-release", "../../../../../../../../../.." + hostOnly)
                .symlink("etc/fedora-release", "/proc/1/root" + hostOnly)
                .symlink("usr/lib/python3.8/site-packages/evil.dist-info/METADATA", "/proc/1/root/etc/shadow")
                .config(RootFilesIT::tmpfsOnSrv).start()) {
            c.exec("sh", "-c", "mkdir -p /srv/app && echo flask==2.0.1 > /srv/app/requirements.txt")
                    .requireSuccess();
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            CollectedFiles result = RootFiles.ofProcess(c.pid()).withSpoolDirectory(dir).writeTo(out);

            TarContents tar = TarContents.read(out.toByteArray());
            Path rootfs = c.rootfs();
            assertThat(tar.body("etc/os-release")).isEqualTo(Files.readAllBytes(rootfs.resolve("etc/os-release")));
            assertThat(tar.body("lib/apk/db/installed"))
                    .isEqualTo(Files.readAllBytes(rootfs.resolve("lib/apk/db/installed")));
            assertThat(tar.text("etc/alpine-release")).startsWith("3.11");
            // /etc/shadow as the container sees it: its own
            assertThat(tar.body("etc/lsb-release")).isEqualTo(Files.readAllBytes(rootfs.resolve("etc/shadow")))
                    .isNotEqualTo(Files.readAllBytes(Path.of("/etc/shadow")));
            // on a tmpfs mounted in the container's mount namespace only
            assertThat(tar.text("srv/app/requirements.txt")).isEqualTo("flask==2.0.1\n");
            assertThat(rootfs.resolve("srv/app")).doesNotExist();
            assertThat(tar.names()).contains("bin/busybox", "sbin/apk")
                    .doesNotContain("etc/redhat-release", "etc/centos-release", "etc/fedora-release",
                            "usr/lib/python3.8/site-packages/evil.dist-info/METADATA")
                    .noneMatch(n -> n.startsWith("proc/") || n.startsWith("dev/") || n.startsWith("sys/"));
            for (String name : tar.names()) {
                assertThat(tar.text(name)).as(name).doesNotContain(marker);
            }
            assertThat(result.skipped()).extracting(SkippedFile::path, SkippedFile::reason)
                    .containsExactly(tuple("etc/centos-release", SkipReason.OUTSIDE_ROOT));
            assertThat(result.truncated()).isFalse();
        }
    }

    /** The image's only layer, out of the docker-archive. */
    private static void tmpfsOnSrv(ObjectNode spec) {
        ObjectNode mount = ((ArrayNode) spec.path("mounts")).addObject();
        mount.put("destination", "/srv").put("type", "tmpfs").put("source", "tmpfs");
        mount.putArray("options").add("nosuid").add("nodev").add("mode=755").add("size=1m");
    }
}
