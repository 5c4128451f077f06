package dev.bulwark.enforcer.linux;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * The netlink process connector ({@code NETLINK_CONNECTOR}, {@code CN_IDX_PROC}): the kernel multicasts fork, exec,
 * uid change and exit of every process on the host. Needs CAP_NET_ADMIN. Thread events (where the thread id is not
 * the process id) are left out: the enforcer reasons about processes.
 */
public final class ProcConnector extends KernelChannel {

    private static final int NETLINK_CONNECTOR = 11;
    private static final short NLMSG_DONE = 3;
    // <linux/connector.h>, <linux/cn_proc.h>
    private static final int CN_IDX_PROC = 1;
    private static final int CN_VAL_PROC = 1;
    private static final int PROC_CN_MCAST_LISTEN = 1;
    private static final int PROC_CN_MCAST_IGNORE = 2;
    private static final int PROC_EVENT_FORK = 0x1;
    private static final int PROC_EVENT_EXEC = 0x2;
    private static final int PROC_EVENT_UID = 0x4;
    private static final int PROC_EVENT_EXIT = 0x80000000;

    /*
     * Netlink packs a message's parts at 4-byte boundaries, and proc_event (with its 8-byte timestamp) follows the
     * 20 bytes of cn_msg: every field is read unaligned.
     */
    private static final StructLayout NLMSGHDR = MemoryLayout.structLayout(
            JAVA_INT_UNALIGNED.withName("nlmsg_len"),
            JAVA_SHORT_UNALIGNED.withName("nlmsg_type"),
            JAVA_SHORT_UNALIGNED.withName("nlmsg_flags"),
            JAVA_INT_UNALIGNED.withName("nlmsg_seq"),
            JAVA_INT_UNALIGNED.withName("nlmsg_pid")).withName("nlmsghdr");
    private static final StructLayout CN_MSG = MemoryLayout.structLayout(
            JAVA_INT_UNALIGNED.withName("idx"),
            JAVA_INT_UNALIGNED.withName("val"),
            JAVA_INT_UNALIGNED.withName("seq"),
            JAVA_INT_UNALIGNED.withName("ack"),
            JAVA_SHORT_UNALIGNED.withName("len"),
            JAVA_SHORT_UNALIGNED.withName("flags")).withName("cn_msg");
    /** The two ids every event of {@code cn_proc.h} starts with: the thread's, then its process's. */
    private static final StructLayout PROCESS_IDS = MemoryLayout.structLayout(
            JAVA_INT_UNALIGNED.withName("pid"),
            JAVA_INT_UNALIGNED.withName("tgid"));
    private static final StructLayout PROC_EVENT = MemoryLayout.structLayout(
            JAVA_INT_UNALIGNED.withName("what"),
            JAVA_INT_UNALIGNED.withName("cpu"),
            JAVA_LONG_UNALIGNED.withName("timestamp_ns"),
            MemoryLayout.unionLayout(
                    MemoryLayout.structLayout(
                            PROCESS_IDS.withName("parent"),
                            PROCESS_IDS.withName("child")).withName("fork"),
                    MemoryLayout.structLayout(
                            PROCESS_IDS.withName("process")).withName("exec"),
                    MemoryLayout.structLayout(
                            PROCESS_IDS.withName("process"),
                            JAVA_INT_UNALIGNED.withName("ruid"),
                            JAVA_INT_UNALIGNED.withName("euid")).withName("id"),
                    MemoryLayout.structLayout(
                            PROCESS_IDS.withName("process"),
                            JAVA_INT_UNALIGNED.withName("exit_code"),
                            JAVA_INT_UNALIGNED.withName("exit_signal"),
                            PROCESS_IDS.withName("parent")).withName("exit")).withName("event_data"))
            .withName("proc_event");
    /** A message as the kernel sends it; {@code event_data} is as long as its kind needs. */
    private static final StructLayout MESSAGE = MemoryLayout.structLayout(
            NLMSGHDR.withName("header"),
            CN_MSG.withName("connector"),
            PROC_EVENT.withName("event"));
    /** What a message must hold to be read: up to the union, whose longest member read (fork) is 16 bytes. */
    private static final long MESSAGE_READ = MESSAGE.byteOffset(groupElement("event"),
            groupElement("event_data")) + 16;

    private static final VarHandle LENGTH = MESSAGE.varHandle(groupElement("header"), groupElement("nlmsg_len"));
    private static final VarHandle WHAT = MESSAGE.varHandle(groupElement("event"), groupElement("what"));
    private static final VarHandle FORK_PARENT = event("fork", "parent", "tgid");
    private static final VarHandle FORK_CHILD_PID = event("fork", "child", "pid");
    private static final VarHandle FORK_CHILD_TGID = event("fork", "child", "tgid");
    private static final VarHandle EXEC_PID = event("exec", "process", "pid");
    private static final VarHandle EXEC_TGID = event("exec", "process", "tgid");
    private static final VarHandle ID_PID = event("id", "process", "pid");
    private static final VarHandle ID_TGID = event("id", "process", "tgid");
    private static final VarHandle ID_RUID = event("id", "ruid");
    private static final VarHandle ID_EUID = event("id", "euid");
    private static final VarHandle EXIT_PID = event("exit", "process", "pid");
    private static final VarHandle EXIT_TGID = event("exit", "process", "tgid");
    private static final VarHandle EXIT_CODE = event("exit", "exit_code");

