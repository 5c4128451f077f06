package dev.bulwark.enforcer.scan;

import dev.bulwark.enforcer.linux.FileId;
import dev.bulwark.enforcer.linux.LinuxException;
import dev.bulwark.enforcer.linux.PathHandle;
import dev.bulwark.enforcer.linux.PathHandles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Looks paths up inside a root the way a process chrooted there would, without the kernel ever resolving a link
 * for us: {@code /proc/PID/root/etc/os-release} handed to {@code open} would resolve an absolute link against the
 * enforcer's own root, so a container's {@code etc/os-release -> /etc/shadow} would read the host's file. Instead
 * each component is taken relative to its parent's descriptor without following ({@link PathHandles}); a link's
 * target is read and its components put in front of those still to resolve, an absolute one starting again from
 * the root. At most {@link #MAX_LINKS} links per lookup (the kernel's own limit), and a {@code ..} above the root
 * is refused rather than clamped: no file of the container needs it.
 *
 * <p>One thread, like the {@code PathHandles} it owns.
 */
final class RootPaths implements AutoCloseable {

    /** Links followed in one lookup, as Linux's {@code MAXSYMLINKS}. */
    static final int MAX_LINKS = 40;

    private static final int ENOENT = 2;
    private static final int ENOTDIR = 20;

    private final PathHandles handles;
    private final PathHandle root;

    /** What a lookup found. */
    sealed interface Lookup permits Found, Missing, Refused {}

    /** The file, and what it is: the caller closes the handle. */
    record Found(PathHandle handle, FileId id) implements Lookup {}

    /** Nothing there (or, without following, a link where a directory should be). */
    record Missing() implements Lookup {}

    /** There may be something, but it is not to be read. */
    record Refused(SkipReason reason, String detail) implements Lookup {}

    /** Links in a lookup: followed inside the root, or none at all (the walk's own paths). */
    enum Links { FOLLOW, NONE }

    RootPaths(Path root) throws IOException {
        handles = new PathHandles();
        try {
            this.root = handles.directory(root);
        } catch (LinuxException e) {
            handles.close();
            throw new IOException("cannot open the root " + root + ": " + e.getMessage(), e);
        }
    }

    PathHandles handles() {
        return handles;
    }

    PathHandle root() {
        return root;
    }

    /**
     * Looks {@code path} up, relative to the root whether or not it starts with {@code /}.
     *
     * @param links whether links, the last component's included, are followed (inside the root)
     */
    Lookup lookup(String path, Links links) {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, path);
        Deque<PathHandle> opened = new ArrayDeque<>(); // the directories walked through, innermost first
        int followed = 0;
        try {
            while (!todo.isEmpty()) {
                String name = todo.pop();
                if (name.isEmpty() || name.equals(".")) {
                    continue;
                }
                if (name.equals("..")) {
                    if (opened.isEmpty()) {
                        return new Refused(SkipReason.OUTSIDE_ROOT, "\"..\" above the root in " + path);
                    }
                    opened.pop().close();
                    continue;
                }
                PathHandle child = handles.child(opened.isEmpty() ? root : opened.peek(), name);
                opened.push(child);
                FileId id = handles.id(child);
                if (id.symbolicLink()) {
                    if (links == Links.NONE) {
                        return new Missing();
                    }
                    String target = handles.linkTarget(child);
                    opened.pop().close();
                    if (target.isEmpty()) {
                        return new Missing(); // as the kernel has it: ENOENT
                    }
                    if (++followed > MAX_LINKS) {
                        return new Refused(SkipReason.LINK_LOOP, "more than " + MAX_LINKS + " links in " + path);
                    }
                    if (target.startsWith("/")) {
                        closeAll(opened);
                    }
                    push(todo, target);
                    continue;
                }
                if (!todo.isEmpty() && !id.directory()) {
                    return new Missing();
                }
            }
            PathHandle found = opened.isEmpty() ? handles.child(root, ".") : opened.pop();
            return new Found(found, handles.id(found));
        } catch (LinuxException e) {
            return switch (e.errno()) {
                case ENOENT, ENOTDIR -> new Missing();
                default -> new Refused(SkipReason.UNREADABLE, e.getMessage());
            };
        } finally {
            closeAll(opened);
        }
    }

    /** Puts the components of {@code path} in front of those in {@code todo}, in order. */
    private static void push(Deque<String> todo, String path) {
        String[] names = path.split("/");
        for (int i = names.length - 1; i >= 0; i--) {
            todo.push(names[i]);
        }
    }

    private static void closeAll(Deque<PathHandle> opened) {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
    }

    @Override
    public void close() {
        root.close();
        handles.close();
    }
}
