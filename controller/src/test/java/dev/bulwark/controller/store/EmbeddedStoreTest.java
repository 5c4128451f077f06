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
