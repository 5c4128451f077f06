package dev.bulwark.enforcer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.enforcer.linux.Fanotify;
import dev.bulwark.enforcer.linux.FileId;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private static final Fanotify.Event EXEC = new Fanotify.Event(Fanotify.FAN_OPEN_EXEC_PERM, 4242,
            Path.of("/tmp/miner"), FileId.UNKNOWN);

    @Test
    void aDecisionThatTakesTooLongIsAllowedAndReported() {
        List<String> failsafe = new CopyOnWriteArrayList<>();
        try (Deadline d = new Deadline(e -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return false;
        }, 50, (e, why) -> failsafe.add(e.path() + ": " + why))) {
            long start = System.nanoTime();
            assertThat(d.allow(EXEC)).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
            assertThat(failsafe).containsExactly("/tmp/miner: no decision within 50 ms: allowed");
            assertThat(d.counters()).containsExactly(1, 1);
        }
    }

    @Test
    void aFailingDecisionIsAllowedAndReportedAndAGoodOneStands() {
        List<String> failsafe = new CopyOnWriteArrayList<>();
        try (Deadline d = new Deadline(e -> {
            if (e.pid() == 1) {
                throw new OutOfMemoryError("simulated");
            }
            return e.pid() != 2;
        }, 1_000, (e, why) -> failsafe.add(why))) {
            assertThat(d.allow(new Fanotify.Event(Fanotify.FAN_OPEN_EXEC_PERM, 1, Path.of("/x"), FileId.UNKNOWN)))
                    .isTrue();
            assertThat(d.allow(new Fanotify.Event(Fanotify.FAN_OPEN_EXEC_PERM, 2, Path.of("/x"), FileId.UNKNOWN)))
                    .isFalse();
            assertThat(failsafe).singleElement().asString().contains("deciding failed", "simulated");
            assertThat(d.counters()).containsExactly(2, 1);
        }
    }
}
