package dev.bulwark.enforcer.process;

import dev.bulwark.enforcer.event.Incident;
import java.nio.file.Files;
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

    /** Whom an incident is about. */
    public Incident.Subject subject() {
        return new Incident.Subject(id, name, group);
    }

    /**
     * The file at an absolute path of this workload's file system, as the enforcer reaches it; empty when some part
     * of the path is a symbolic link, which the kernel would resolve against the enforcer's own root, out of the
     * container and onto the host's files.
     */
    public Optional<Path> file(String path) {
        Path at = root.orElse(Path.of("/")).resolve(".");
        for (Path part : Path.of("/").relativize(Path.of("/").resolve(path).normalize())) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                return Optional.empty();
            }
        }
        return Optional.of(at);
    }
}
