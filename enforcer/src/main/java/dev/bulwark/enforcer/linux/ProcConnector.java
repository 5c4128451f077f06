package dev.bulwark.enforcer.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * The netlink process connector ({@code NETLINK_CONNECTOR}, {@code CN_IDX_PROC}): the kernel multicasts fork, exec,
 * uid change and exit of every process on the host. Needs CAP_NET_ADMIN. Thread events (where the thread id is not
 * the process id) are left out: the enforcer reasons about processes.
 */
public final class ProcConnector extends KernelChannel {

    private static final int AF_NETLINK = 16;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_CONNECTOR = 11;
    private static final int CN_IDX_PROC = 1;
    private static final int CN_VAL_PROC = 1;
    private static final int NLMSG_DONE = 3;
    private static final int NLMSG_HDRLEN = 16;
    private static final int CN_MSG_HDRLEN = 20;
    private static final int PROC_CN_MCAST_LISTEN = 1;
    private static final int PROC_CN_MCAST_IGNORE = 2;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUFFORCE = 33;
    private static final int ENOBUFS = 105;

    private static final int WHAT_FORK = 0x1;
    private static final int WHAT_EXEC = 0x2;
    private static final int WHAT_UID = 0x4;
    private static final int WHAT_EXIT = 0x80000000;

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());

    private Consumer<ProcEvent> sink = e -> { };

    private ProcConnector(int fd) {
        super(fd);
    }

    /** Subscribes to process events; {@code receiveBuffer} bytes of kernel buffer absorb bursts. */
    public static ProcConnector open(int receiveBuffer) {
        int fd = Libc.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_CONNECTOR);
        try {
            Libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, receiveBuffer);
            try (Arena a = Arena.ofConfined()) {
                MemorySegment address = a.allocate(12);
                address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_NETLINK);
                address.set(U32, 8, CN_IDX_PROC);
                Libc.bind(fd, address);
            }
            control(fd, PROC_CN_MCAST_LISTEN);
            return new ProcConnector(fd);
        } catch (RuntimeException e) {
            Libc.close(fd);
            throw e;
        }
    }

    private static void control(int fd, int op) {
        try (Arena a = Arena.ofConfined()) {
            int length = NLMSG_HDRLEN + CN_MSG_HDRLEN + 4;
            MemorySegment m = a.allocate(length);
            m.set(U32, 0, length);
            m.set(ValueLayout.JAVA_SHORT_UNALIGNED, 4, (short) NLMSG_DONE);
            m.set(U32, 12, Libc.getpid());
            m.set(U32, NLMSG_HDRLEN, CN_IDX_PROC);
            m.set(U32, NLMSG_HDRLEN + 4, CN_VAL_PROC);
            m.set(ValueLayout.JAVA_SHORT_UNALIGNED, NLMSG_HDRLEN + 16, (short) 4);
            m.set(U32, NLMSG_HDRLEN + CN_MSG_HDRLEN, op);
            Libc.send(fd, m);
        }
    }

    /**
     * Receives events until closed, passing each to {@code sink} on the calling thread; returns when {@link #close}
     * is called (within {@code pollMillis}). When the kernel had to drop events, the sink gets {@link ProcEvent.Lost}.
     */
    public void run(Consumer<ProcEvent> eventSink, int pollMillis) {
        this.sink = eventSink;
        loop(pollMillis);
    }

    @Override
    protected long receive() {
        try {
            return Libc.recv(fd, buffer);
        } catch (LinuxException e) {
            if (e.errno() == ENOBUFS) {
                sink.accept(new ProcEvent.Lost());
                return -1;
            }
            throw e;
        }
    }

    @Override
    protected void consume(long length) {
        decode(buffer, length, sink);
    }

    /** Decodes the netlink messages in the first {@code length} bytes of a datagram. */
    static void decode(MemorySegment data, long length, Consumer<ProcEvent> sink) {
        long offset = 0;
        while (offset + NLMSG_HDRLEN + CN_MSG_HDRLEN + 16 <= length) {
            int messageLength = data.get(U32, offset);
            if (messageLength < NLMSG_HDRLEN || offset + messageLength > length) {
                return;
            }
            long event = offset + NLMSG_HDRLEN + CN_MSG_HDRLEN;
            int what = data.get(U32, event);
            long d = event + 16;
            ProcEvent e = switch (what) {
                case WHAT_FORK -> isProcess(data, d + 8) ? new ProcEvent.Fork(data.get(U32, d + 4),
                        data.get(U32, d + 12)) : null;
                case WHAT_EXEC -> isProcess(data, d) ? new ProcEvent.Exec(data.get(U32, d + 4)) : null;
                case WHAT_UID -> isProcess(data, d) ? new ProcEvent.Uid(data.get(U32, d + 4), data.get(U32, d + 8),
                        data.get(U32, d + 12)) : null;
                case WHAT_EXIT -> isProcess(data, d) ? new ProcEvent.Exit(data.get(U32, d + 4),
                        data.get(U32, d + 8)) : null;
                default -> null;
            };
            if (e != null) {
                sink.accept(e);
            }
            offset += (messageLength + 3) & ~3;
        }
    }

    /** Whether the pid/tgid pair at {@code at} names a process rather than one of its other threads. */
    private static boolean isProcess(MemorySegment data, long at) {
        return data.get(U32, at) == data.get(U32, at + 4);
    }

    @Override
    protected void beforeRelease() {
        try {
            control(fd, PROC_CN_MCAST_IGNORE);
        } catch (LinuxException ignored) {
            // closing the socket ends the subscription as well
        }
    }
}
