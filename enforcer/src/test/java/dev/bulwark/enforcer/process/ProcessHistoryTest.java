package dev.bulwark.enforcer.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.link.model.ProcessEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessHistoryTest {

    private static ProcessInfo process(int pid, String name) {
        return new ProcessInfo(pid, 1, name, "/bin/" + name, List.of(name, "-x"), 0, 0, 100);
    }

    @Test
    void keepsWhatRanWhatWasDoneAndWhenItEnded() {
        ProcessHistory h = new ProcessHistory();
        h.started("c1", process(10, "sh"), "root", 1000);
        h.started("c1", process(11, "nc"), "root", 1001);
        h.acted(11, "deny");
        h.exited(11, 1002);
        h.started("c2", process(12, "cat"), "www", 1003);

        assertThat(h.of("c1")).extracting(ProcessEntry::name, ProcessEntry::action, ProcessEntry::exitedTimestamp)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sh", "allow", 0L),
                        org.assertj.core.groups.Tuple.tuple("nc", "deny", 1002L));
        assertThat(h.running("c1")).extracting(ProcessEntry::name).containsExactly("sh");
        assertThat(h.of("c1").get(1).cmdline()).isEqualTo("nc -x");
        h.forget("c1");
        assertThat(h.of("c1")).isEmpty();
        assertThat(h.of("c2")).hasSize(1);
    }

    @Test
    void isBoundedPerContainerAndForgetsExitedPids() {
        ProcessHistory h = new ProcessHistory();
        for (int pid = 1; pid <= ProcessHistory.PER_CONTAINER * 3; pid++) {
            h.started("c", process(pid, "p" + pid), "", pid);
            h.exited(pid, pid);
        }
        assertThat(h.of("c")).hasSize(ProcessHistory.PER_CONTAINER);
        assertThat(h.of("c").getLast().name()).isEqualTo("p" + ProcessHistory.PER_CONTAINER * 3);
        h.acted(5, "deny"); // long gone: nothing to change, nothing kept for it
        assertThat(h.of("c")).noneMatch(e -> e.action().equals("deny"));
    }
}
