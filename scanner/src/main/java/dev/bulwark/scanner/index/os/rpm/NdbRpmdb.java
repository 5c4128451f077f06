package dev.bulwark.scanner.index.os.rpm;

import dev.bulwark.scanner.index.CappedWarnings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * rpm's NDB backend ({@code Packages.db}, SUSE's default): little-endian throughout. The file starts with slot
 * pages of 16-byte slots ({@code Slot}, package index, block offset, block count); each used slot points at a
 * blob framed by a {@code BlbS} head (magic, package index, generation, length) and a {@code BlbE} tail, in
 * 16-byte blocks. A slot or blob whose framing does not hold is reported and skipped.
 */
final class NdbRpmdb {

    private static final int DB_MAGIC = 'R' | 'p' << 8 | 'm' << 16 | 'P' << 24;
    private static final int SLOT_MAGIC = 'S' | 'l' << 8 | 'o' << 16 | 't' << 24;
    private static final int HEAD_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'S' << 24;
    private static final int TAIL_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'E' << 24;
    private static final int PAGE_SIZE = 4096;
    private static final int SLOT_SIZE = 16;
    private static final int BLOCK_SIZE = 16;
    private static final int HEADER_SLOTS = 2;
    private static final int HEAD_SIZE = 16;
    private static final int TAIL_SIZE = 12;

    private NdbRpmdb() {}

    static HeaderBlobs read(byte[] database, CappedWarnings problems) throws IOException {
        ByteBuffer db = ByteBuffer.wrap(database).order(ByteOrder.LITTLE_ENDIAN);
        if (database.length < PAGE_SIZE || db.getInt(0) != DB_MAGIC) {
            throw new IOException("not an rpm NDB database (no RpmP header)");
        }
        if (db.getInt(4) != 0) {
            throw new IOException("rpm NDB database version %d is not supported".formatted(db.getInt(4)));
        }
        long slotPages = Integer.toUnsignedLong(db.getInt(12));
        long slotBytes = Math.min(slotPages * PAGE_SIZE, database.length);
        TreeMap<Integer, Slot> byIndex = new TreeMap<>();
        for (int at = HEADER_SLOTS * SLOT_SIZE; at + SLOT_SIZE <= slotBytes; at += SLOT_SIZE) {
            int slot = at / SLOT_SIZE;
            if (db.getInt(at) != SLOT_MAGIC) {
                problems.add("slot %d is corrupt".formatted(slot));
                continue;
            }
            int pkgIndex = db.getInt(at + 4);
            if (pkgIndex == 0 || byIndex.containsKey(pkgIndex)) {
                continue;
            }
            long offset = Integer.toUnsignedLong(db.getInt(at + 8)) * BLOCK_SIZE;
            long length = Integer.toUnsignedLong(db.getInt(at + 12)) * BLOCK_SIZE;
            String problem = blobProblem(db, pkgIndex, offset, length);
            if (problem.isEmpty()) {
                byIndex.put(pkgIndex, new Slot((int) offset + HEAD_SIZE, db.getInt((int) offset + 12)));
            } else {
                problems.add("package %d: %s".formatted(pkgIndex, problem));
            }
        }
        HeaderBlobs blobs = new HeaderBlobs(database.length);
        for (var e : byIndex.entrySet()) {
            Slot s = e.getValue();
            if (!blobs.room(s.length())) {
                break;
            }
            blobs.add(Integer.toUnsignedLong(e.getKey()), Arrays.copyOfRange(database, s.start(), s.start() + s.length()));
        }
        return blobs;
    }

    /** Where a package's header lies: blobs are copied only once every slot is known, in package order. */
    private record Slot(int start, int length) {}

    /** Empty when the blob at {@code offset} is framed as its slot says. */
    private static String blobProblem(ByteBuffer db, int pkgIndex, long offset, long length) {
        if (length < HEAD_SIZE + TAIL_SIZE || offset + length > db.capacity()) {
            return "blob lies outside the file";
        }
        int at = (int) offset;
        long blobLength = Integer.toUnsignedLong(db.getInt(at + 12));
        int tail = (int) (offset + length - TAIL_SIZE);
        if (db.getInt(at) != HEAD_MAGIC || db.getInt(at + 4) != pkgIndex) {
            return "blob head is corrupt";
        }
        if (blobLength > length - HEAD_SIZE - TAIL_SIZE) {
            return "blob is longer than its blocks";
        }
        if (db.getInt(tail + 8) != TAIL_MAGIC || Integer.toUnsignedLong(db.getInt(tail + 4)) != blobLength) {
            return "blob tail is corrupt";
        }
        return "";
    }
}
