package dev.bulwark.enforcer.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The mounts of a process's mount namespace, from {@code /proc/PID/mountinfo}.
 *
 * @param mounts in the order the kernel lists them
 */
public record Mounts(List<Mount> mounts) {

    /** File systems no program can be run from. */
    private static final Set<String> NOT_EXECUTABLE = Set.of("proc", "sysfs", "cgroup", "cgroup2", "devpts",
            "mqueue", "securityfs", "debugfs", "tracefs", "bpf", "pstore", "configfs", "fusectl", "binfmt_misc",
            "nsfs", "autofs", "efivarfs", "selinuxfs", "rpc_pipefs");

    /**
     * One mount.
     *
     * @param id the mount's id
     * @param device the file system's device, {@code major:minor}: equal for every mount of one file system
     * @param mountPoint where it is mounted, as the namespace sees it
     * @param type the file system type
     * @param superOptions the file system's own options (an overlay's {@code upperdir=...})
     */
    public record Mount(int id, String device, String mountPoint, String type, List<String> superOptions) {

        /** Whether programs could be run from it (whatever its {@code noexec} flag, which a remount can clear). */
        public boolean executable() {
            return !NOT_EXECUTABLE.contains(type);
        }

        /** An overlay's upper directory, where what was written in the container lives. */
        public Optional<Path> upperDirectory() {
            return option("upperdir=").map(Path::of);
        }

        /** An overlay's directories: its lower layers (the image) and its upper one; none for another type. */
        public List<Path> layers() {
            List<Path> layers = new ArrayList<>();
            option("lowerdir=").ifPresent(l -> Stream.of(l.split("(?<!\\\\):")).map(Path::of).forEach(layers::add));
            upperDirectory().ifPresent(layers::add);
            return List.copyOf(layers);
        }

        private Optional<String> option(String prefix) {
            return type.equals("overlay") ? superOptions.stream().filter(o -> o.startsWith(prefix))
                    .map(o -> o.substring(prefix.length())).findFirst() : Optional.empty();
        }
    }

    /** The mounts of {@code pid}; empty when it is gone. */
    public static Optional<Mounts> of(int pid) {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc", Integer.toString(pid), "mountinfo"),
                    StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Parses mountinfo's text; a line not of its form is skipped. */
    public static Mounts parse(String text) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 6 || dash < 6 || f.length < dash + 3) {
                continue;
            }
            try {
                mounts.add(new Mount(Integer.parseInt(f[0]), f[2], unescape(f[4]), f[dash + 1],
                        f.length > dash + 3 ? List.of(unescape(f[dash + 3]).split(",")) : List.of()));
            } catch (NumberFormatException e) {
                // not a mount line
            }
        }
        return new Mounts(List.copyOf(mounts));
    }

    /** The mount at "/" (the last one there: a later mount on "/" hides the earlier). */
    public Optional<Mount> root() {
        return mounts.stream().filter(m -> m.mountPoint().equals("/")).reduce((a, b) -> b);
    }

    /** mountinfo writes space, tab, newline and backslash in paths as three octal digits after a backslash. */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).chars()
                    .allMatch(d -> d >= '0' && d <= '7')) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
