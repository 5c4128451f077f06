package dev.bulwark.scanner.source;

import dev.bulwark.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;

/** Named files of an image on disk (an OCI layout, a docker archive), as a directory or inside a tar. */
sealed interface BlobStore extends AutoCloseable permits DirectoryBlobStore, TarBlobStore {

    boolean exists(String name);

    /** Opens a file; {@link InvalidInputException} naming the file when it is missing. */
    InputStream open(String name) throws IOException;

    /** What the store is, for messages ({@code /tmp/img.tar}). */
    String where();

    @Override
    void close();

    /** Reads a small file whole, refusing more than {@code max} bytes. */
    default byte[] read(String name, int max) {
        try (InputStream in = open(name)) {
            byte[] data = in.readNBytes(max + 1);
            if (data.length > max) {
                throw new InvalidInputException("%s: %s is larger than %d bytes".formatted(where(), name, max));
            }
            return data;
        } catch (IOException e) {
            throw new InvalidInputException("%s: cannot read %s: %s".formatted(where(), name, e.getMessage()), e);
        }
    }

    /** Entry names as stored in tars vary ({@code ./index.json}, {@code /index.json}); this is the one form. */
    static String clean(String name) {
        String n = name;
        while (n.startsWith("./") || n.startsWith("/")) {
            n = n.substring(n.startsWith("/") ? 1 : 2);
        }
        return n;
    }
}
