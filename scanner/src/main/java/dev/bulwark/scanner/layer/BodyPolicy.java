package dev.bulwark.scanner.layer;

/** Which file bodies to keep while layers are read, and up to what size. */
@FunctionalInterface
public interface BodyPolicy {

    /** Largest body to keep for this normalised path, or a negative number when nobody wants it. */
    long limit(String path);
}
