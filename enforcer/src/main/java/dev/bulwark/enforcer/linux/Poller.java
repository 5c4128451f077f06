package dev.bulwark.enforcer.linux;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * {@code poll(2)} on many netlink sockets at once, for the one thread that reads them all (or on one descriptor, for
 * a {@link KernelChannel}). Its poll set grows with the sockets polled and is reused: polling allocates no native
 * memory once it is large enough. Not thread-safe.
 */
public final class Poller implements AutoCloseable {

    private static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"),
            JAVA_SHORT.withName("events"),
            JAVA_SHORT.withName("revents")).withName("pollfd");
    private static final VarHandle FD = POLLFD.varHandle(groupElement("fd"));
    private static final VarHandle EVENTS = POLLFD.varHandle(groupElement("events"));
    private static final VarHandle REVENTS = POLLFD.varHandle(groupElement("revents"));
    private static final short POLLIN = 0x1;

    private final Arena arena = Arena.ofShared();
    private final Libc libc = new Libc(arena);
    private Arena setArena = Arena.ofShared();
    private MemorySegment set = setArena.allocate(POLLFD, 16);

    /**
     * The sockets with something to read (a datagram, or an error such as an overflow), waiting up to
     * {@code timeoutMillis} for one; empty on timeout or interruption.
     */
    public List<NetlinkSocket> poll(List<NetlinkSocket> sockets, int timeoutMillis) {
        int ready = poll(sockets.size(), i -> sockets.get(i).fd(), timeoutMillis);
        List<NetlinkSocket> readable = new ArrayList<>(ready);
        for (int i = 0; i < sockets.size() && readable.size() < ready; i++) {
            if ((short) REVENTS.get(entry(i), 0L) != 0) {
                readable.add(sockets.get(i));
            }
        }
        return readable;
    }

    /** Whether descriptor {@code fd} has something to read within {@code timeoutMillis}. */
    boolean readable(int fd, int timeoutMillis) {
        return poll(1, i -> fd, timeoutMillis) > 0;
    }

    /** Polls {@code count} descriptors; how many are ready, 0 on timeout or interruption. */
    private int poll(int count, IntUnaryOperator fdAt, int timeoutMillis) {
        if (set.byteSize() < POLLFD.byteSize() * count) {
            setArena.close();
            setArena = Arena.ofShared();
            set = setArena.allocate(POLLFD, count * 2L);
        }
        for (int i = 0; i < count; i++) {
            MemorySegment entry = entry(i);
            FD.set(entry, 0L, fdAt.applyAsInt(i));
            EVENTS.set(entry, 0L, POLLIN);
            REVENTS.set(entry, 0L, (short) 0);
        }
        try {
            return libc.poll(set, count, timeoutMillis);
        } catch (LinuxException e) {
            if (e.errno() == Libc.EINTR) {
                return 0;
            }
            throw e;
        }
    }

    private MemorySegment entry(int index) {
        return set.asSlice(index * POLLFD.byteSize(), POLLFD);
    }

    @Override
    public void close() {
        setArena.close();
        arena.close();
    }
}
