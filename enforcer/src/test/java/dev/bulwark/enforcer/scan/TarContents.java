package dev.bulwark.enforcer.scan;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The entries of a gzip'd tar as {@link RootFiles} writes it, in order; reading fails on anything but unique
 * regular files owned by root, dated 0, and on a truncated stream.
 */
record TarContents(Map<String, Entry> entries) {

    /** One file: its mode bits (type included) and bytes. */
    record Entry(int mode, byte[] body) {
        String text() {
            return new String(body, UTF_8);
        }
    }

    static TarContents read(byte[] gzip) throws IOException {
        return read(new ByteArrayInputStream(gzip));
    }

    static TarContents read(InputStream gzip) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (var tar = new TarArchiveInputStream(new GZIPInputStream(gzip), UTF_8.name())) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (!e.isFile() || e.getLongUserId() != 0 || e.getLongGroupId() != 0
                        || e.getModTime().getTime() != 0) {
                    throw new IOException("unexpected entry " + e.getName() + " mode " + Integer.toOctalString(
                            e.getMode()) + " uid " + e.getLongUserId() + " time " + e.getModTime().getTime());
                }
                byte[] body = tar.readAllBytes();
                if (body.length != e.getSize()) {
                    throw new IOException(e.getName() + ": " + body.length + " bytes of " + e.getSize());
                }
                if (entries.put(e.getName(), new Entry(e.getMode(), body)) != null) {
                    throw new IOException("twice in the tar: " + e.getName());
                }
            }
        }
        return new TarContents(entries);
    }

    List<String> names() {
        return List.copyOf(entries.keySet());
    }

    String text(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new AssertionError("not in the tar: " + name + "; it holds " + names());
        }
        return e.text();
    }

    byte[] body(String name) {
        text(name);
        return entries.get(name).body();
    }

    int mode(String name) {
        text(name);
        return entries.get(name).mode();
    }
}
