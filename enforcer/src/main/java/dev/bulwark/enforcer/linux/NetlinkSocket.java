package dev.bulwark.enforcer.linux;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * A non-blocking netlink socket ({@code AF_NETLINK}) of any protocol, in the network namespace of the thread that
 * opens it (see {@link NamespaceThread}), subscribed to multicast {@code groups}. Messages go in and come out as
 * bytes: what they mean is the caller's business. One thread at a time uses it (the one that opens it, then a
 * reader); the reader polls it with a {@link Poller} and closes it.
 */
public final class NetlinkSocket implements AutoCloseable {

    public static final int NETLINK_NETFILTER = 12;
    /** What {@link #receive} returns when no datagram is waiting. */
    public static final int NOTHING = -1;
    /** What {@link #receive} returns when the kernel dropped messages for want of buffer ({@code ENOBUFS}). */
    public static final int OVERFLOW = -2;
    /** The largest datagram received whole; a longer one is cut (netlink datagrams stay well below). */
    public static final int MAX_DATAGRAM = 64 * 1024;

    private static final int AF_NETLINK = 16;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUFFORCE = 33;
    private static final StructLayout SOCKADDR_NL = MemoryLayout.structLayout(
            JAVA_SHORT.withName("nl_family"),
            JAVA_SHORT.withName("nl_pad"),
            JAVA_INT.withName("nl_pid"),
            JAVA_INT.withName("nl_groups")).withName("sockaddr_nl");
    private static final VarHandle NL_FAMILY = SOCKADDR_NL.varHandle(groupElement("nl_family"));
    private static final VarHandle NL_GROUPS = SOCKADDR_NL.varHandle(groupElement("nl_groups"));

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final Libc libc = new Libc(arena);
    private final MemorySegment buffer = arena.allocate(MAX_DATAGRAM, 8);
    private boolean closed;

    private NetlinkSocket(int fd) {
        this.fd = fd;
    }

    /**
     * A socket of {@code protocol} bound to the multicast {@code groups} (a bit mask, 0 for none), with
     * {@code receiveBuffer} bytes of kernel buffer (forced past {@code rmem_max}: needs CAP_NET_ADMIN).
     */
    public static NetlinkSocket open(int protocol, int groups, int receiveBuffer) {
        int fd;
        try (Arena setup = Arena.ofConfined()) {
            fd = openDescriptor(new Libc(setup), setup, SOCK_NONBLOCK, protocol, groups, receiveBuffer);
        }
        return new NetlinkSocket(fd);
    }

    /** A bound netlink descriptor; {@code typeFlags} are added to {@code SOCK_DGRAM | SOCK_CLOEXEC}. */
    static int openDescriptor(Libc libc, Arena setup, int typeFlags, int protocol, int groups, int receiveBuffer) {
        int fd = libc.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | typeFlags, protocol);
        try {
            libc.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, setup.allocateFrom(JAVA_INT, receiveBuffer));
            MemorySegment address = setup.allocate(SOCKADDR_NL);
            NL_FAMILY.set(address, 0L, (short) AF_NETLINK);
            NL_GROUPS.set(address, 0L, groups);
            libc.bind(fd, address);
        } catch (RuntimeException e) {
            libc.close(fd);
            throw e;
        }
        return fd;
    }

    /** Sends one datagram (one or more netlink messages) to the kernel. */
    public void send(byte[] datagram) {
        if (datagram.length > MAX_DATAGRAM) {
            throw new IllegalArgumentException("a datagram of " + datagram.length + " bytes");
        }
        MemorySegment.copy(datagram, 0, buffer, JAVA_BYTE, 0, datagram.length);
        libc.send(fd, buffer.asSlice(0, datagram.length));
    }

    /**
     * Receives one datagram into {@code into} (at least {@link #MAX_DATAGRAM} long): its length, {@link #NOTHING}
     * or {@link #OVERFLOW}.
     */
    public int receive(byte[] into) {
        long length;
        try {
            length = libc.recv(fd, buffer);
        } catch (LinuxException e) {
            return switch (e.errno()) {
                case Libc.EAGAIN, Libc.EINTR -> NOTHING;
                case Libc.ENOBUFS -> OVERFLOW;
                default -> throw e;
            };
        }
        MemorySegment.copy(buffer, JAVA_BYTE, 0, into, 0, (int) length);
        return (int) length;
    }

    int fd() {
        return fd;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            libc.close(fd);
            arena.close();
        }
    }
}
