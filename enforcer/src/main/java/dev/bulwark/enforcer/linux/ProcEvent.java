package dev.bulwark.enforcer.linux;

/** One event of the kernel's process connector, as {@link ProcConnector} decodes it. */
public sealed interface ProcEvent {

    /** The thread group (process) the event is about. */
    int pid();

    record Fork(int parentPid, int pid) implements ProcEvent {}

    record Exec(int pid) implements ProcEvent {}

    record Uid(int pid, int realUid, int effectiveUid) implements ProcEvent {}

    record Exit(int pid, int exitCode) implements ProcEvent {}

    /** The kernel dropped events (the socket's buffer overflowed): whoever listens should rescan /proc. */
    record Lost() implements ProcEvent {
        @Override
        public int pid() {
            return 0;
        }
    }
}
