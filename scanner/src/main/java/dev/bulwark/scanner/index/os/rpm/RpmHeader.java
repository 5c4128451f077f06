package dev.bulwark.scanner.index.os.rpm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One rpm header as stored in the database: a big-endian index of {@code (tag, type, offset, count)} entries
 * followed by the data they point into. Every offset and count is checked against the blob, so a corrupt header
 * is an {@link IllegalArgumentException} with the reason, never a read outside it.
 */
final class RpmHeader {

    static final int NAME = 1000;
    static final int VERSION = 1001;
    static final int RELEASE = 1002;
    static final int EPOCH = 1003;
    static final int ARCH = 1022;
    static final int OLDFILENAMES = 1027;
    static final int SOURCERPM = 1044;
    static final int DIRINDEXES = 1116;
    static final int BASENAMES = 1117;
    static final int DIRNAMES = 1118;
    static final int MODULARITYLABEL = 5096;

    private static final int TYPE_INT32 = 4;
    private static final int TYPE_STRING = 6;
    private static final int TYPE_STRING_ARRAY = 8;
    private static final int TYPE_I18NSTRING = 9;
    private static final int ENTRY_SIZE = 16;
    private static final int PREAMBLE = 8;

    private record Entry(int type, int offset, int count) {}

    private final ByteBuffer blob;
    private final int dataStart;
    private final Map<Integer, Entry> entries;

    private RpmHeader(ByteBuffer blob, int dataStart, Map<Integer, Entry> entries) {
        this.blob = blob;
        this.dataStart = dataStart;
        this.entries = entries;
    }

    static RpmHeader parse(byte[] bytes) {
        ByteBuffer blob = ByteBuffer.wrap(bytes);
        if (bytes.length < PREAMBLE) {
            throw new IllegalArgumentException("header of %d bytes is truncated".formatted(bytes.length));
        }
        long indexCount = Integer.toUnsignedLong(blob.getInt(0));
        long dataLength = Integer.toUnsignedLong(blob.getInt(4));
        long dataStart = PREAMBLE + indexCount * ENTRY_SIZE;
        if (dataStart + dataLength > bytes.length) {
            throw new IllegalArgumentException("header declares %d entries and %d data bytes but has %d bytes"
                    .formatted(indexCount, dataLength, bytes.length));
        }
        Map<Integer, Entry> entries = new HashMap<>();
        for (int i = 0; i < indexCount; i++) {
            int at = PREAMBLE + i * ENTRY_SIZE;
            int tag = blob.getInt(at);
            Entry e = new Entry(blob.getInt(at + 4), blob.getInt(at + 8), blob.getInt(at + 12));
            if (e.offset() < 0 || e.offset() >= dataLength && e.count() > 0 || e.count() < 0) {
                throw new IllegalArgumentException("tag %d points outside the header data".formatted(tag));
            }
            entries.putIfAbsent(tag, e);
        }
        return new RpmHeader(blob.limit((int) (dataStart + dataLength)), (int) dataStart, entries);
    }

    /** A STRING tag, or the first string of an array or translated string; empty when absent. */
    Optional<String> string(int tag) {
        Entry e = entries.get(tag);
        if (e == null || e.count() == 0 || e.type() != TYPE_STRING && e.type() != TYPE_STRING_ARRAY
                && e.type() != TYPE_I18NSTRING) {
            return Optional.empty();
        }
        int at = dataStart + e.offset();
        return Optional.of(text(at, stringEnd(tag, at)));
    }

    Optional<Integer> int32(int tag) {
        List<Integer> values = int32s(tag);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    List<Integer> int32s(int tag) {
        Entry e = entries.get(tag);
        if (e == null || e.type() != TYPE_INT32) {
            return List.of();
        }
        long end = dataStart + e.offset() + 4L * e.count();
        if (end > blob.limit()) {
            throw new IllegalArgumentException("tag %d runs past the header data".formatted(tag));
        }
        List<Integer> values = new ArrayList<>(e.count());
        for (int i = 0; i < e.count(); i++) {
            values.add(blob.getInt(dataStart + e.offset() + 4 * i));
        }
        return values;
    }

    List<String> strings(int tag) {
        Entry e = entries.get(tag);
        if (e == null || e.type() != TYPE_STRING_ARRAY) {
            return List.of();
        }
        List<String> values = new ArrayList<>(Math.min(e.count(), 1 << 16));
        int at = dataStart + e.offset();
        for (int i = 0; i < e.count(); i++) {
            int end = stringEnd(tag, at);
            values.add(text(at, end));
            at = end + 1;
        }
        return values;
    }

    /** Where the NUL-terminated string at an absolute position ends, which must be inside the data. */
    private int stringEnd(int tag, int at) {
        int end = at;
        while (end < blob.limit() && blob.get(end) != 0) {
            end++;
        }
        if (end >= blob.limit()) {
            throw new IllegalArgumentException("string of tag %d is not terminated".formatted(tag));
        }
        return end;
    }

    private String text(int from, int to) {
        return new String(blob.array(), from, to - from, StandardCharsets.UTF_8);
    }
}
