package dev.bulwark.controller.store;

import dev.bulwark.core.io.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The {@link ClusterStore} of a single controller, on local disk: every transaction is appended to a
 * {@link WriteAheadLog} and forced to disk before it is applied and acknowledged, so {@code kill -9} at any moment
 * loses nothing acknowledged. When the log grows past {@link #SNAPSHOT_AFTER_BYTES}, the whole state is written to
 * a snapshot (temporary file, fsync, atomic rename) and the log starts over. Reads are served from memory.
 * Leases restart their full time to live when the store is reopened. Thread-safe.
 */
public final class EmbeddedStore implements ClusterStore {

    static final long SNAPSHOT_AFTER_BYTES = 64L << 20;
    static final int HISTORY = 10_000;
    static final int MAX_KEY_BYTES = 4096;
    static final int MAX_VALUE_BYTES = 16 << 20;

    private static final byte TXN = 1;
    private static final byte LEASE_GRANT = 2;
    private static final byte LEASE_REVOKE = 3;
    private static final byte PUT = 1;
    private static final byte DELETE = 2;
    private static final byte DELETE_PREFIX = 3;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final String SNAPSHOT_MAGIC = "bulwark-store-snapshot-1";

    private final Path dir;
    private final WriteAheadLog log;
    private final ConcurrentSkipListMap<String, KeyValue> data = new ConcurrentSkipListMap<>();
    private final Map<Long, Lease> leases = new HashMap<>();
    private final Deque<WatchEvent> history = new ArrayDeque<>();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService leaseTimer;
    private volatile long revision;
    private long nextLease = 1;
    private boolean closed;

    /**
     * Keeps a copy of a log damaged in its middle and cuts it before the damage, so that the store opens with the
     * records before it; says what was kept and what was cut.
     */
    public static String repair(Path dir) {
        try {
            WriteAheadLog.Repair r = WriteAheadLog.repair(dir.resolve("wal.log"));
            return "kept the damaged log as %s; %d records before the damage stay, %d bytes after it were cut"
                    .formatted(r.kept(), r.records(), r.cut());
        } catch (IOException e) {
            throw new StoreException("cannot repair the store log in %s: %s".formatted(dir, e.getMessage()), e);
        }
    }

    /** A lease: its time to live and when it ends unless kept alive. */
    private record Lease(long ttlMillis, long deadlineNanos) {}

    private EmbeddedStore(Path dir, WriteAheadLog log) {
        this.dir = dir;
        this.log = log;
        this.leaseTimer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("store-leases").factory());
    }

    /**
     * Opens (creating when absent) the store in a directory that only the controller's user may read. A corrupt
     * snapshot or a log damaged in its middle is an error, never an empty or shortened store.
     */
    public static EmbeddedStore open(Path dir) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
            WriteAheadLog.Opened opened = WriteAheadLog.open(dir.resolve("wal.log"));
            EmbeddedStore store = new EmbeddedStore(dir, opened.log());
            store.loadSnapshot();
            for (byte[] record : opened.records()) {
                store.replay(record);
            }
            store.history.clear();
            store.leaseTimer.scheduleWithFixedDelay(store::expireLeases, 100, 100, TimeUnit.MILLISECONDS);
            return store;
        } catch (IOException e) {
            throw new StoreException("cannot open the store in %s: %s".formatted(dir, e.getMessage()), e);
        }
    }

    @Override
    public Optional<KeyValue> get(String key) {
        return Optional.ofNullable(data.get(key));
    }

    @Override
    public List<KeyValue> list(String prefix) {
        return List.copyOf(range(data, prefix).values());
    }

    private static NavigableMap<String, KeyValue> range(ConcurrentSkipListMap<String, KeyValue> map, String prefix) {
        return prefix.isEmpty() ? map : map.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
    }

    @Override
    public long revision() {
        return revision;
    }

    @Override
    public synchronized OptionalLong commit(Txn txn) {
        ensureOpen();
        for (Txn.Condition c : txn.conditions()) {
            KeyValue current = data.get(c.key());
            if ((current == null ? Txn.ABSENT : current.modRevision()) != c.modRevision()) {
                return OptionalLong.empty();
            }
        }
        for (Txn.Op op : txn.ops()) {
            check(op);
        }
        long next = revision + 1;
        append(WriteAheadLog.encode(out -> writeTxn(out, next, txn.ops())));
        apply(next, txn.ops());
        snapshotIfLarge();
        return OptionalLong.of(next);
    }

    private void check(Txn.Op op) {
        if (op.key().isEmpty() && !(op instanceof Txn.DeletePrefix)
                || op.key().getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("keys are 1 to %d bytes".formatted(MAX_KEY_BYTES));
        }
        if (op instanceof Txn.Put put) {
            if (put.value().length > MAX_VALUE_BYTES) {
                throw new IllegalArgumentException("values are at most %d bytes".formatted(MAX_VALUE_BYTES));
            }
            if (put.lease() != 0 && !leases.containsKey(put.lease())) {
                throw new IllegalArgumentException("lease %d has ended".formatted(put.lease()));
            }
        }
    }

    private void append(byte[] record) {
        try {
            log.append(record);
        } catch (IOException e) {
            throw new StoreException("cannot write the store log: " + e.getMessage(), e);
        }
    }

    private static void writeTxn(DataOutputStream out, long revision, List<Txn.Op> ops) throws IOException {
        out.writeByte(TXN);
        out.writeLong(revision);
        out.writeInt(ops.size());
        for (Txn.Op op : ops) {
            byte[] key = op.key().getBytes(StandardCharsets.UTF_8);
            switch (op) {
                case Txn.Put put -> {
                    out.writeByte(PUT);
                    writeBytes(out, key);
                    writeBytes(out, put.value());
                    out.writeLong(put.lease());
                }
                case Txn.Delete d -> {
                    out.writeByte(DELETE);
                    writeBytes(out, key);
                }
                case Txn.DeletePrefix d -> {
                    out.writeByte(DELETE_PREFIX);
                    writeBytes(out, key);
                }
            }
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_VALUE_BYTES) {
            throw new IOException("bad length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /** Applies committed operations to memory and tells the watchers. */
    private void apply(long newRevision, List<Txn.Op> ops) {
        List<WatchEvent> events = new ArrayList<>();
        for (Txn.Op op : ops) {
            switch (op) {
                case Txn.Put put -> {
                    KeyValue before = data.get(put.key());
                    KeyValue after = new KeyValue(put.key(), put.value(),
                            before == null ? newRevision : before.createRevision(), newRevision, put.lease());
                    data.put(put.key(), after);
                    events.add(new WatchEvent(WatchEvent.Type.PUT, after, newRevision));
                }
                case Txn.Delete d -> {
                    KeyValue before = data.remove(d.key());
                    if (before != null) {
                        events.add(new WatchEvent(WatchEvent.Type.DELETE, before, newRevision));
                    }
                }
                case Txn.DeletePrefix d -> {
                    var range = range(data, d.key());
                    for (KeyValue before : List.copyOf(range.values())) {
                        data.remove(before.key());
                        events.add(new WatchEvent(WatchEvent.Type.DELETE, before, newRevision));
                    }
                }
            }
        }
        revision = newRevision;
        for (WatchEvent e : events) {
            history.addLast(e);
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
        }
        for (Watcher w : watchers) {
            w.offer(events);
        }
    }

    private void replay(byte[] record) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
        switch (in.readByte()) {
            case TXN -> {
                long rev = in.readLong();
                int n = in.readInt();
                List<Txn.Op> ops = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    byte type = in.readByte();
                    String key = new String(readBytes(in), StandardCharsets.UTF_8);
                    ops.add(switch (type) {
                        case PUT -> new Txn.Put(key, readBytes(in), in.readLong());
                        case DELETE -> new Txn.Delete(key);
                        case DELETE_PREFIX -> new Txn.DeletePrefix(key);
                        default -> throw new IOException("unknown operation " + type);
                    });
                }
                apply(rev, ops);
            }
            case LEASE_GRANT -> {
                long id = in.readLong();
                long ttl = in.readLong();
                leases.put(id, new Lease(ttl, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ttl)));
                nextLease = Math.max(nextLease, id + 1);
            }
            case LEASE_REVOKE -> leases.remove(in.readLong());
            default -> throw new IOException("unknown record type");
        }
    }

    @Override
    public Watch watch(String prefix, long afterRevision, Consumer<List<WatchEvent>> listener) {
        synchronized (this) {
            ensureOpen();
            Watcher w = new Watcher(prefix, listener);
            long oldest = history.isEmpty() ? revision + 1 : history.peekFirst().revision();
            long start = Math.max(afterRevision + 1, oldest);
            history.stream().filter(e -> e.revision() >= start)
                    .collect(java.util.stream.Collectors.groupingBy(WatchEvent::revision, java.util.TreeMap::new,
                            java.util.stream.Collectors.toList()))
                    .values().forEach(w::offer);
            w.start = start;
            watchers.add(w);
            return w;
        }
    }

    /** Delivers events under a prefix to one listener, a transaction at a time, in order, on its own thread. */
    private final class Watcher implements Watch {
        private final String prefix;
        private final LinkedBlockingQueue<List<WatchEvent>> queue = new LinkedBlockingQueue<>();
        private final Thread thread;
        private volatile boolean open = true;
        private long start;

        Watcher(String prefix, Consumer<List<WatchEvent>> listener) {
            this.prefix = prefix;
            this.thread = Thread.ofVirtual().name("store-watch").start(() -> {
                try {
                    while (open) {
                        List<WatchEvent> transaction = queue.take();
                        if (open) {
                            listener.accept(transaction);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        /** Queues the events of one transaction that fall under the prefix, if any. */
        void offer(List<WatchEvent> transaction) {
            List<WatchEvent> mine = transaction.stream().filter(e -> e.entry().key().startsWith(prefix)).toList();
            if (!mine.isEmpty()) {
                queue.add(mine);
            }
        }

        @Override
        public long startRevision() {
            return start;
        }

        @Override
        public void close() {
            open = false;
            watchers.remove(this);
            thread.interrupt();
        }
    }

    @Override
    public synchronized long grantLease(Duration ttl) {
        ensureOpen();
        long id = nextLease++;
        long millis = Math.max(1, ttl.toMillis());
        append(WriteAheadLog.encode(out -> {
            out.writeByte(LEASE_GRANT);
            out.writeLong(id);
            out.writeLong(millis);
        }));
        leases.put(id, new Lease(millis, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis)));
        return id;
    }

    @Override
    public synchronized boolean keepAlive(long lease) {
        Lease l = leases.get(lease);
        if (l == null) {
            return false;
        }
        leases.put(lease, new Lease(l.ttlMillis(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(l.ttlMillis())));
        return true;
    }

    @Override
    public synchronized void revokeLease(long lease) {
        if (closed || !leases.containsKey(lease)) {
            return;
        }
        List<Txn.Op> deletes = data.values().stream().filter(kv -> kv.lease() == lease)
                .<Txn.Op>map(kv -> new Txn.Delete(kv.key())).toList();
        if (!deletes.isEmpty()) {
            long next = revision + 1;
            append(WriteAheadLog.encode(out -> writeTxn(out, next, deletes)));
            apply(next, deletes);
        }
        append(WriteAheadLog.encode(out -> {
            out.writeByte(LEASE_REVOKE);
            out.writeLong(lease);
        }));
        leases.remove(lease);
    }

    private void expireLeases() {
        List<Long> expired;
        synchronized (this) {
            long now = System.nanoTime();
            expired = leases.entrySet().stream().filter(e -> now - e.getValue().deadlineNanos() > 0)
                    .map(Map.Entry::getKey).toList();
        }
        for (long lease : expired) {
            try {
                revokeLease(lease);
            } catch (StoreException e) {
                return;
            }
        }
    }

    private void snapshotIfLarge() {
        try {
            if (log.size() > SNAPSHOT_AFTER_BYTES) {
                snapshot();
            }
        } catch (IOException e) {
            throw new StoreException("cannot write a store snapshot: " + e.getMessage(), e);
        }
    }

    /** Writes the whole state to the snapshot file, then empties the log. Called with the lock held. */
    synchronized void snapshot() throws IOException {
        byte[] body = WriteAheadLog.encode(out -> {
            out.writeUTF(SNAPSHOT_MAGIC);
            out.writeLong(revision);
            out.writeLong(nextLease);
            out.writeInt(leases.size());
            for (var e : leases.entrySet()) {
                out.writeLong(e.getKey());
                out.writeLong(e.getValue().ttlMillis());
            }
            out.writeInt(data.size());
            for (KeyValue kv : data.values()) {
                writeBytes(out, kv.key().getBytes(StandardCharsets.UTF_8));
                writeBytes(out, kv.value());
                out.writeLong(kv.createRevision());
                out.writeLong(kv.modRevision());
                out.writeLong(kv.lease());
            }
        });
        CRC32C crc = new CRC32C();
        crc.update(body);
        AtomicFiles.write(dir.resolve("snapshot.bin"), AtomicFiles.OWNER_ONLY, out -> {
            out.write(body);
            out.write(java.nio.ByteBuffer.allocate(8).putLong(crc.getValue()).array());
        });
        log.reset();
    }

    private void loadSnapshot() throws IOException {
        Path file = dir.resolve("snapshot.bin");
        if (!Files.exists(file)) {
            return;
        }
        byte[] all = Files.readAllBytes(file);
        if (all.length < 8) {
            throw new IOException("snapshot.bin is cut short");
        }
        CRC32C crc = new CRC32C();
        crc.update(all, 0, all.length - 8);
        if (java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong() != crc.getValue()) {
            throw new IOException("snapshot.bin fails its checksum");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8));
        if (!in.readUTF().equals(SNAPSHOT_MAGIC)) {
            throw new IOException("snapshot.bin is not a store snapshot");
        }
        revision = in.readLong();
        nextLease = in.readLong();
        int leaseCount = in.readInt();
        for (int i = 0; i < leaseCount; i++) {
            long id = in.readLong();
            long ttl = in.readLong();
            leases.put(id, new Lease(ttl, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ttl)));
        }
        int keys = in.readInt();
        for (int i = 0; i < keys; i++) {
            String key = new String(readBytes(in), StandardCharsets.UTF_8);
            data.put(key, new KeyValue(key, readBytes(in), in.readLong(), in.readLong(), in.readLong()));
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("the store is closed");
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        leaseTimer.shutdownNow();
        watchers.forEach(Watcher::close);
        try {
            log.close();
        } catch (IOException e) {
            throw new StoreException("cannot close the store log: " + e.getMessage(), e);
        }
    }
}