    /** The subscription message: a header, the connector's address, the operation. */
    private static final StructLayout CONTROL = MemoryLayout.structLayout(
            NLMSGHDR.withName("header"),
            CN_MSG.withName("connector"),
            JAVA_INT_UNALIGNED.withName("op"));
    private static final VarHandle CONTROL_LENGTH = CONTROL.varHandle(groupElement("header"),
            groupElement("nlmsg_len"));
    private static final VarHandle CONTROL_TYPE = CONTROL.varHandle(groupElement("header"),
            groupElement("nlmsg_type"));
    private static final VarHandle CONTROL_PID = CONTROL.varHandle(groupElement("header"),
            groupElement("nlmsg_pid"));
    private static final VarHandle CONTROL_IDX = CONTROL.varHandle(groupElement("connector"), groupElement("idx"));
    private static final VarHandle CONTROL_VAL = CONTROL.varHandle(groupElement("connector"), groupElement("val"));
    private static final VarHandle CONTROL_DATA_LENGTH = CONTROL.varHandle(groupElement("connector"),
            groupElement("len"));
    private static final VarHandle CONTROL_OP = CONTROL.varHandle(groupElement("op"));

    private final MemorySegment control = arena.allocate(CONTROL);
    private Consumer<ProcEvent> sink = e -> { };

    private ProcConnector(int fd) {
        super(fd);
    }

    private static VarHandle event(String kind, String... field) {
        MemoryLayout.PathElement[] path = new MemoryLayout.PathElement[field.length + 3];
        path[0] = groupElement("event");
        path[1] = groupElement("event_data");
        path[2] = groupElement(kind);
        for (int i = 0; i < field.length; i++) {
            path[i + 3] = groupElement(field[i]);
        }
        return MESSAGE.varHandle(path);
    }

    /** Subscribes to process events; {@code receiveBuffer} bytes of kernel buffer absorb bursts. */
    public static ProcConnector open(int receiveBuffer) {
        int fd;
        try (Arena setup = Arena.ofConfined()) {
            fd = NetlinkSocket.openDescriptor(new Libc(setup), setup, 0, NETLINK_CONNECTOR, CN_IDX_PROC,
                    receiveBuffer);
        }
        ProcConnector connector = new ProcConnector(fd);
        try {
            connector.subscribe(PROC_CN_MCAST_LISTEN);
        } catch (RuntimeException e) {
            connector.close();
            throw e;
        }
        return connector;
    }

    private void subscribe(int op) {
        CONTROL_LENGTH.set(control, 0L, (int) CONTROL.byteSize());
        CONTROL_TYPE.set(control, 0L, NLMSG_DONE);
        CONTROL_PID.set(control, 0L, (int) ProcessHandle.current().pid());
        CONTROL_IDX.set(control, 0L, CN_IDX_PROC);
        CONTROL_VAL.set(control, 0L, CN_VAL_PROC);
        CONTROL_DATA_LENGTH.set(control, 0L, (short) JAVA_INT.byteSize());
        CONTROL_OP.set(control, 0L, op);
        libc.send(fd, control);
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
            return libc.recv(fd, buffer);
        } catch (LinuxException e) {
            if (e.errno() == Libc.ENOBUFS) {
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
        long at = 0;
        while (at + MESSAGE_READ <= length) {
            int messageLength = (int) LENGTH.get(data, at);
            if (messageLength < NLMSGHDR.byteSize() || at + messageLength > length) {
                return;
            }
            ProcEvent e = switch ((int) WHAT.get(data, at)) {
                case PROC_EVENT_FORK -> (int) FORK_CHILD_PID.get(data, at) == (int) FORK_CHILD_TGID.get(data, at)
                        ? new ProcEvent.Fork((int) FORK_PARENT.get(data, at), (int) FORK_CHILD_TGID.get(data, at))
                        : null;
                case PROC_EVENT_EXEC -> (int) EXEC_PID.get(data, at) == (int) EXEC_TGID.get(data, at)
                        ? new ProcEvent.Exec((int) EXEC_TGID.get(data, at)) : null;
                case PROC_EVENT_UID -> (int) ID_PID.get(data, at) == (int) ID_TGID.get(data, at)
                        ? new ProcEvent.Uid((int) ID_TGID.get(data, at), (int) ID_RUID.get(data, at),
                                (int) ID_EUID.get(data, at)) : null;
                case PROC_EVENT_EXIT -> (int) EXIT_PID.get(data, at) == (int) EXIT_TGID.get(data, at)
                        ? new ProcEvent.Exit((int) EXIT_TGID.get(data, at), (int) EXIT_CODE.get(data, at)) : null;
                default -> null; // a kind the enforcer does not use
            };
            if (e != null) {
                sink.accept(e);
            }
            at += (messageLength + 3) & ~3; // NLMSG_ALIGN
        }
    }

    @Override
    protected void beforeRelease() {
        try {
            subscribe(PROC_CN_MCAST_IGNORE);
        } catch (LinuxException ignored) {
            // closing the socket ends the subscription as well
        }
    }
}
