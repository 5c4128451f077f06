package dev.bulwark.enforcer.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.bulwark.link.proto.Batch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;

    private static Batch.Builder incidents(int n, int size) {
        Batch.Builder b = Batch.newBuilder();
        for (int i = 0; i < n; i++) {
            b.addIncidents(ByteString.copyFrom(new byte[size]));
        }
        return b;
    }

    @Test
    void batchesAreNumberedKeptUntilAcknowledgedAndSurviveARestart() {
        Spool spool = new Spool(dir, 1 << 20);
        long first = spool.add(incidents(1, 10)).getSeq();
        long second = spool.add(incidents(2, 10)).getSeq();
        assertThat(second).isEqualTo(first + 1);
        spool.acknowledged(first);
        assertThat(spool.after(0)).extracting(Batch::getSeq).containsExactly(second);

        Spool reopened = new Spool(dir, 1 << 20);
        assertThat(reopened.after(0)).extracting(Batch::getSeq).containsExactly(second);
        assertThat(reopened.add(incidents(1, 10)).getSeq()).as("numbers never go back").isEqualTo(second + 1);
        assertThat(reopened.after(second)).hasSize(1);
    }

    @Test
    void numbersKeepGrowingWhenEverythingWasAcknowledged() {
        Spool spool = new Spool(dir, 1 << 20);
        long seq = spool.add(incidents(1, 10)).getSeq();
        spool.acknowledged(seq);
        assertThat(new Spool(dir, 1 << 20).add(incidents(1, 10)).getSeq()).isEqualTo(seq + 1);
    }

    @Test
    void whenFullTheOldestGoAndTheirRecordsAreCounted() {
        Spool spool = new Spool(dir, 10_000);
        for (int i = 0; i < 10; i++) {
            spool.add(incidents(3, 1_000));
        }
        assertThat(spool.size()).isLessThan(10);
        assertThat(spool.dropped()).isEqualTo((10 - spool.size()) * 3L);
        List<Long> kept = spool.after(0).stream().map(Batch::getSeq).toList();
        assertThat(kept).isSorted().endsWith(10L);
    }

    @Test
    void filesThatAreNotBatchesAreIgnored() throws Exception {
        Files.writeString(dir.resolve("junk.batch"), "x");
        Files.writeString(dir.resolve("00000000000000000007.batch"), "\u00ff\u00ff not a protobuf");
        Spool spool = new Spool(dir, 1 << 20);
        assertThat(spool.after(0)).as("a torn batch is skipped, not sent").isEmpty();
        assertThat(spool.add(incidents(1, 1)).getSeq()).isEqualTo(8);
    }
}
