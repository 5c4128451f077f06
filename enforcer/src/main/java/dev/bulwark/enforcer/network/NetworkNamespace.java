package dev.bulwark.enforcer.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A process's network namespace, named by the link {@code /proc/PID/ns/net} ({@code net:[INODE]}). */
public final class NetworkNamespace {

    private NetworkNamespace() {}

    /** The namespace of {@code pid}; none when the process is gone. */
    public static Optional<String> of(Path proc, int pid) {
        return link(proc.resolve(Integer.toString(pid)).resolve("ns/net"));
    }

    /** Whether {@code pid} is in the enforcer's own namespace: the host's network (a host-network container). */
    public static boolean host(Path proc, int pid) {
        Optional<String> own = link(proc.resolve("self/ns/net"));
        return own.isPresent() && own.equals(of(proc, pid));
    }

    private static Optional<String> link(Path path) {
        try {
            return Optional.of(Files.readSymbolicLink(path).toString());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
