package dev.bulwark.enforcer.network.flow;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Netlink messages written byte by byte for parser tests, as the kernel lays them out. */
final class Netlink {

    private Netlink() {
    }

    static byte[] attribute(int type, byte[] value) {
        int length = 4 + value.length;
        ByteBuffer out = ByteBuffer.allocate((length + 3) & ~3).order(ByteOrder.nativeOrder());
        out.putShort((short) length).putShort((short) type).put(value);
        return out.array();
    }

    /** A nested attribute, NLA_F_NESTED set as the kernel sets it. */
    static byte[] nested(int type, byte[]... children) {
        return attribute(type | 0x8000, concat(children));
    }

    /** A message: the header, then {@code nfgenmsg} (family, version, big-endian resource id), then the payload. */
    static byte[] netfilter(int type, int flags, int family, int resourceId, byte[]... attributes) {
        byte[] payload = concat(attributes);
        ByteBuffer out = ByteBuffer.allocate(20 + payload.length).order(ByteOrder.nativeOrder());
        out.putInt(20 + payload.length).putShort((short) type).putShort((short) flags).putInt(0).putInt(0);
        out.put((byte) family).put((byte) 0).order(ByteOrder.BIG_ENDIAN).putShort((short) resourceId).put(payload);
        return out.array();
    }

    static NetlinkMessage only(byte[] datagram) {
        var messages = NetlinkMessage.split(datagram, datagram.length);
        if (messages.size() != 1) {
            throw new AssertionError(messages.size() + " messages");
        }
        return messages.getFirst();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] u8(int value) {
        return new byte[] {(byte) value};
    }

    static byte[] be16(int value) {
        return ByteBuffer.allocate(2).putShort((short) value).array();
    }

    static byte[] be32(long value) {
        return ByteBuffer.allocate(4).putInt((int) value).array();
    }

    static byte[] be64(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }
}
