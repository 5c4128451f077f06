package dev.bulwark.enforcer.network.flow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/** ctnetlink ({@code NFNL_SUBSYS_CTNETLINK}): its messages parsed, its requests built. */
final class Conntrack {

    /** The multicast groups of NEW and DESTROY events ({@code NFNLGRP_CONNTRACK_NEW}, {@code _DESTROY}). */
    static final int EVENT_GROUPS = 1 | 1 << 2;

    private static final int SUBSYSTEM = 1;
    private static final int IPCTNL_MSG_CT_NEW = 0;
    private static final int IPCTNL_MSG_CT_GET = 1;
    private static final int IPCTNL_MSG_CT_DELETE = 2;
    private static final int NFGENMSG = 4;
    private static final int CTA_TUPLE_ORIG = 1;
    private static final int CTA_TUPLE_REPLY = 2;
    private static final int CTA_STATUS = 3;
    private static final int CTA_COUNTERS_ORIG = 9;
    private static final int CTA_COUNTERS_REPLY = 10;
    private static final int CTA_ID = 12;
    private static final int CTA_TUPLE_IP = 1;
    private static final int CTA_TUPLE_PROTO = 2;
    private static final int CTA_IP_V4_SRC = 1;
    private static final int CTA_IP_V4_DST = 2;
    private static final int CTA_IP_V6_SRC = 3;
    private static final int CTA_IP_V6_DST = 4;
    private static final int CTA_PROTO_NUM = 1;
    private static final int CTA_PROTO_SRC_PORT = 2;
    private static final int CTA_PROTO_DST_PORT = 3;
    private static final int CTA_COUNTERS_PACKETS = 1;
    private static final int CTA_COUNTERS_BYTES = 2;

    private Conntrack() {
    }

    /** Whether the message is a ctnetlink entry (not an error, the end of a dump, or another subsystem's). */
    static boolean isEntry(NetlinkMessage message) {
        int type = message.type();
        return type >> 8 == SUBSYSTEM && ((type & 0xff) == IPCTNL_MSG_CT_NEW || (type & 0xff) == IPCTNL_MSG_CT_DELETE);
    }

    /** The entry a ctnetlink NEW or DELETE message holds. */
    static ConntrackEntry parse(NetlinkMessage message) {
        if (!isEntry(message)) {
            throw new MalformedMessageException("not a conntrack entry: type " + message.type());
        }
        if (message.payloadLength() < NFGENMSG) {
            throw new MalformedMessageException("a conntrack message of " + message.payloadLength() + " bytes");
        }
        Map<Integer, Attribute> attributes = Attribute.parse(message.data(), message.payloadOffset() + NFGENMSG,
                message.payloadLength() - NFGENMSG);
        Attribute original = required(attributes, CTA_TUPLE_ORIG, "original tuple");
        Attribute reply = required(attributes, CTA_TUPLE_REPLY, "reply tuple");
        long[] counters = new long[2];
        add(attributes.get(CTA_COUNTERS_ORIG), counters);
        add(attributes.get(CTA_COUNTERS_REPLY), counters);
        return new ConntrackEntry((message.type() & 0xff) == IPCTNL_MSG_CT_DELETE,
                attributes.containsKey(CTA_ID) ? attributes.get(CTA_ID).u32() : 0, tuple(original), tuple(reply),
                counters[0], counters[1], attributes.containsKey(CTA_STATUS) ? attributes.get(CTA_STATUS).u32() : 0);
    }

    private static Attribute required(Map<Integer, Attribute> attributes, int type, String what) {
        Attribute attribute = attributes.get(type);
        if (attribute == null) {
            throw new MalformedMessageException("a conntrack message without its " + what);
        }
        return attribute;
    }

    private static FlowTuple tuple(Attribute tuple) {
        Map<Integer, Attribute> parts = tuple.nested();
        Map<Integer, Attribute> ip = required(parts, CTA_TUPLE_IP, "addresses").nested();
        Map<Integer, Attribute> proto = required(parts, CTA_TUPLE_PROTO, "protocol").nested();
        boolean v4 = ip.containsKey(CTA_IP_V4_SRC);
        InetAddress source = address(required(ip, v4 ? CTA_IP_V4_SRC : CTA_IP_V6_SRC, "source"), v4);
        InetAddress destination = address(required(ip, v4 ? CTA_IP_V4_DST : CTA_IP_V6_DST, "destination"), v4);
        return new FlowTuple(required(proto, CTA_PROTO_NUM, "protocol number").u8(), source, port(proto,
                CTA_PROTO_SRC_PORT), destination, port(proto, CTA_PROTO_DST_PORT));
    }

    private static int port(Map<Integer, Attribute> proto, int type) {
        Attribute port = proto.get(type);
        return port == null ? 0 : port.u16();
    }

    private static InetAddress address(Attribute attribute, boolean v4) {
        int size = v4 ? 4 : 16;
        if (attribute.length() != size) {
            throw new MalformedMessageException("an address of " + attribute.length() + " bytes");
        }
        try {
            return InetAddress.getByAddress(attribute.bytes());
        } catch (UnknownHostException e) {
            throw new MalformedMessageException("an address of " + attribute.length() + " bytes");
        }
    }

    private static void add(Attribute counters, long[] packetsAndBytes) {
        if (counters != null) {
            Map<Integer, Attribute> values = counters.nested();
            packetsAndBytes[0] += values.containsKey(CTA_COUNTERS_PACKETS) ? values.get(CTA_COUNTERS_PACKETS).u64()
                    : 0;
            packetsAndBytes[1] += values.containsKey(CTA_COUNTERS_BYTES) ? values.get(CTA_COUNTERS_BYTES).u64() : 0;
        }
    }

    /** IPCTNL_MSG_CT_GET with NLM_F_DUMP for every family: the whole table, then NLMSG_DONE. */
    static byte[] dumpRequest(int sequence) {
        return NetlinkMessage.netfilterRequest(SUBSYSTEM << 8 | IPCTNL_MSG_CT_GET,
                NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_DUMP, sequence, 0, 0, new byte[0]);
    }
}
