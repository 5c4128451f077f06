package dev.bulwark.scanner.layer;

import com.github.luben.zstd.ZstdInputStream;
import dev.bulwark.core.error.InvalidInputException;
import dev.bulwark.core.io.Printable;
import dev.bulwark.core.scan.ScanWarning;
import dev.bulwark.scanner.budget.Deadline;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies one layer (a tar, plain, gzip or zstd, sniffed from its first bytes) onto a {@link FileTree}, verifying
 * the stored digest and the diff id on the way. A layer that cannot be read, escapes the root, or does not match
 * its digest is an {@link InvalidInputException}: a scan of a corrupt image must not look clean. Reading, hashing
 * and inflating run ahead on a thread of their own while this thread reads the tar and runs the analyzers.
 */
public final class LayerReader {

    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final BodyPolicy policy;
    private final FileVisitor visitor;
    private final long maxEntries;
    private final Deadline deadline;

    /** @param maxEntries the entries one layer may hold */
    public LayerReader(BodyPolicy policy, FileVisitor visitor, long maxEntries, Deadline deadline) {
        this.policy = policy;
        this.visitor = visitor;
        this.maxEntries = maxEntries;
        this.deadline = deadline;
    }

    /**
     * Binds the native inflater and digests now, which takes a tenth of a second: a command can have it done on a
     * spare core while it parses its arguments, before the first layer needs them.
     */
    public static void bindNativeLibraries() {
        IsalGzipInputStream.installed();
        NativeDigest.installed();
    }

    /**
     * @param stored the layer bytes as stored; closed by the caller
     * @param digest expected digest of the stored bytes, empty to skip that check
     * @param diffId expected digest of the uncompressed tar, empty to skip that check
     * @param index position of the layer, bottom 0
     */
    public void apply(InputStream stored, String digest, String diffId, int index, FileTree tree) {
        String name = diffId.isEmpty() ? (digest.isEmpty() ? "#" + index : digest) : diffId;
        try {
            CountingDigestStream outer = new CountingDigestStream(stored, algorithm(digest), messageDigest(digest));
            CountingDigestStream inner = new CountingDigestStream(decompress(outer), algorithm(diffId),
                    messageDigest(diffId));
            try (ReadAhead tar = ReadAhead.of(inner, name, deadline)) {
                readTar(tar, name, index, tree);
                tar.drain();
            }
            check(inner.drainAndDigest(), diffId, name, "diff id");
            check(outer.drainAndDigest(), digest, name, "digest");
        } catch (EOFException e) {
            throw new InvalidInputException("layer %s is truncated".formatted(name), e);
        } catch (ZipException e) {
            throw new InvalidInputException("layer %s is corrupt: %s".formatted(name, e.getMessage()), e);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("layer %s cannot be read: %s".formatted(name, oneLine(e)), e);
        }
    }

    private static final int SKIP_BUFFER = 64 << 10;

    private void readTar(InputStream tar, String layer, int index, FileTree tree) throws IOException {
        // Not closed here: closing would close the digest streams before they are drained.
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        byte[] rest = new byte[SKIP_BUFFER];
        boolean absoluteSeen = false;
        TarArchiveEntry entry = null;
        long entries = 0;
        String doing = "reading layer " + layer;
        while ((entry = nextEntry(in, entry, rest, doing)) != null) {
            deadline.check(doing);
            if (++entries > maxEntries) {
                throw new InvalidInputException("layer %s holds more than %d entries (--max-layer-entries)"
                        .formatted(layer, maxEntries));
            }
            String raw = entry.getName();
            absoluteSeen |= raw.startsWith("/");
            String path = EntryPath.normalize(raw).orElseThrow(() -> new InvalidInputException(
                    "layer %s: entry '%s' escapes the image root".formatted(layer, Printable.of(raw, 200))));
            if (path.isEmpty()) {
                continue;
            }
            String fileName = EntryPath.fileName(path);
            String directory = EntryPath.parent(path);
            if (fileName.equals(OPAQUE) && directory.isEmpty()) {
                tree.whiteoutRoot(layer, index);
            } else if (fileName.equals(OPAQUE)) {
                tree.opaque(directory, index);
            } else if (fileName.startsWith(WHITEOUT)) {
                String hidden = EntryPath.resolve(directory, fileName.substring(WHITEOUT.length())).orElse("");
                if (hidden.isEmpty()) {
                    tree.whiteoutRoot(layer, index);
                } else {
                    tree.whiteout(hidden, index);
                }
            } else if (entry.isLink()) {
                hardLink(entry, path, layer, index, tree);
            } else {
                tree.put(path, node(entry, path, in, layer, index, tree));
            }
        }
        if (absoluteSeen) {
            tree.warn(new ScanWarning("", layer, "entries with absolute paths were taken relative to the image root"));
        }
    }

