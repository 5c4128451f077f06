package dev.bulwark.scanner.index.os.rpm;

import dev.bulwark.scanner.index.CappedWarnings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;

/**
 * rpm's Berkeley DB backend ({@code Packages}, rpm before 4.16): a hash database whose values are the header
 * blobs. Rather than following hash buckets, every hash page is visited in file order, which reaches each item
 * once. Items are key/value pairs; values live on the page ({@code H_KEYDATA}) or, as headers usually do, in a
 * chain of overflow pages ({@code H_OFFPAGE}). The byte order is the one the meta page's magic is written in;
 * page chains are followed with one visited set for the whole file, so a loop, a chain two items share or a page
 * number outside the file is a reported problem.
 */
final class BerkeleyHashRpmdb {

    private static final int HASH_MAGIC = 0x061561;
    private static final int P_HASH_UNSORTED = 2;
    private static final int P_OVERFLOW = 7;
    private static final int P_HASHMETA = 8;
    private static final int P_HASH = 13;
    private static final int H_KEYDATA = 1;
    private static final int H_OFFPAGE = 3;
    private static final int PAGE_HEADER = 26;
    /** Smaller values are rpm's bookkeeping records, not headers. */
    private static final int MIN_HEADER = 8;

    private final ByteBuffer db;
    private final int pageSize;
    private final long pages;
    private final CappedWarnings problems;
    private final HeaderBlobs headers;
    /** Overflow pages already read: each belongs to one item, so items sharing a chain cannot multiply it. */
    private final BitSet overflowRead = new BitSet();

    private BerkeleyHashRpmdb(ByteBuffer db, int pageSize, long pages, CappedWarnings problems) {
        this.db = db;
        this.pageSize = pageSize;
        this.pages = pages;
        this.problems = problems;
        this.headers = new HeaderBlobs(db.capacity());
    }

    static HeaderBlobs read(byte[] database, CappedWarnings problems) throws IOException {
        if (database.length < 512) {
            throw new IOException("not a Berkeley DB hash database (%d bytes)".formatted(database.length));
        }
        ByteBuffer db = ByteBuffer.wrap(database).order(ByteOrder.LITTLE_ENDIAN);
        if (db.getInt(12) != HASH_MAGIC) {
            db.order(ByteOrder.BIG_ENDIAN);
            if (db.getInt(12) != HASH_MAGIC) {
                throw new IOException("not a Berkeley DB hash database (bad magic)");
            }
        }
        int pageSize = db.getInt(20);
        if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
            throw new IOException("Berkeley DB page size %d is not valid".formatted(pageSize));
        }
        if (database[24] != 0) {
            throw new IOException("Berkeley DB database is encrypted");
        }
        if (database[25] != P_HASHMETA) {
            throw new IOException("Berkeley DB meta page has type %d, not hash".formatted(database[25]));
        }
        long lastPage = Integer.toUnsignedLong(db.getInt(32));
        long pages = Math.min(lastPage + 1, database.length / pageSize);
        return new BerkeleyHashRpmdb(db, pageSize, pages, problems).headers();
    }

    private HeaderBlobs headers() {
        for (long page = 1; page < pages && !headers.cut(); page++) {
            int base = (int) (page * pageSize);
            int type = db.get(base + 25);
            if (type == P_HASH || type == P_HASH_UNSORTED) {
                readHashPage(page, base);
            }
        }
        return headers;
    }

    private void readHashPage(long page, int base) {
        int entries = Short.toUnsignedInt(db.getShort(base + 20));
        if (PAGE_HEADER + 2L * entries > pageSize) {
            problems.add("page %d: %d entries do not fit".formatted(page, entries));
            return;
        }
        // entries alternate key, value; item i spans [offset(i), offset(i - 1)), the first one to the page end
        for (int value = 1; value < entries; value += 2) {
            int start = offset(base, value);
            int end = offset(base, value - 1);
            if (start < PAGE_HEADER + 2 * entries || start >= end || end > pageSize) {
                problems.add("page %d: item %d lies outside the page".formatted(page, value));
                continue;
            }
            long record = key(base, offset(base, value - 1), offset(base, value - 2));
            int itemType = db.get(base + start);
            if (itemType == H_KEYDATA && end - start - 1 >= MIN_HEADER) {
                if (!headers.room(end - start - 1)) {
                    return;
                }
                byte[] header = new byte[end - start - 1];
                db.get(base + start + 1, header);
                headers.add(record, header);
            } else if (itemType == H_OFFPAGE && end - start >= 12) {
                long first = Integer.toUnsignedLong(db.getInt(base + start + 4));
                long length = Integer.toUnsignedLong(db.getInt(base + start + 8));
                // a chain already read is refused before it counts against the room left
                if (length >= MIN_HEADER && unread(first)) {
                    if (!headers.room(length)) {
                        return;
                    }
                    byte[] header = overflow(first, length);
                    if (header != null) {
                        headers.add(record, header);
                    }
                }
            }
        }
    }

    /** rpm's keys are 4-byte package numbers in the database's byte order; other keys count as 0. */
    private long key(int base, int start, int end) {
        if (end - start != 5 || end > pageSize || db.get(base + start) != H_KEYDATA) {
            return 0;
        }
        return Integer.toUnsignedLong(db.getInt(base + start + 1));
    }

    private int offset(int base, int entry) {
        return entry < 0 ? pageSize : Short.toUnsignedInt(db.getShort(base + PAGE_HEADER + 2 * entry));
    }

    /** The value stored in the overflow chain from {@code page}, or null (with a problem) if the chain is bad. */
    private byte[] overflow(long page, long length) {
        if (length > (long) db.capacity()) {
            problems.add("overflow item of %d bytes is larger than the file".formatted(length));
            return null;
        }
        byte[] value = new byte[(int) length];
        int filled = 0;
        while (filled < length) {
            if (!unread(page)) {
                return null;
            }
            overflowRead.set((int) page);
            int base = (int) (page * pageSize);
            int onPage = Short.toUnsignedInt(db.getShort(base + 22));
            if (db.get(base + 25) != P_OVERFLOW || onPage > pageSize - PAGE_HEADER) {
                problems.add("page %d is not a valid overflow page".formatted(page));
                return null;
            }
            int n = (int) Math.min(onPage, length - filled);
            db.get(base + PAGE_HEADER, value, filled, n);
            filled += n;
            page = Integer.toUnsignedLong(db.getInt(base + 16));
            if (n == 0 && filled < length) {
                problems.add("overflow page %d is empty".formatted(base / pageSize));
                return null;
            }
        }
        return value;
    }

    /** Whether {@code page} is in the file and in no chain read so far; if not, says so. */
    private boolean unread(long page) {
        if (page <= 0 || page >= pages || overflowRead.get((int) page)) {
            problems.add("overflow chain at page %d is broken, loops or is another item's".formatted(page));
            return false;
        }
        return true;
    }
}
