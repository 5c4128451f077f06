package dev.bulwark.scanner.layer;

import static java.util.Objects.requireNonNull;

/**
 * One entry of the squashed file tree. Every entry of every layer is kept as metadata (needed to resolve
 * symlinks and, later, to list setuid files); {@code body} is present only for files an analyzer wanted.
 *
 * @param layer index of the layer that wrote the entry, bottom layer 0
 * @param linkTarget symlink target as written in the layer, empty for other types
 * @param body the file body when kept, else an empty array ({@link #kept} tells which)
 */
record Node(Type type, int mode, long size, String linkTarget, int layer, byte[] body, boolean kept) {

    enum Type { FILE, DIRECTORY, SYMLINK, OTHER }

    static final byte[] NO_BODY = new byte[0];

    Node {
        requireNonNull(type, "type");
        requireNonNull(linkTarget, "linkTarget");
        requireNonNull(body, "body");
    }
}
