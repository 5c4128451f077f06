package dev.bulwark.enforcer.network.flow;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/** IP packets written byte by byte for tests. */
final class Packets {

    private Packets() {
    }

    static byte[] ipv4(int protocol, String source, String destination, byte[] transport) throws Exception {
        ByteBuffer p = ByteBuffer.allocate(20 + transport.length);
        p.put((byte) 0x45).put((byte) 0).putShort((short) (20 + transport.length)).putInt(0);
        p.put((byte) 64).put((byte) protocol).putShort((short) 0);
        p.put(InetAddress.getByName(source).getAddress()).put(InetAddress.getByName(destination).getAddress());
        return p.put(transport).array();
    }

    static byte[] ipv6(int next, String source, String destination, byte[] rest) throws Exception {
        ByteBuffer p = ByteBuffer.allocate(40 + rest.length);
        p.putInt(0x60000000).putShort((short) rest.length).put((byte) next).put((byte) 64);
        p.put(InetAddress.getByName(source).getAddress()).put(InetAddress.getByName(destination).getAddress());
        return p.put(rest).array();
    }

    static byte[] tcp(int sourcePort, int destinationPort, int flags, byte[] payload) {
        ByteBuffer t = ByteBuffer.allocate(20 + payload.length);
        t.putShort((short) sourcePort).putShort((short) destinationPort).putInt(1).putInt(0);
        t.put((byte) 0x50).put((byte) flags).putShort((short) 65535).putInt(0);
        return t.put(payload).array();
    }

    static byte[] udp(int sourcePort, int destinationPort, byte[] payload) {
        ByteBuffer u = ByteBuffer.allocate(8 + payload.length);
        u.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) (8 + payload.length))
                .putShort((short) 0);
        return u.put(payload).array();
    }
}