    /**
     * The next entry, after reading what is left of the current one's body into {@code rest}: commons-compress would
     * skip it with a new 8 KiB buffer for every 8 KiB, half of all a scan allocates.
     */
    private TarArchiveEntry nextEntry(TarArchiveInputStream in, TarArchiveEntry current, byte[] rest,
            String doing) throws IOException {
        if (current != null) {
            while (in.read(rest) >= 0) {
                deadline.check(doing); // the body's bytes still count in the layer's digests
            }
        }
        return in.getNextEntry();
    }

    private Node node(TarArchiveEntry entry, String path, InputStream in, String layer, int index, FileTree tree)
            throws IOException {
        int mode = entry.getMode();
        if (entry.isSymbolicLink()) {
            return new Node(Node.Type.SYMLINK, mode, 0, entry.getLinkName(), index, Node.NO_BODY, false);
        }
        if (entry.isDirectory()) {
            return new Node(Node.Type.DIRECTORY, mode, 0, "", index, Node.NO_BODY, false);
        }
        // commons-compress calls every entry that is not a directory or link a file, devices and FIFOs included
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO() || !entry.isFile()) {
            return tree.special(path, layer, mode, index);
        }
        long size = entry.getSize();
        long limit = policy.limit(path);
        boolean visit = visitor.wants(path, mode, size);
        if (limit < 0 || !tree.keep(path, layer, size, limit)) {
            if (visit) {
                visitor.visit(path, mode, size, index, new KeepOpen(in));
            }
            return new Node(Node.Type.FILE, mode, size, "", index, Node.NO_BODY, false);
        }
        byte[] body = in.readNBytes((int) size);
        if (body.length != size) {
            throw new EOFException(path);
        }
        if (visit) {
            visitor.visit(path, mode, size, index, new ByteArrayInputStream(body));
        }
        return new Node(Node.Type.FILE, mode, size, "", index, body, true);
    }

    /** The entry stream as visitors get it: closing it must not close the layer. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }

    private static void hardLink(TarArchiveEntry entry, String path, String layer, int index, FileTree tree) {
        String target = EntryPath.normalize(entry.getLinkName()).orElseThrow(() -> new InvalidInputException(
                "layer %s: hard link '%s' points outside the image root".formatted(layer, Printable.of(path, 200))));
        tree.node(target).filter(n -> n.type() == Node.Type.FILE).ifPresentOrElse(
                n -> tree.put(path, new Node(Node.Type.FILE, n.mode(), n.size(), "", index, n.body(), n.kept())),
                () -> tree.warn(new ScanWarning(path, layer,
                        "hard link to missing file '%s' ignored".formatted(Printable.of(target, 200)))));
    }

    private static InputStream decompress(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 65536);
        buffered.mark(4);
        byte[] magic = buffered.readNBytes(4);
        buffered.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return Gunzip.open(buffered);
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return new ZstdInputStream(buffered);
        }
        return buffered;
    }

    private static void check(String actual, String expected, String layer, String what) {
        if (!expected.isEmpty() && !actual.equals(expected)) {
            throw new InvalidInputException("layer %s: %s mismatch (manifest says %s, content is %s)"
                    .formatted(layer, what, expected, actual));
        }
    }

    private static String algorithm(String digest) {
        return digest.startsWith("sha512:") ? "sha512" : "sha256";
    }

    private static MessageDigest messageDigest(String digest) {
        return NativeDigest.of(algorithm(digest).equals("sha512") ? "SHA-512" : "SHA-256");
    }

    private static String oneLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
