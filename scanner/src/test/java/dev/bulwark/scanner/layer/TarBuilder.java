package dev.bulwark.scanner.layer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Writes small layer tars in memory for tests, with exactly the entries a case needs, reproducibly. */
public final class TarBuilder {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;

    public TarBuilder() {
        tar = new TarArchiveOutputStream(bytes);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    public TarBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    public TarBuilder file(String name, byte[] content, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setSize(content.length);
        e.setMode(mode);
        return write(e, content);
    }

    public TarBuilder dir(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
        e.setMode(040755);
        return write(e, new byte[0]);
    }

    public TarBuilder symlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        return write(e, new byte[0]);
    }

    public TarBuilder hardlink(String name, String target) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        e.setLinkName(target);
        return write(e, new byte[0]);
    }

    /** An entry of any type without a body: a device, a FIFO. */
    public TarBuilder entry(TarArchiveEntry e) {
        return write(e, new byte[0]);
    }

    /** Entries get a fixed time, so the same entries always make the same tar and the same digest. */
    private TarBuilder write(TarArchiveEntry e, byte[] content) {
        e.setModTime(new java.util.Date(0));
        try {
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    public byte[] tar() {
        try {
            tar.finish();
            tar.close();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    public static byte[] gzip(byte[] data) {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }
}
