package dev.bulwark.scanner.source;

import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.scanner.budget.TemporarySpace;
import dev.bulwark.scanner.layer.Gunzip;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * A {@link BlobStore} over a tar archive, read with random access. A gzip archive is first decompressed into a
 * temporary file (deleted on close): gzip cannot seek, and layers must be read in manifest order, not tar order.
 * That file is capped ({@link TemporarySpace#maxBytes}): a small gzip can inflate to any size.
 */
final class TarBlobStore implements BlobStore {

    private final Path archive;
    private final Path temporary;
    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    private TarBlobStore(Path archive, Path temporary, TarFile tar) {
        this.archive = archive;
        this.temporary = temporary;
        this.tar = tar;
        for (TarArchiveEntry e : tar.getEntries()) {
            if (e.isFile()) {
                entries.put(BlobStore.clean(e.getName()), e);
            }
        }
    }

    static TarBlobStore open(Path archive, TemporarySpace space) {
        Path temporary = null;
        try {
            Path readable = archive;
            if (isGzip(archive)) {
                temporary = space.newFile("bulwark-archive-", ".tar");
                inflate(archive, temporary, space.maxBytes());
                readable = temporary;
            }
            return new TarBlobStore(archive, temporary, new TarFile(readable));
        } catch (InvalidInputException e) {
            deleteQuietly(temporary);
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            deleteQuietly(temporary);
            throw new InvalidInputException("%s is not a readable tar archive (%s)".formatted(archive,
                    ImageConfig.firstLine(e)), e);
        }
    }

    private static void inflate(Path archive, Path target, long maxBytes) throws IOException {
        try (InputStream in = Gunzip.open(Files.newInputStream(archive));
                OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 << 10];
            long written = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                written += n;
                if (written > maxBytes) {
                    throw new InvalidInputException(("%s inflates to more than %d bytes, the limit for temporary files"
                            + " (--max-temp-size, or gunzip it first)").formatted(archive, maxBytes));
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        }
    }

    @Override
    public boolean exists(String name) {
        return entries.containsKey(BlobStore.clean(name));
    }

    @Override
    public InputStream open(String name) throws IOException {
        TarArchiveEntry entry = entries.get(BlobStore.clean(name));
        if (entry == null) {
            throw new InvalidInputException("%s: %s is missing from the archive".formatted(archive, name));
        }
        return tar.getInputStream(entry);
    }

    @Override
    public String where() {
        return archive.toString();
    }

    @Override
    public void close() {
        try {
            tar.close();
        } catch (IOException e) {
            // nothing was written; the descriptor goes with the process at worst
        }
        deleteQuietly(temporary);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }
}
