package dev.bulwark.core.scan;

import static java.util.Objects.requireNonNull;

/**
 * A file of the image with the setuid or setgid bit: it runs with its owner's or group's rights whoever starts it.
 *
 * @param kind {@code setuid}, {@code setgid} or {@code setuid,setgid}
 * @param mode the permission bits in octal ({@code 4755})
 */
public record SetIdFile(String path, String kind, String mode, String layer) {

    public SetIdFile {
        requireNonNull(path, "path");
        requireNonNull(kind, "kind");
        requireNonNull(mode, "mode");
        requireNonNull(layer, "layer");
    }

    public static SetIdFile of(String path, int mode, String layer) {
        boolean uid = (mode & 04000) != 0;
        boolean gid = (mode & 02000) != 0;
        String kind = uid && gid ? "setuid,setgid" : uid ? "setuid" : "setgid";
        return new SetIdFile(path, kind, Integer.toOctalString(mode & 07777), layer);
    }
}
