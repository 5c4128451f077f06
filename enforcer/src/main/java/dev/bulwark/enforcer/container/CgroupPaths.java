package dev.bulwark.enforcer.container;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells which container a process is in from the text of its {@code /proc/PID/cgroup}: cgroup v1 lines
 * {@code N:controllers:/path}, the v2 line {@code 0::/path}, or both on a hybrid host.
 *
 * <p>The path forms it knows, searched from the innermost path segment out (podman and systemd-in-container put
 * processes in a sub-cgroup of the container's): {@code /docker/<id>}, {@code docker-<id>.scope},
 * {@code cri-containerd-<id>.scope}, {@code crio-<id>.scope} or {@code .../crio-<id>}, {@code libpod-<id>.scope}
 * or {@code /libpod_parent/libpod-<id>}, the systemd driver's {@code <slice>:cri-containerd:<id>} and
 * {@code <slice>:crio:<id>}, and a bare {@code <id>} under {@code /kubepods}. A plain runc container's path is
 * {@code /<id>} with any id, so a last segment counts as one only while runc keeps state for that id. The v2 line
 * wins when it names a container, else the first v1 line that does.
 *
 * <p>Thread-safe. Never throws on bad input: anything that is not a well-formed file gives empty.
 */
public final class CgroupPaths {

    /** Far above a real file (a dozen lines of a few hundred characters); longer input is refused. */
    static final int MAX_CHARS = 32 * 1024;

    private static final Pattern LINE = Pattern.compile("(\\d{1,9}):([^:]*):(/.*)");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SCOPED_ID =
            Pattern.compile("(?:[^:]*:)?(docker|cri-containerd|crio|libpod)[-:]([0-9a-f]{64})(?:\\.scope)?");

    private final RuncStateReader runc;

    /** @param runcRoot runc's state directory ({@code /run/runc} on the host), for plain runc containers */
    public CgroupPaths(Path runcRoot) {
        runc = new RuncStateReader(runcRoot);
    }

    /** The container that a {@code /proc/PID/cgroup} text names, or empty for a host process or bad input. */
    public Optional<ContainerRef> container(String procCgroup) {
        List<Line> lines = lines(procCgroup);
        Optional<ContainerRef> unified = lines.stream().filter(Line::unified).findFirst()
                .flatMap(line -> inPath(line.path()));
        if (unified.isPresent()) {
            return unified;
        }
        return lines.stream().filter(line -> !line.unified())
                .map(line -> inPath(line.path())).flatMap(Optional::stream).findFirst();
    }

    /**
     * The file's lines, or none when any line is malformed. Two lines for one hierarchy are refused as well: a
     * cgroup name holding a newline could otherwise forge a line naming someone else's container.
     */
    private static List<Line> lines(String text) {
        if (text.isEmpty() || text.length() > MAX_CHARS || text.indexOf('\0') >= 0) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        Set<String> hierarchies = new HashSet<>();
        List<Line> lines = new ArrayList<>();
        for (String raw : body.split("\n", -1)) {
            Matcher m = LINE.matcher(raw);
            if (!m.matches() || !hierarchies.add(m.group(1))) {
                return List.of();
            }
            boolean unified = m.group(1).equals("0");
            if (unified != m.group(2).isEmpty()) {
                return List.of();
            }
            lines.add(new Line(unified, m.group(3)));
        }
        return lines;
    }

    private Optional<ContainerRef> inPath(String path) {
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i > 0; i--) {
            Matcher scoped = SCOPED_ID.matcher(segments[i]);
            if (scoped.matches()) {
                return Optional.of(new ContainerRef(scoped.group(2), runtime(scoped.group(1))));
            }
            if (HEX_ID.matcher(segments[i]).matches()) {
                if (segments[i - 1].equals("docker")) {
                    return Optional.of(new ContainerRef(segments[i], ContainerRuntime.DOCKER));
                }
                if (underKubepods(segments, i)) {
                    // cgroupfs driver; dockershim, the other runtime that used this form, left Kubernetes in 1.24
                    return Optional.of(new ContainerRef(segments[i], ContainerRuntime.CONTAINERD));
                }
            }
        }
        String last = segments.length == 0 ? "" : segments[segments.length - 1];
        return runc.exists(last) ? Optional.of(new ContainerRef(last, ContainerRuntime.RUNC)) : Optional.empty();
    }

    private static boolean underKubepods(String[] segments, int end) {
        for (int i = 0; i < end; i++) {
            if (segments[i].startsWith("kubepods")) {
                return true;
            }
        }
        return false;
    }

    private static ContainerRuntime runtime(String prefix) {
        return switch (prefix) {
            case "docker" -> ContainerRuntime.DOCKER;
            case "cri-containerd" -> ContainerRuntime.CONTAINERD;
            case "crio" -> ContainerRuntime.CRIO;
            default -> ContainerRuntime.PODMAN;
        };
    }

    private record Line(boolean unified, String path) {}
}
