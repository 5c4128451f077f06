package dev.bulwark.enforcer.process;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Whom a process runs for, as policy sees it: a container (id, name, its learned group) or the host (the
 * {@code nodes} group).
 *
 * @param root the container's root as the host reaches it ({@code /proc/PID/root}), empty for the host
 */
public record Workload(String id, String name, String group, Optional<Path> root) {

    public static final Workload HOST = new Workload("", "", "nodes", Optional.empty());

    public boolean host() {
        return root.isEmpty();
    }
}
