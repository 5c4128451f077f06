package dev.bulwark.enforcer.process;

import dev.bulwark.enforcer.linux.LinuxException;
import dev.bulwark.enforcer.linux.Pidfd;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Kills the very process a {@link ProcessInfo} describes, never one that was given its pid after it exited. The
 * process is pinned with a pidfd first; only then is the start time at that pid compared with the one recorded: when
 * they match, the pidfd names the process that was judged, and the signal goes through it.
 */
final class ProcessKill {

    private ProcessKill() {}

    /** Whether {@code p} was killed; false when it is gone or its pid now belongs to another process. */
    static boolean kill(Path proc, ProcessInfo p) {
        Pidfd pidfd;
        try {
            pidfd = Pidfd.open(p.pid());
        } catch (LinuxException gone) {
            return false;
        }
        try (pidfd) {
            if (p.startTime() == 0 || ProcessInfo.startTime(proc, p.pid()) != p.startTime()) {
                return false;
            }
            pidfd.kill();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
