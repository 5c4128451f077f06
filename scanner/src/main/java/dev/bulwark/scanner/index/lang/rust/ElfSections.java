package dev.bulwark.scanner.index.lang.rust;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads a named section out of a whole little-endian ELF file (32 or 64 bit), checking every offset it follows. */
final class ElfSections {

    private ElfSections() {}

    static boolean isElf(byte[] file) {
        return file.length >= 64 && file[0] == 0x7f && file[1] == 'E' && file[2] == 'L' && file[3] == 'F';
    }

    /**
     * The bytes of the section, or empty when the file has none of that name.
     *
     * @throws IllegalArgumentException when the headers point outside the file
     */
    static Optional<byte[]> section(byte[] file, String name) {
        if (!isElf(file) || file[5] != 1) {
            return Optional.empty();
        }
        boolean is64 = file[4] == 2;
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = is64 ? b.getLong(0x28) : Integer.toUnsignedLong(b.getInt(0x20));
        int shentsize = Short.toUnsignedInt(b.getShort(is64 ? 0x3A : 0x2E));
        int shnum = Short.toUnsignedInt(b.getShort(is64 ? 0x3C : 0x30));
        int shstrndx = Short.toUnsignedInt(b.getShort(is64 ? 0x3E : 0x32));
        if (shoff == 0 || shnum == 0) {
            return Optional.empty();
        }
        if (shentsize < (is64 ? 64 : 40) || shoff < 0 || shoff + (long) shnum * shentsize > file.length
                || shstrndx >= shnum) {
            throw new IllegalArgumentException("section headers lie outside the file");
        }
        long[] names = range(b, is64, shoff + (long) shstrndx * shentsize, file.length);
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < shnum; i++) {
            long header = shoff + (long) i * shentsize;
            long nameOffset = names[0] + Integer.toUnsignedLong(b.getInt((int) header));
            if (nameOffset + wanted.length + 1 > names[0] + names[1] || !matches(file, (int) nameOffset, wanted)) {
                continue;
            }
            long[] data = range(b, is64, header, file.length);
            return Optional.of(java.util.Arrays.copyOfRange(file, (int) data[0], (int) (data[0] + data[1])));
        }
        return Optional.empty();
    }

    /** {offset, size} of the section whose header starts at {@code header}, checked against the file. */
    private static long[] range(ByteBuffer b, boolean is64, long header, int fileLength) {
        long offset = is64 ? b.getLong((int) header + 0x18) : Integer.toUnsignedLong(b.getInt((int) header + 0x10));
        long size = is64 ? b.getLong((int) header + 0x20) : Integer.toUnsignedLong(b.getInt((int) header + 0x14));
        if (offset < 0 || size < 0 || offset + size > fileLength) {
            throw new IllegalArgumentException("a section lies outside the file");
        }
        return new long[] {offset, size};
    }

    private static boolean matches(byte[] file, int at, byte[] name) {
        for (int i = 0; i < name.length; i++) {
            if (file[at + i] != name[i]) {
                return false;
            }
        }
        return file[at + name.length] == 0;
    }
}
