package dev.bulwark.controller.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreTest extends ClusterStoreContract {

    @TempDir
    Path dir;

    @Override
    protected ClusterStore openEmpty() {
        return EmbeddedStore.open(dir.resolve("store"));
    }

    @Test
    void everythingSurvivesAReopenAndASnapshot() throws IOException {
        for (int i = 0; i < 100; i++) {
            store.put("k/" + i, "v" + i);
        }
        store.delete("k/7");
        long revision = store.revision();
        store.close();
        store = EmbeddedStore.open(dir.resolve("store"));
        assertThat(store.list("k/")).hasSize(99);
        assertThat(store.revision()).isEqualTo(revision);

        ((EmbeddedStore) store).snapshot();
        store.put("k/after", "snapshot");
        store.close();
        assertThat(Files.size(dir.resolve("store/wal.log"))).isPositive();
        store = EmbeddedStore.open(dir.resolve("store"));
        assertThat(store.list("k/")).hasSize(100);
        assertThat(store.get("k/42").orElseThrow().text()).isEqualTo("v42");
        assertThat(store.revision()).isEqualTo(revision + 1);
    }

    @Test
    void aTornTailIsCutAndACorruptSnapshotRefused() throws IOException {
        store.put("a", "1");
        store.put("b", "2");
        store.close();
        Path wal = dir.resolve("store/wal.log");
        long intact = Files.size(wal);
        Files.write(wal, new byte[] {0, 0, 0, 40, 1, 2, 3}, StandardOpenOption.APPEND);
        store = EmbeddedStore.open(dir.resolve("store"));
        assertThat(store.get("b")).isPresent();
        assertThat(Files.size(wal)).isEqualTo(intact);
        store.put("c", "3");
        ((EmbeddedStore) store).snapshot();
        store.close();

        Path snapshot = dir.resolve("store/snapshot.bin");
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(snapshot, bytes);
        assertThatThrownBy(() -> EmbeddedStore.open(dir.resolve("store"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("checksum");
        store = EmbeddedStore.open(dir.resolve("other"));
    }

    /** The offset of record {@code index} (0-based) of a log, following the length fields. */
    private static int recordOffset(byte[] log, int index) {
        int at = 0;
        for (int i = 0; i < index; i++) {
            at += 8 + java.nio.ByteBuffer.wrap(log, at, 4).getInt();
        }
        return at;
    }

    @Test
    void aFlippedBitInTheMiddleRefusesToStartNamingTheOffsetAndTheRepairKeepsACopy() throws IOException {
        for (int i = 1; i <= 15; i++) {
            store.put("group/" + i, "value " + i);
        }
        store.close();
        Path wal = dir.resolve("store/wal.log");
        byte[] intact = Files.readAllBytes(wal);
        for (int flipped : new int[] {recordOffset(intact, 6) + 12, recordOffset(intact, 6) + 1}) { // payload, length
            byte[] damaged = intact.clone();
            damaged[flipped] ^= 0x10;
            Files.write(wal, damaged);
            assertThatThrownBy(() -> EmbeddedStore.open(dir.resolve("store"))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("damaged at byte " + recordOffset(intact, 6))
                    .hasMessageContaining("record 7").hasMessageContaining("--repair-store");
            assertThat(Files.readAllBytes(wal)).as("nothing changed").isEqualTo(damaged);
        }
        String repaired = EmbeddedStore.repair(dir.resolve("store"));
        assertThat(repaired).contains("6 records before the damage stay");
        try (var copies = Files.list(dir.resolve("store"))) {
            Path copy = copies.filter(f -> f.getFileName().toString().startsWith("wal.log.damaged-")).findFirst()
                    .orElseThrow();
            assertThat(Files.readAllBytes(copy)).as("the damaged log, kept whole").hasSize(intact.length);
        }
        store = EmbeddedStore.open(dir.resolve("store"));
        assertThat(store.list("group/")).hasSize(6);
    }

    @Test
    void theStoreIsReadableByItsOwnerOnly() throws IOException {
        store.put("user/admin", "hash");
        ((EmbeddedStore) store).snapshot();
        store.put("user/other", "hash");
        Path storeDir = dir.resolve("store");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(storeDir)))
                .isEqualTo("rwx------");
        for (String file : List.of("wal.log", "snapshot.bin")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    storeDir.resolve(file)))).as(file).isEqualTo("rw-------");
        }
    }

    /**
     * On a real file system that fills up (a 1 MiB tmpfs the test mounts): a write that fails for lack of space
     * leaves nothing in the log, the writes acknowledged once space is back all survive a restart without a close.
     */
    @Test
    void aWriteFailedOnAFullDiskLeavesNothingThatLaterAcknowledgedWritesSitBehind() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "mounting a small tmpfs needs root: skipped");
        Path small = Files.createDirectories(dir.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString())
                .inheritIO().start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here: skipped");
        try {
            ClusterStore full = EmbeddedStore.open(small.resolve("store"));
            full.put("group/before", "kept");
            Path filler = small.resolve("filler");
            try (var out = Files.newOutputStream(filler)) {
                byte[] block = new byte[4096];
                while (true) {
                    out.write(block);
                }
            } catch (IOException noSpace) {
                // the file system is full
            }
            try (var channel = java.nio.channels.FileChannel.open(filler, StandardOpenOption.WRITE)) {
                channel.truncate(channel.size() - 65_536); // room for part of the next record, not all of it
            }
            long logBefore = Files.size(small.resolve("store/wal.log"));
            assertThatThrownBy(() -> full.put("group/big", "x".repeat(300_000))).isInstanceOf(StoreException.class);
            assertThat(Files.size(small.resolve("store/wal.log"))).as("the failed write cut back").isEqualTo(logBefore);
            Files.delete(filler);
            for (int i = 1; i <= 5; i++) {
                full.put("group/after-" + i, "acknowledged");
            }
            // no close: as after kill -9
            ClusterStore reopened = EmbeddedStore.open(small.resolve("store"));
            assertThat(reopened.list("group/")).extracting(KeyValue::key).containsExactly("group/after-1",
                    "group/after-2", "group/after-3", "group/after-4", "group/after-5", "group/before");
            reopened.close();
            full.close();
        } finally {
            new ProcessBuilder("umount", "-l", small.toString()).inheritIO().start().waitFor();
        }
    }

    /**
     * A child JVM commits keys as fast as it can and prints each one once its commit returned; it is killed with
     * SIGKILL mid-burst. Every key it printed must be in the store afterwards.
     */
    @Test
    void killNineLosesNoAcknowledgedWrite() throws Exception {
        store.close();
        Path storeDir = dir.resolve("killed");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), StoreWriterMain.class.getName(), storeDir.toString())
                .redirectErrorStream(true).start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ok ")) {
                    acknowledged.add(line.substring(3));
                }
                if (acknowledged.size() == 500) {
                    new ProcessBuilder("kill", "-KILL", String.valueOf(child.pid())).start().waitFor();
                }
            }
        }
        child.waitFor();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(500);
        store = EmbeddedStore.open(storeDir);
        for (String key : acknowledged) {
            assertThat(store.get(key)).as(key).isPresent();
        }
    }
}
