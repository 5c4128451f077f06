package dev.bulwark.scanner.layer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Paths inside an image, normalised to the form analyzers see: relative to the image root, no leading slash, no
 * {@code .} or empty segments, {@code ..} resolved. The root itself is the empty string.
 */
public final class EntryPath {

    private EntryPath() {}

    /**
     * Normalises a tar entry name or link target taken relative to the root. A leading slash is dropped, as
     * {@code docker load} does. Empty when the path climbs above the root, which no honest layer does.
     */
    public static Optional<String> normalize(String raw) {
        return resolve("", raw);
    }

    /**
     * Resolves {@code target} against directory {@code base} (both inside the image). An absolute target starts
     * from the image root. Empty when the result climbs above the root.
     */
    public static Optional<String> resolve(String base, String target) {
        Deque<String> parts = new ArrayDeque<>();
        if (!target.startsWith("/")) {
            push(parts, base);
        }
        for (String segment : target.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(segment);
            }
        }
        return Optional.of(String.join("/", parts));
    }

    /**
     * Resolves a symlink target the way the kernel would inside a chroot: {@code ..} at the root stays at the
     * root, so no target can leave the image.
     */
    public static String resolveInsideRoot(String base, String target) {
        Deque<String> parts = new ArrayDeque<>();
        if (!target.startsWith("/")) {
            push(parts, base);
        }
        for (String segment : target.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(segment);
            }
        }
        return String.join("/", parts);
    }

    /** The directory part of a normalised path, the empty string for a top-level entry. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** The last segment of a normalised path. */
    public static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void push(Deque<String> parts, String base) {
        for (String segment : base.split("/")) {
            if (!segment.isEmpty()) {
                parts.addLast(segment);
            }
        }
    }
}
