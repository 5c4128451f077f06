package dev.bulwark.enforcer.network.flow;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One netlink attribute ({@code struct nlattr} and its value) lying in {@code data}; values are big-endian. */
record Attribute(int type, byte[] data, int offset, int length) {

    private static final int HEADER = 4;
    /** The type without NLA_F_NESTED and NLA_F_NET_BYTEORDER. */
    private static final int TYPE_MASK = 0x3fff;

    /** The attributes in {@code length} bytes of {@code data} from {@code offset}, by type (the last one wins). */
    static Map<Integer, Attribute> parse(byte[] data, int offset, int length) {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        Map<Integer, Attribute> attributes = new HashMap<>();
        int at = 0;
        while (length - at >= HEADER) {
            int attributeLength = Short.toUnsignedInt(in.getShort(offset + at));
            if (attributeLength < HEADER || attributeLength > length - at) {
                throw new MalformedMessageException("an attribute of " + attributeLength + " bytes at " + at + " of "
                        + length);
            }
            int type = Short.toUnsignedInt(in.getShort(offset + at + 2)) & TYPE_MASK;
            attributes.put(type, new Attribute(type, data, offset + at + HEADER, attributeLength - HEADER));
            at += NetlinkMessage.align(attributeLength);
        }
        return attributes;
    }

    /** The attributes nested in this one. */
    Map<Integer, Attribute> nested() {
        return parse(data, offset, length);
    }

    int u8() {
        need(1);
        return Byte.toUnsignedInt(data[offset]);
    }

    int u16() {
        need(2);
        return Short.toUnsignedInt(ByteBuffer.wrap(data).getShort(offset));
    }

    long u32() {
        need(4);
        return Integer.toUnsignedLong(ByteBuffer.wrap(data).getInt(offset));
    }

    long u64() {
        need(8);
        return ByteBuffer.wrap(data).getLong(offset);
    }

    byte[] bytes() {
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        return copy;
    }

    /** A NUL-terminated string (or the whole value when it has no NUL). */
    String string() {
        int end = offset;
        while (end < offset + length && data[end] != 0) {
            end++;
        }
        return new String(data, offset, end - offset, StandardCharsets.UTF_8);
    }

    private void need(int bytes) {
        if (length < bytes) {
            throw new MalformedMessageException("attribute " + type + " holds " + length + " bytes, " + bytes
                    + " needed");
        }
    }

    /** Encodes an attribute (host-order header, the value as given, padded to 4 bytes) onto {@code out}. */
    static void write(ByteArrayOutputStream out, int type, byte[] value) {
        ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.nativeOrder());
        header.putShort((short) (HEADER + value.length)).putShort((short) type);
        out.writeBytes(header.array());
        out.writeBytes(value);
        out.writeBytes(new byte[NetlinkMessage.align(value.length) - value.length]);
    }
}
