package dev.bulwark.enforcer.network.flow;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

/** nfnetlink_log ({@code NFNL_SUBSYS_ULOG}): packet messages parsed, configuration requests built. */
final class Nflog {

    private static final int SUBSYSTEM = 4;
    private static final int NFULNL_MSG_PACKET = 0;
    private static final int NFULNL_MSG_CONFIG = 1;
    private static final int NFGENMSG = 4;
    private static final int NFULA_PAYLOAD = 9;
    private static final int NFULA_PREFIX = 10;
    private static final int NFULA_CFG_CMD = 1;
    private static final int NFULA_CFG_MODE = 2;
    private static final int NFULA_CFG_TIMEOUT = 3;
    private static final int NFULA_CFG_QTHRESH = 4;
    /**
     * Packets are sent in batches of up to this many, or after {@link #FLUSH_HUNDREDTHS}: the kernel's default
     * (100 packets or a second) would keep a connection's first packets from the report that follows it.
     */
    private static final int BATCH = 16;
    private static final int FLUSH_HUNDREDTHS = 10;
    private static final int NFULNL_CFG_CMD_BIND = 1;
    private static final int NFULNL_COPY_PACKET = 2;

    private Nflog() {
    }

    /** The packet an NFLOG message carries; empty for a message of another kind (an acknowledgement). */
    static Optional<LoggedPacket> parse(NetlinkMessage message) {
        if (message.type() != (SUBSYSTEM << 8 | NFULNL_MSG_PACKET)) {
            return Optional.empty();
        }
        if (message.payloadLength() < NFGENMSG) {
            throw new MalformedMessageException("an NFLOG message of " + message.payloadLength() + " bytes");
        }
        int group = Short.toUnsignedInt(ByteBuffer.wrap(message.data()).getShort(message.payloadOffset() + 2));
        Map<Integer, Attribute> attributes = Attribute.parse(message.data(), message.payloadOffset() + NFGENMSG,
                message.payloadLength() - NFGENMSG);
        Attribute payload = attributes.get(NFULA_PAYLOAD);
        if (payload == null) {
            throw new MalformedMessageException("an NFLOG message without a packet");
        }
        Attribute prefix = attributes.get(NFULA_PREFIX);
        return Optional.of(new LoggedPacket(group, prefix == null ? "" : prefix.string(), payload.bytes()));
    }

    /**
     * Binds this socket to {@code group} and asks for packets copied up to {@code copyRange} bytes, sent in small
     * batches; each message acknowledged ({@code NLM_F_ACK}) so that a refusal (the group taken by another socket)
     * is seen.
     */
    static byte[] bindRequest(int group, int copyRange, int sequence) {
        ByteArrayOutputStream bind = new ByteArrayOutputStream();
        Attribute.write(bind, NFULA_CFG_CMD, new byte[] {NFULNL_CFG_CMD_BIND});
        ByteArrayOutputStream mode = new ByteArrayOutputStream();
        Attribute.write(mode, NFULA_CFG_MODE, ByteBuffer.allocate(6).putInt(copyRange)
                .put((byte) NFULNL_COPY_PACKET).array());
        Attribute.write(mode, NFULA_CFG_QTHRESH, ByteBuffer.allocate(4).putInt(BATCH).array());
        Attribute.write(mode, NFULA_CFG_TIMEOUT, ByteBuffer.allocate(4).putInt(FLUSH_HUNDREDTHS).array());
        int flags = NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK;
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(NetlinkMessage.netfilterRequest(SUBSYSTEM << 8 | NFULNL_MSG_CONFIG, flags, sequence, 0, group,
                bind.toByteArray()));
        both.writeBytes(NetlinkMessage.netfilterRequest(SUBSYSTEM << 8 | NFULNL_MSG_CONFIG, flags, sequence + 1, 0,
                group, mode.toByteArray()));
        return both.toByteArray();
    }
}
