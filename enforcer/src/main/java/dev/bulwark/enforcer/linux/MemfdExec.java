package dev.bulwark.enforcer.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Forbids or allows running anonymous files ({@code memfd_create}) in a container, through the kernel's
 * {@code vm.memfd_noexec}, which each pid namespace has of its own: 2 makes every new memfd of the namespace (and
 * of namespaces made inside it later) unexecutable and refuses {@code MFD_EXEC}. Nothing else can stop such an
 * exec before it runs: fanotify cannot watch the kernel's internal memfd file system. The setting is written by a
 * process inside the namespace ({@code nsenter}), as the kernel applies it to the writer's own.
 */
public final class MemfdExec {

    private static final System.Logger LOG = System.getLogger(MemfdExec.class.getName());
    private static final Path NSENTER = Path.of("/usr/bin/nsenter");

    private MemfdExec() {}

    /** Sets the pid namespace of {@code pid} to forbid ({@code vm.memfd_noexec=2}) or allow (0) memfd execs. */
    public static void forbid(int pid, boolean forbidden) {
        if (!Files.isExecutable(NSENTER)) {
            LOG.log(System.Logger.Level.WARNING, NSENTER + " is missing (util-linux): memfd execs in containers are "
                    + "only reported and stopped after they start");
            return;
        }
        try {
            Process p = new ProcessBuilder(NSENTER.toString(), "--target", Integer.toString(pid), "--pid", "--",
                    "/bin/sh", "-c", "echo " + (forbidden ? 2 : 0) + " > /proc/sys/vm/memfd_noexec")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            } else if (p.exitValue() != 0) {
                LOG.log(System.Logger.Level.WARNING, "cannot set vm.memfd_noexec in the pid namespace of " + pid);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot run " + NSENTER, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
