package dev.bulwark.scanner.index.os.rpm;

import java.util.List;

/**
 * The header blobs one database file holds, each with the record number the database gives it, and what could not
 * be read of the file (one line per problem).
 */
record HeaderBlobs(List<Blob> headers, List<String> problems) {

    /** One stored header: {@code record} is rpm's package number (SQLite hnum, NDB index, Berkeley DB key). */
    record Blob(long record, byte[] bytes) {}

    HeaderBlobs {
        headers = List.copyOf(headers);
        problems = List.copyOf(problems);
    }
}
