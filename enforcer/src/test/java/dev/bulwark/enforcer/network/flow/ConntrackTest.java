package dev.bulwark.enforcer.network.flow;

import static dev.bulwark.enforcer.network.flow.Netlink.attribute;
import static dev.bulwark.enforcer.network.flow.Netlink.be16;
import static dev.bulwark.enforcer.network.flow.Netlink.be32;
import static dev.bulwark.enforcer.network.flow.Netlink.be64;
import static dev.bulwark.enforcer.network.flow.Netlink.concat;
import static dev.bulwark.enforcer.network.flow.Netlink.nested;
import static dev.bulwark.enforcer.network.flow.Netlink.netfilter;
import static dev.bulwark.enforcer.network.flow.Netlink.only;
import static dev.bulwark.enforcer.network.flow.Netlink.u8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConntrackTest {

    private static final int NEW = 1 << 8;
    private static final int DELETE = 1 << 8 | 2;

    private static byte[] tuple(int type, String source, String destination, int sourcePort, int destinationPort)
            throws Exception {
        byte[] s = InetAddress.getByName(source).getAddress();
        byte[] d = InetAddress.getByName(destination).getAddress();
        boolean v4 = s.length == 4;
        return nested(type,
                nested(1, attribute(v4 ? 1 : 3, s), attribute(v4 ? 2 : 4, d)),
                nested(2, attribute(1, u8(6)), attribute(2, be16(sourcePort)), attribute(3, be16(destinationPort))));
    }

    private static byte[] counters(int type, long packets, long bytes) {
        return nested(type, attribute(1, be64(packets)), attribute(2, be64(bytes)));
    }

    private static byte[] entry(int type) throws Exception {
        return netfilter(type, 0, 2, 0,
                tuple(1, "10.0.0.2", "10.0.0.1", 40000, 80),
                tuple(2, "10.0.0.1", "10.0.0.2", 80, 40000),
                attribute(3, be32(0x8)),
                counters(9, 5, 400),
                counters(10, 4, 1000),
                attribute(12, be32(0xdeadbeefL)));
    }

    @Test
    void readsTuplesCountersIdAndStatus() throws Exception {
        ConntrackEntry e = Conntrack.parse(only(entry(DELETE)));

        assertThat(e.destroyed()).isTrue();
        assertThat(e.id()).isEqualTo(0xdeadbeefL);
        assertThat(e.original()).isEqualTo(new FlowTuple(6, InetAddress.getByName("10.0.0.2"), 40000,
                InetAddress.getByName("10.0.0.1"), 80));
        assertThat(e.reply()).isEqualTo(e.original().reversed());
        assertThat(e.packets()).isEqualTo(9);
        assertThat(e.bytes()).isEqualTo(1400);
        assertThat(e.status()).isEqualTo(8);
        assertThat(Conntrack.parse(only(entry(NEW))).destroyed()).isFalse();
    }

    @Test
    void readsIpv6AndGoesWithoutCounters() throws Exception {
        ConntrackEntry e = Conntrack.parse(only(netfilter(NEW, 0, 10, 0,
                tuple(1, "fd00::2", "fd00::1", 1, 2), tuple(2, "fd00::1", "fd00::2", 2, 1))));

        assertThat(e.original().source()).isEqualTo(InetAddress.getByName("fd00::2"));
        assertThat(e.bytes()).isZero();
        assertThat(e.id()).isZero();
    }

    @Test
    void rejectsMissingPartsAndLyingLengths() throws Exception {
        assertThatThrownBy(() -> Conntrack.parse(only(netfilter(NEW, 0, 2, 0,
                tuple(1, "10.0.0.2", "10.0.0.1", 1, 2))))).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("reply tuple");
        byte[] shortAddress = netfilter(NEW, 0, 2, 0, nested(1, nested(1, attribute(1, new byte[3]),
                attribute(2, new byte[4])), nested(2, attribute(1, u8(6)))), tuple(2, "10.0.0.1", "10.0.0.2", 1, 2));
        assertThatThrownBy(() -> Conntrack.parse(only(shortAddress))).isInstanceOf(MalformedMessageException.class);

        byte[] lying = entry(NEW);
        lying[20] = (byte) 0xff; // the first attribute claims more bytes than the message holds
        lying[21] = (byte) 0x7f;
        assertThatThrownBy(() -> Conntrack.parse(only(lying))).isInstanceOf(MalformedMessageException.class);

        byte[] zeroLength = entry(NEW);
        zeroLength[20] = 0;
        zeroLength[21] = 0;
        assertThatThrownBy(() -> Conntrack.parse(only(zeroLength))).isInstanceOf(MalformedMessageException.class);

        byte[] shortPort = netfilter(NEW, 0, 2, 0, nested(1, nested(1, attribute(1, new byte[4]),
                attribute(2, new byte[4])), nested(2, attribute(1, u8(6)), attribute(2, u8(1)))),
                tuple(2, "10.0.0.1", "10.0.0.2", 1, 2));
        assertThatThrownBy(() -> Conntrack.parse(only(shortPort))).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("1 bytes, 2 needed");
        assertThatThrownBy(() -> Conntrack.parse(only(netfilter(NEW, 0, 2, 0))))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aTupleNestedInItselfOverAndOverIsReadToItsFixedDepthOnly() throws Exception {
        byte[] tuple = tuple(1, "10.0.0.2", "10.0.0.1", 1, 2);
        for (int i = 0; i < 2000; i++) {
            tuple = nested(1, tuple); // the nested length stays below 64 KiB until it would not fit a u16
            if (tuple.length > 60_000) {
                break;
            }
        }
        byte[] message = netfilter(NEW, 0, 2, 0, tuple, tuple(2, "10.0.0.1", "10.0.0.2", 2, 1));
        assertThatThrownBy(() -> Conntrack.parse(only(message))).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void thousandsOfUnknownAttributesAreSkippedInOnePass() throws Exception {
        byte[][] padding = new byte[12_000][];
        for (int i = 0; i < padding.length; i++) {
            padding[i] = attribute(200 + i % 50, new byte[0]);
        }
        ConntrackEntry e = Conntrack.parse(only(concat(netfilter(NEW, 0, 2, 0, concat(padding),
                tuple(1, "10.0.0.2", "10.0.0.1", 1, 2), tuple(2, "10.0.0.1", "10.0.0.2", 2, 1)))));
        assertThat(e.original().destinationPort()).isEqualTo(2);
    }

    @Test
    void mutatedAndRandomBytesGiveAnEntryOrAMalformedMessageOnly() throws Exception {
        Random random = new Random(7);
        byte[] valid = entry(DELETE);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = i % 2 == 0 ? valid.clone() : new byte[random.nextInt(200)];
            if (i % 2 == 0) {
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt();
                }
            } else {
                random.nextBytes(bytes);
            }
            try {
                for (NetlinkMessage m : NetlinkMessage.split(bytes, random.nextInt(bytes.length + 1))) {
                    if (Conntrack.isEntry(m)) {
                        Conntrack.parse(m);
                    }
                }
            } catch (MalformedMessageException expected) {
                // the only failure allowed
            }
        }
    }

    @Test
    void splitsADatagramAndRejectsBadFraming() throws Exception {
        byte[] two = concat(entry(NEW), entry(DELETE));
        assertThat(NetlinkMessage.split(two, two.length)).hasSize(2);
        assertThat(NetlinkMessage.split(two, 10)).as("less than a header: nothing").isEmpty();
        assertThatThrownBy(() -> NetlinkMessage.split(two, two.length - 1))
                .isInstanceOf(MalformedMessageException.class);
        byte[] tiny = entry(NEW);
        tiny[0] = 4;
        tiny[1] = tiny[2] = tiny[3] = 0;
        assertThatThrownBy(() -> NetlinkMessage.split(tiny, tiny.length))
                .isInstanceOf(MalformedMessageException.class);
        assertThatThrownBy(() -> NetlinkMessage.split(tiny, tiny.length + 1))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void theDumpRequestIsAGetWithDump() {
        NetlinkMessage request = only(Conntrack.dumpRequest(9));
        assertThat(request.type()).isEqualTo(1 << 8 | 1);
        assertThat(request.flags()).isEqualTo(0x301);
        assertThat(request.sequence()).isEqualTo(9);
        assertThat(request.payloadLength()).isEqualTo(4);
    }
}
