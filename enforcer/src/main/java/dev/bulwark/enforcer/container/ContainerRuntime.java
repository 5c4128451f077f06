package dev.bulwark.enforcer.container;

/** The runtime that made a container, as its cgroup path tells it. */
public enum ContainerRuntime {
    /** Plain runc: {@code runc run} with its default cgroup path {@code /<id>}. */
    RUNC,
    /** Docker Engine, with the cgroupfs ({@code /docker/<id>}) or systemd ({@code docker-<id>.scope}) driver. */
    DOCKER,
    /** containerd through its CRI plugin, as Kubernetes runs it; also bare ids under {@code /kubepods}. */
    CONTAINERD,
    /** CRI-O ({@code crio-<id>}). */
    CRIO,
    /** podman (libpod). */
    PODMAN
}
