package dev.bulwark.enforcer.container;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where the node's files are seen from the enforcer: {@code /} when it runs on the host, the host's root mounted
 * elsewhere when it runs in a container, a temporary tree in tests. Every host path is resolved under {@link #root}
 * and cannot leave it.
 */
public record NodePaths(Path root) {

    static final String PROC = "/proc";
    static final String RUNC_ROOT = "/run/runc";
    /** containers/storage run root: CRI-O keeps each container's bundle here. */
    static final String STORAGE_RUN_ROOT = "/run/containers/storage";
    /** containers/storage graph root: podman keeps each container's bundle and the name index here. */
    static final String STORAGE_GRAPH_ROOT = "/var/lib/containers/storage";
    /** containerd's v2 shims keep one bundle per container under a directory per containerd namespace. */
    static final String CONTAINERD_TASKS = "/run/containerd/io.containerd.runtime.v2.task";
    static final String CONTAINERD_RUNC_ROOT = "/run/containerd/runc";
    /** Docker's data root: one directory per container with its {@code config.v2.json}. */
    static final String DOCKER_ROOT = "/var/lib/docker";

    public NodePaths {
        root = requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** The node seen directly: the enforcer runs on the host. */
    public static NodePaths host() {
        return new NodePaths(Path.of("/"));
    }

    /** The file that the absolute host path {@code hostPath} names, as the enforcer reaches it. */
    Path onHost(String hostPath) {
        Path resolved = root.resolve(hostPath.replaceFirst("^/+", "")).normalize();
        return resolved.startsWith(root) ? resolved : root;
    }
}
