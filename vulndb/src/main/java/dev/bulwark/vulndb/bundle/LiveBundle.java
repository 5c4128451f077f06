package dev.bulwark.vulndb.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The database of a long-running scanner: the bundle at a path, reopened when {@code db update} or
 * {@code db import} swaps a new file in, so that the process never needs a restart. A swap is noticed by the
 * file's identity (inode), size and modification time, looked at no more often than {@code checkEvery}. A new
 * file that does not open (damaged, wrong signature) is reported and the old bundle stays in use. A replaced
 * bundle is closed once the last reader that started on it has finished.
 */
public final class LiveBundle implements AutoCloseable {

    private final Path file;
    private final Bundle.Trust trust;
    private final Duration checkEvery;
    private final Consumer<String> problems;
    private final Object reloading = new Object();
    private volatile Lease current;
    private volatile long nextCheck;
    private Stamp rejected;

    /** What identifies one version of the file on disk. */
    private record Stamp(Object fileKey, long size, long modified) {

        static Stamp of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.fileKey(), a.size(), a.lastModifiedTime().toMillis());
        }
    }

    /** A bundle and the readers using it; -1 readers means closed. */
    private static final class Lease {
        final Bundle bundle;
        final Stamp stamp;
        final AtomicInteger readers = new AtomicInteger();
        volatile boolean retired;

        Lease(Bundle bundle, Stamp stamp) {
            this.bundle = bundle;
            this.stamp = stamp;
        }

        boolean acquire() {
            for (int n = readers.get(); n >= 0; n = readers.get()) {
                if (readers.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
            return false;
        }

        void release() {
            if (readers.decrementAndGet() == 0 && retired) {
                closeIfIdle();
            }
        }

        void retire() {
            retired = true;
            closeIfIdle();
        }

        private void closeIfIdle() {
            if (readers.compareAndSet(0, -1)) {
                bundle.close();
            }
        }
    }

    /**
     * Opens the bundle now; later changes are picked up by {@link #read}.
     *
     * @param problems told why a new file was not taken (the old one stays in use)
     * @throws IOException if the bundle cannot be opened at all
     */
    public LiveBundle(Path file, Bundle.Trust trust, Duration checkEvery, Consumer<String> problems)
            throws IOException {
        this.file = file;
        this.trust = Objects.requireNonNull(trust, "trust");
        this.checkEvery = checkEvery;
        this.problems = problems;
        Stamp stamp = Stamp.of(file);
        this.current = new Lease(Bundle.open(file, trust), stamp);
        this.nextCheck = System.nanoTime() + checkEvery.toNanos();
    }

    /** Runs {@code work} on the current bundle, which stays open until it returns. */
    public <T> T read(Function<Bundle, T> work) {
        refreshIfDue();
        Lease lease;
        do {
            lease = current;
        } while (!lease.acquire());
        try {
            return work.apply(lease.bundle);
        } finally {
            lease.release();
        }
    }

    private void refreshIfDue() {
        if (System.nanoTime() - nextCheck < 0) {
            return;
        }
        synchronized (reloading) {
            if (System.nanoTime() - nextCheck < 0) {
                return;
            }
            nextCheck = System.nanoTime() + checkEvery.toNanos();
            try {
                Stamp stamp = Stamp.of(file);
                if (stamp.equals(current.stamp) || stamp.equals(rejected)) {
                    return;
                }
                rejected = stamp;
                Lease replaced = current;
                current = new Lease(Bundle.open(file, trust), stamp);
                replaced.retire();
            } catch (IOException | RuntimeException e) {
                problems.accept("keeping the database built %s: %s".formatted(current.bundle.header().built(),
                        e.getMessage()));
            }
        }
    }

    @Override
    public void close() {
        current.retire();
    }
}
