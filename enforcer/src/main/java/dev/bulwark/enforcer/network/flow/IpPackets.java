package dev.bulwark.enforcer.network.flow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Reads IP packets as captured: the headers must be whole, the payload may be cut short. Lengths in the packet are
 * believed only as far as the captured bytes go; at most {@link #MAX_EXTENSION_HEADERS} IPv6 extension headers are
 * walked.
 */
final class IpPackets {

    static final int MAX_EXTENSION_HEADERS = 8;

    private static final int HOP_BY_HOP = 0;
    private static final int ROUTING = 43;
    private static final int FRAGMENT = 44;
    private static final int DESTINATION_OPTIONS = 60;

    private IpPackets() {
    }

    static IpPacket parse(byte[] packet) {
        if (packet.length < 1) {
            throw new MalformedMessageException("an empty packet");
        }
        return switch (packet[0] >> 4 & 0xf) {
            case 4 -> ipv4(packet);
            case 6 -> ipv6(packet);
            default -> throw new MalformedMessageException("IP version " + (packet[0] >> 4 & 0xf));
        };
    }

    private static IpPacket ipv4(byte[] p) {
        need(p, 20, "an IPv4 header");
        int headerLength = (p[0] & 0xf) * 4;
        if (headerLength < 20) {
            throw new MalformedMessageException("an IPv4 header of " + headerLength + " bytes");
        }
        need(p, headerLength, "the IPv4 options");
        int totalLength = u16(p, 2);
        if (totalLength < headerLength) {
            throw new MalformedMessageException("an IPv4 total length of " + totalLength);
        }
        boolean laterFragment = (u16(p, 6) & 0x1fff) != 0;
        InetAddress source = address(p, 12, 4);
        InetAddress destination = address(p, 16, 4);
        int end = Math.min(p.length, totalLength);
        return transport(p, p[9] & 0xff, source, destination, headerLength, end, totalLength, laterFragment);
    }

    private static IpPacket ipv6(byte[] p) {
        need(p, 40, "an IPv6 header");
        int totalLength = 40 + u16(p, 4);
        InetAddress source = address(p, 8, 16);
        InetAddress destination = address(p, 24, 16);
        int next = p[6] & 0xff;
        int at = 40;
        boolean laterFragment = false;
        for (int walked = 0; isExtension(next); walked++) {
            if (walked == MAX_EXTENSION_HEADERS) {
                throw new MalformedMessageException("more than " + MAX_EXTENSION_HEADERS + " extension headers");
            }
            need(p, at + 8, "an IPv6 extension header");
            if (next == FRAGMENT) {
                laterFragment |= (u16(p, at + 2) & 0xfff8) != 0;
                next = p[at] & 0xff;
                at += 8;
            } else {
                next = p[at] & 0xff;
                at += 8 + (p[at + 1] & 0xff) * 8;
            }
        }
        return transport(p, next, source, destination, at, Math.min(p.length, totalLength), totalLength,
                laterFragment);
    }

    private static boolean isExtension(int header) {
        return header == HOP_BY_HOP || header == ROUTING || header == FRAGMENT || header == DESTINATION_OPTIONS;
    }

    private static IpPacket transport(byte[] p, int protocol, InetAddress source, InetAddress destination, int at,
            int end, int length, boolean laterFragment) {
        if (laterFragment || (protocol != FlowTuple.TCP && protocol != FlowTuple.UDP)) {
            return new IpPacket(new FlowTuple(protocol, source, 0, destination, 0), 0, new byte[0], length);
        }
        if (protocol == FlowTuple.TCP) {
            need(p, at + 20, "a TCP header");
            int headerLength = (p[at + 12] >> 4 & 0xf) * 4;
            if (headerLength < 20) {
                throw new MalformedMessageException("a TCP header of " + headerLength + " bytes");
            }
            need(p, at + headerLength, "the TCP options");
            return new IpPacket(new FlowTuple(protocol, source, u16(p, at), destination, u16(p, at + 2)),
                    p[at + 13] & 0xff, slice(p, at + headerLength, end), length);
        }
        need(p, at + 8, "a UDP header");
        int datagramEnd = Math.min(end, at + Math.max(8, u16(p, at + 4)));
        return new IpPacket(new FlowTuple(protocol, source, u16(p, at), destination, u16(p, at + 2)), 0,
                slice(p, at + 8, datagramEnd), length);
    }

    private static byte[] slice(byte[] p, int from, int to) {
        return from >= to ? new byte[0] : Arrays.copyOfRange(p, from, to);
    }

    private static void need(byte[] p, int length, String what) {
        if (p.length < length) {
            throw new MalformedMessageException(what + " cut at " + p.length + " bytes");
        }
    }

    private static int u16(byte[] p, int at) {
        return (p[at] & 0xff) << 8 | p[at + 1] & 0xff;
    }

    private static InetAddress address(byte[] p, int at, int size) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(p, at, at + size));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + size + " bytes", e);
        }
    }
}
