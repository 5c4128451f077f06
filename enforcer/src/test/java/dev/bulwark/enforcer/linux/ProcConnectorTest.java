package dev.bulwark.enforcer.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ProcConnectorTest {

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());

    /** A netlink message carrying one proc_event of {@code what} with the given u32 event data. */
    private static void message(MemorySegment m, long at, int length, int what, int... data) {
        m.set(U32, at, length);
        m.set(U32, at + 36, what);
        for (int i = 0; i < data.length; i++) {
            m.set(U32, at + 52 + 4L * i, data[i]);
        }
    }

    @Test
    void decodesProcessEventsAndSkipsThreadsAndGarbage() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = arena.allocate(4096);
            message(m, 0, 76, 0x1, 10, 10, 11, 11);
            message(m, 76, 76, 0x1, 10, 10, 12, 11);
            message(m, 152, 76, 0x2, 11, 11);
            message(m, 228, 76, 0x4, 11, 11, 1000, 0);
            message(m, 304, 76, 0x80000000, 11, 11, 256, 17);
            message(m, 380, 76, 0x200, 11, 11);
            List<ProcEvent> seen = new ArrayList<>();
            ProcConnector.decode(m, 456, seen::add);
            assertThat(seen).containsExactly(new ProcEvent.Fork(10, 11), new ProcEvent.Exec(11),
                    new ProcEvent.Uid(11, 1000, 0), new ProcEvent.Exit(11, 256));

            seen.clear();
            ProcConnector.decode(m, 60, seen::add);
            m.set(U32, 0, 5000);
            ProcConnector.decode(m, 456, seen::add);
            m.set(U32, 0, 3);
            ProcConnector.decode(m, 456, seen::add);
            assertThat(seen).as("short, overlong and undersized messages").isEmpty();
        }
    }

    @Test
    void theKernelReportsARealChildsForkExecAndExit() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "the process connector needs root: skipped");
        List<ProcEvent> seen = new CopyOnWriteArrayList<>();
        try (ProcConnector c = ProcConnector.open(1 << 20)) {
            Thread t = Thread.ofPlatform().start(() -> c.run(seen::add, 50));
            Process p = new ProcessBuilder("/bin/sh", "-c", "/bin/true; exit 3").start();
            assertThat(p.waitFor()).isEqualTo(3);
            int pid = (int) p.pid();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!seen.contains(new ProcEvent.Exit(pid, 3 << 8)) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            c.close();
            t.join();
            assertThat(seen).contains(new ProcEvent.Exec(pid), new ProcEvent.Exit(pid, 3 << 8));
            assertThat(seen).anyMatch(e -> e instanceof ProcEvent.Fork f && f.parentPid() == pid);
        }
    }
}
