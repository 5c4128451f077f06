package dev.bulwark.enforcer.process;

import dev.bulwark.link.model.ProcessEntry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last programs each container ran, with what was done about each, so that a process that lived for
 * milliseconds can still be looked at ({@code /v1/workload/{id}/process_history}). Bounded per container; the
 * oldest entry goes first. Thread-safe.
 */
public final class ProcessHistory {

    static final int PER_CONTAINER = 256;

    private final Map<String, Deque<ProcessEntry>> byContainer = new ConcurrentHashMap<>();
    private final Map<Integer, String> containerOfPid = new ConcurrentHashMap<>();

    /** A process started in a container, allowed unless {@link #acted} says otherwise later. */
    void started(String container, ProcessInfo p, String user, long now) {
        Deque<ProcessEntry> entries = byContainer.computeIfAbsent(container, c -> new ArrayDeque<>());
        synchronized (entries) {
            entries.removeIf(e -> e.pid() == p.pid() && e.exitedTimestamp() == 0);
            entries.addLast(new ProcessEntry(p.name(), p.pid(), p.ppid(), user, p.euid(), p.cmdline(), p.path(), now,
                    0, "allow"));
            if (entries.size() > PER_CONTAINER) {
                entries.removeFirst();
            }
        }
        containerOfPid.put(p.pid(), container);
    }

    /** What was done about a process: {@code violate} or {@code deny}. */
    void acted(int pid, String action) {
        change(pid, e -> new ProcessEntry(e.name(), e.pid(), e.parent(), e.user(), e.uid(), e.cmdline(), e.path(),
                e.startTimestamp(), e.exitedTimestamp(), action));
    }

    void exited(int pid, long now) {
        change(pid, e -> e.exitedTimestamp() != 0 ? e : new ProcessEntry(e.name(), e.pid(), e.parent(), e.user(),
                e.uid(), e.cmdline(), e.path(), e.startTimestamp(), now, e.action()));
        containerOfPid.remove(pid);
    }

    private void change(int pid, java.util.function.UnaryOperator<ProcessEntry> change) {
        String container = containerOfPid.get(pid);
        Deque<ProcessEntry> entries = container == null ? null : byContainer.get(container);
        if (entries == null) {
            return;
        }
        synchronized (entries) {
            java.util.List<ProcessEntry> all = new java.util.ArrayList<>(entries);
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i).pid() == pid) {
                    all.set(i, change.apply(all.get(i)));
                    break;
                }
            }
            entries.clear();
            entries.addAll(all);
        }
    }

    /** The container's processes, oldest first: those that exited, and those still running. */
    public List<ProcessEntry> of(String container) {
        Deque<ProcessEntry> entries = byContainer.get(container);
        if (entries == null) {
            return List.of();
        }
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** The container's processes that have not exited. */
    public List<ProcessEntry> running(String container) {
        return of(container).stream().filter(e -> e.exitedTimestamp() == 0).toList();
    }

    public void forget(String container) {
        byContainer.remove(container);
        containerOfPid.values().removeIf(container::equals);
    }
}
