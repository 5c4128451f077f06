package dev.bulwark.enforcer.network.flow;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One netlink message of a datagram: its header fields and where its payload lies in {@code data} (shared, not
 * copied). Netlink headers are in the host's byte order; netfilter's payload values are big-endian.
 */
record NetlinkMessage(int type, int flags, int sequence, byte[] data, int payloadOffset, int payloadLength) {

    static final int HEADER = 16;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_DUMP = 0x300;

    /** The messages in the first {@code length} bytes of {@code datagram}; malformed framing throws. */
    static List<NetlinkMessage> split(byte[] datagram, int length) {
        if (length < 0 || length > datagram.length) {
            throw new MalformedMessageException("a datagram of " + length + " bytes in a buffer of " + datagram.length);
        }
        ByteBuffer in = ByteBuffer.wrap(datagram, 0, length).order(ByteOrder.nativeOrder());
        List<NetlinkMessage> messages = new ArrayList<>();
        int at = 0;
        while (length - at >= HEADER) {
            int messageLength = in.getInt(at);
            if (messageLength < HEADER || messageLength > length - at) {
                throw new MalformedMessageException("a message of " + messageLength + " bytes at " + at + " of "
                        + length);
            }
            messages.add(new NetlinkMessage(Short.toUnsignedInt(in.getShort(at + 4)),
                    Short.toUnsignedInt(in.getShort(at + 6)), in.getInt(at + 8), datagram, at + HEADER,
                    messageLength - HEADER));
            at += align(messageLength);
        }
        return messages;
    }

    static int align(int length) {
        return (length + 3) & ~3;
    }

    /** For {@link #NLMSG_ERROR}: the negated errno, 0 for an acknowledgement. */
    int error() {
        if (payloadLength < 4) {
            throw new MalformedMessageException("an error message of " + payloadLength + " bytes");
        }
        return ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()).getInt(payloadOffset);
    }

    /**
     * A netfilter request: the header, {@code nfgenmsg} (family, version 0, {@code resourceId} big-endian) and
     * the attributes already encoded.
     */
    static byte[] netfilterRequest(int type, int flags, int sequence, int family, int resourceId, byte[] attributes) {
        int length = HEADER + 4 + attributes.length;
        ByteBuffer out = ByteBuffer.allocate(align(length)).order(ByteOrder.nativeOrder());
        out.putInt(length).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(0);
        out.put((byte) family).put((byte) 0).order(ByteOrder.BIG_ENDIAN).putShort((short) resourceId);
        out.put(attributes);
        return out.array();
    }
}
