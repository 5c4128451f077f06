package dev.bulwark.enforcer.process;

import dev.bulwark.enforcer.linux.Libc;
import dev.bulwark.enforcer.linux.LinuxException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Kills the very process a {@link ProcessInfo} describes, never one that was given its pid after it exited. The
 * process is pinned with a pidfd first; only then is the start time at that pid compared with the one recorded: when
 * they match, the pidfd names the process that was judged, and the signal goes through it.
 */
final class ProcessKill {

    private static final int SIGKILL = 9;

    private ProcessKill() {}

    /** Whether {@code p} was killed; false when it is gone or its pid now belongs to another process. */
    static boolean kill(Path proc, ProcessInfo p) {
        int pidfd;
        try {
            pidfd = Libc.pidfdOpen(p.pid());
        } catch (LinuxException gone) {
            return false;
        }
        try {
            if (p.startTime() == 0 || ProcessInfo.startTime(proc, p.pid()) != p.startTime()) {
                return false;
            }
            Libc.pidfdSendSignal(pidfd, SIGKILL);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            Libc.close(pidfd);
        }
    }
}
