package dev.bulwark.enforcer.container;

import static java.util.Objects.requireNonNull;

/**
 * A container named by a process's cgroup path: its id (64 hex digits for every runtime but plain runc, whose ids
 * are whatever the caller chose) and the runtime the path form implies.
 */
public record ContainerRef(String id, ContainerRuntime runtime) {

    public ContainerRef {
        requireNonNull(id, "id");
        requireNonNull(runtime, "runtime");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("container id is empty");
        }
    }
}
