package dev.bulwark.enforcer.network.app;

import java.nio.charset.StandardCharsets;

/**
 * The first bytes of one direction of a conversation, kept up to a fixed capacity (what arrives beyond it is
 * dropped). Readers are bounds-checked: an offset outside what is kept reads as -1, so a recogniser tells "too short
 * yet" from a value without an exception.
 */
final class Bytes {

    private final byte[] data;
    private int length;
    private int segments;

    Bytes(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity %d is not positive".formatted(capacity));
        }
        this.data = new byte[capacity];
    }

    /** A view of fixed content, for recognisers' own tests. */
    static Bytes of(byte[] content) {
        var bytes = new Bytes(Math.max(1, content.length));
        bytes.append(content, 0, content.length);
        return bytes;
    }

    /** Keeps what fits; returns how many bytes were kept. */
    int append(byte[] source, int offset, int count) {
        int kept = Math.min(count, data.length - length);
        System.arraycopy(source, offset, data, length, kept);
        length += kept;
        segments++;
        return kept;
    }

    int length() {
        return length;
    }

    int capacity() {
        return data.length;
    }

    boolean full() {
        return length == data.length;
    }

    boolean isEmpty() {
        return length == 0;
    }

    /** Segments (or datagrams) appended. */
    int segments() {
        return segments;
    }

    /** The unsigned byte at {@code at}, or -1 past what is kept. */
    int u8(int at) {
        return at >= 0 && at < length ? data[at] & 0xff : -1;
    }

    /** Big-endian unsigned 16 bits, or -1. */
    int u16(int at) {
        return at >= 0 && at <= length - 2 ? (data[at] & 0xff) << 8 | data[at + 1] & 0xff : -1;
    }

    /** Big-endian unsigned 24 bits, or -1. */
    int u24(int at) {
        return at >= 0 && at <= length - 3 ? (data[at] & 0xff) << 16 | u16(at + 1) : -1;
    }

    /** Big-endian 32 bits as a long, or -1. */
    long u32(int at) {
        return at >= 0 && at <= length - 4 ? (long) u16(at) << 16 | u16(at + 2) : -1;
    }

    /** Little-endian 32 bits as a long, or -1. */
    long u32le(int at) {
        return at >= 0 && at <= length - 4
                ? (data[at] & 0xffL) | (data[at + 1] & 0xffL) << 8 | (data[at + 2] & 0xffL) << 16
                        | (data[at + 3] & 0xffL) << 24
                : -1;
    }

    /** Whether the kept bytes begin with {@code prefix} at {@code at} (false if not all of it is kept yet). */
    boolean matches(int at, byte[] prefix) {
        if (at < 0 || at > length - prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether what is kept from {@code at} agrees with {@code prefix} as far as both go: a split or short start that
     * may still become it.
     */
    boolean agrees(int at, byte[] prefix) {
        int n = Math.min(prefix.length, length - at);
        for (int i = 0; i < n; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first index of {@code needle} in [from, to), or -1. */
    int indexOf(byte[] needle, int from, int to) {
        int end = Math.min(to, length) - needle.length;
        for (int i = Math.max(0, from); i <= end; i++) {
            if (matches(i, needle)) {
                return i;
            }
        }
        return -1;
    }

    /** The first index of the byte {@code b} in [from, to), or -1. */
    int indexOf(int b, int from, int to) {
        int end = Math.min(to, length);
        for (int i = Math.max(0, from); i < end; i++) {
            if ((data[i] & 0xff) == b) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes [from, to) as ISO-8859-1 text (each byte one character), clamped to what is kept. */
    String latin1(int from, int to) {
        int start = Math.clamp(from, 0, length);
        int end = Math.clamp(to, start, length);
        return new String(data, start, end - start, StandardCharsets.ISO_8859_1);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
