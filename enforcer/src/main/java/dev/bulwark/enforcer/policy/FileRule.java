package dev.bulwark.enforcer.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A file monitor filter, in NeuVector's fields: {@code filter} a path, whose last part may hold {@code *};
 * {@code behavior} {@code monitor_change} (report changes) or {@code block_access} (in Protect, only the
 * {@code applications} may open it); {@code recursive} extends it to the files of every directory below.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileRule(String filter, Boolean recursive, String behavior, List<String> applications) {

    public static final String MONITOR_CHANGE = "monitor_change";
    public static final String BLOCK_ACCESS = "block_access";

    public FileRule {
        if (filter == null || !filter.startsWith("/") || filter.contains("/../") || filter.endsWith("/..")
                || filter.indexOf('\0') >= 0 || filter.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a file filter is an absolute path without '..': " + filter);
        }
        if (filter.substring(0, filter.lastIndexOf('/')).contains("*")) {
            throw new IllegalArgumentException("only the last part of a file filter may hold '*': " + filter);
        }
        behavior = behavior == null ? MONITOR_CHANGE : behavior;
        if (!behavior.equals(MONITOR_CHANGE) && !behavior.equals(BLOCK_ACCESS)) {
            throw new IllegalArgumentException("file behavior is monitor_change or block_access, not " + behavior);
        }
        recursive = recursive != null && recursive;
        applications = applications == null ? List.of() : List.copyOf(applications);
    }

    public boolean blocks() {
        return behavior.equals(BLOCK_ACCESS);
    }

    /** The directory the filter's files are in. */
    public String directory() {
        int slash = filter.lastIndexOf('/');
        return slash == 0 ? "/" : filter.substring(0, slash);
    }

    /**
     * Whether a container path is covered: a file of the directory (or, recursive, of any directory below it)
     * whose name matches the filter's last part.
     */
    public boolean covers(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return false;
        }
        String parent = path.substring(0, Math.max(slash, 1));
        String dir = directory();
        boolean inside = parent.equals(dir) || recursive && parent.startsWith(dir.equals("/") ? "/" : dir + "/");
        if (!inside) {
            return false;
        }
        String name = path.substring(slash + 1);
        String pattern = filter.substring(filter.lastIndexOf('/') + 1);
        int star = pattern.indexOf('*');
        if (star < 0) {
            return name.equals(pattern);
        }
        return name.length() >= pattern.length() - 1 && name.startsWith(pattern.substring(0, star))
                && name.endsWith(pattern.substring(star + 1));
    }

    /** Whether a program (by process name or executable path) is one the rule lets open the file. */
    public boolean allows(String name, String path) {
        return applications.contains(name) || applications.contains(path);
    }

    public FileRule withApplication(String name) {
        List<String> more = new java.util.ArrayList<>(applications);
        more.add(name);
        return new FileRule(filter, recursive, behavior, more);
    }
}
