package dev.bulwark.enforcer.linux;

import java.lang.foreign.Arena;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks inside network namespaces on one dedicated platform thread: {@code setns(2)} moves only the calling
 * kernel thread, which a virtual thread does not own. Each task enters its namespace, runs (a socket made there
 * belongs to that namespace for good, {@code /proc/sys/net} written there is that namespace's) and the thread comes
 * back to the enforcer's own namespace before the next. Should coming back ever fail, the thread refuses all further
 * work rather than run a task in the wrong namespace.
 */
public final class NamespaceThread implements AutoCloseable {

    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 0x80000;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("bulwark-netns").daemon().factory());
    private final Arena arena = Arena.ofShared();
    private final Libc libc = new Libc(arena);
    private final Statx statx = new Statx(arena, libc);
    private final int ownNamespace;
    private volatile boolean stranded;

    public NamespaceThread() {
        ownNamespace = libc.openat(Libc.AT_FDCWD, arena.allocateFrom("/proc/self/ns/net"), O_RDONLY_CLOEXEC);
    }

    /**
     * {@code task}'s result, run inside {@code namespace}; {@link NamespaceGoneException} when the namespace is gone
     * (or its path names another one now). What the task throws comes out as it is.
     */
    public <T> T call(NetNamespace namespace, Callable<T> task) {
        Future<T> result = thread.submit(() -> inside(namespace, task));
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a task in " + namespace, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IllegalStateException("task in " + namespace + " failed", e.getCause());
        }
    }

    private <T> T inside(NetNamespace namespace, Callable<T> task) throws Exception {
        if (stranded) {
            throw new IllegalStateException("the namespace thread could not return to its own namespace");
        }
        int fd;
        try (Arena call = Arena.ofConfined()) {
            fd = libc.openat(Libc.AT_FDCWD, call.allocateFrom(namespace.path().toString()), O_RDONLY_CLOEXEC);
        } catch (LinuxException e) {
            throw NamespaceGoneException.orRethrow(namespace.path(), e);
        }
        try {
            if (statx.of(fd).inode() != namespace.inode()) {
                throw new NamespaceGoneException(namespace.path(), "it names another namespace now");
            }
            libc.setns(fd, CLONE_NEWNET);
        } finally {
            libc.close(fd);
        }
        try {
            return task.call();
        } finally {
            try {
                libc.setns(ownNamespace, CLONE_NEWNET);
            } catch (LinuxException e) {
                stranded = true;
                throw new IllegalStateException("could not return to the enforcer's namespace", e);
            }
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        libc.close(ownNamespace);
        arena.close();
    }
}
