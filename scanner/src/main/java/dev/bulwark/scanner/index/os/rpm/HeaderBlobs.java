package dev.bulwark.scanner.index.os.rpm;

import java.util.ArrayList;
import java.util.List;

/**
 * The header blobs read from one database file, each with the record number the database gives it. A hostile
 * file can point many records at one stored blob; since stored blobs do not overlap in a real database, their
 * bytes together stay within the file's size, and so do those read here, as does the count of records. Not
 * thread-safe: one reader fills it.
 */
final class HeaderBlobs {

    /** Ten times the packages of a full distribution installation. */
    static final int MAX_RECORDS = 200_000;

    /** One stored header: {@code record} is rpm's package number (SQLite hnum, NDB index, Berkeley DB key). */
    record Blob(long record, byte[] bytes) {}

    private final long maxBytes;
    private final List<Blob> headers = new ArrayList<>();
    private long bytes;
    /** Why headers were left unread, or null. */
    private String cut;

    HeaderBlobs(long fileSize) {
        this.maxBytes = fileSize;
    }

    /** Whether one more header of {@code length} bytes may be read; once one may not, none may. */
    boolean room(long length) {
        if (cut == null && headers.size() >= MAX_RECORDS) {
            cut = "over %d records; the rest is not read".formatted(MAX_RECORDS);
        } else if (cut == null && bytes + length > maxBytes) {
            cut = "headers of more bytes than the file's %d; the rest is not read".formatted(maxBytes);
        }
        return cut == null;
    }

    /** Adds a header that {@link #room} allowed. */
    void add(long record, byte[] header) {
        bytes += header.length;
        headers.add(new Blob(record, header));
    }

    List<Blob> headers() {
        return List.copyOf(headers);
    }

    /** Whether headers were left unread for lack of room. */
    boolean cut() {
        return cut != null;
    }

    /** Which limit left headers unread, for the warning; only when {@link #cut}. */
    String cutReason() {
        return cut;
    }
}
