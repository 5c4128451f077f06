package dev.bulwark.enforcer.process;

import dev.bulwark.enforcer.event.Incident;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code /proc/PID} tells of a process: its name ({@code comm}: the base name of what it executed, so busybox
 * applets keep their own names), executable path, command line, parent and user ids.
 *
 * @param path the executable as the process's own mount namespace names it (container paths for containers)
 * @param startTime when it started, in clock ticks after boot (field 22 of {@code /proc/PID/stat}); with the pid,
 *     it tells this process from a later one given the same pid. 0 when unknown
 */
public record ProcessInfo(int pid, int ppid, String name, String path, List<String> argv, int uid, int euid,
        long startTime) {

    public ProcessInfo {
        argv = List.copyOf(argv);
    }

    /** The command line as one line, its arguments separated by spaces. */
    public String cmdline() {
        return String.join(" ", argv);
    }

    /** This process as an incident shows it. */
    public Incident.Proc incidentProc() {
        return incidentProc("", "");
    }

    /** This process as an incident shows it, with its parent. */
    public Incident.Proc incidentProc(ProcessInfo parent) {
        return incidentProc(parent.name(), parent.path());
    }

    private Incident.Proc incidentProc(String parentName, String parentPath) {
        return new Incident.Proc(name, path, cmdline(), pid, uid, euid, parentName, parentPath);
    }

    private static final int MAX_CMDLINE = 4096;

    /**
     * Reads a live process; empty when it is gone (or unreadable) by the time it is read, or when it executed
     * again while being read, so that a name and a path of two different programs are never mixed (its next exec
     * event describes it).
     */
    public static Optional<ProcessInfo> read(Path proc, int pid) {
        Path dir = proc.resolve(Integer.toString(pid));
        try {
            String path = exe(dir);
            String status = Files.readString(dir.resolve("status"), StandardCharsets.UTF_8);
            List<String> argv = argv(dir);
            long started = startTime(proc, pid);
            if (!exe(dir).equals(path)) {
                return Optional.empty();
            }
            String[] uids = field(status, "Uid:").split("\\s+");
            return Optional.of(new ProcessInfo(pid, Integer.parseInt(field(status, "PPid:")), name(field(status,
                    "Name:"), argv), stripDeleted(path), argv, Integer.parseInt(uids[0]), Integer.parseInt(
                    uids[1]), started));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The process name: its {@code comm}, except for a program run through {@code /proc/self/exe} (busybox's
     * shell running an applet, a runtime re-executing itself), whose comm is {@code exe} and whose real name is
     * the base name of its argv[0].
     */
    static String name(String comm, List<String> argv) {
        if (!comm.equals("exe") || argv.isEmpty()) {
            return comm;
        }
        String argv0 = argv.getFirst();
        String base = argv0.substring(argv0.lastIndexOf('/') + 1);
        return base.isEmpty() ? comm : base.substring(0, Math.min(base.length(), 15));
    }

    /**
     * When process {@code pid} started (field 22 of its {@code stat}, counted after the name in parentheses, which
     * may itself hold spaces and parentheses).
     */
    static long startTime(Path proc, int pid) throws IOException {
        String stat = Files.readString(proc.resolve(Integer.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(after[22 - 3]);
    }

    /** The executable's path; empty for kernel threads and zombies, which have none. */
    private static String exe(Path dir) {
        try {
            return Files.readSymbolicLink(dir.resolve("exe")).toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static String field(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                return line.substring(key.length()).strip();
            }
        }
        throw new IllegalArgumentException("no " + key);
    }

    /** The kernel appends " (deleted)" to the link of an executable removed since it started. */
    private static String stripDeleted(String path) {
        return path.endsWith(" (deleted)") ? path.substring(0, path.length() - 10) : path;
    }

    /** The arguments, from the first {@value #MAX_CMDLINE} bytes of the command line. */
    private static List<String> argv(Path dir) throws IOException {
        byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
        int length = Math.min(raw.length, MAX_CMDLINE);
        while (length > 0 && raw[length - 1] == 0) {
            length--;
        }
        return length == 0 ? List.of() : List.of(new String(raw, 0, length, StandardCharsets.UTF_8).split("\0", -1));
    }
}
