package dev.bulwark.enforcer.network.flow;

import static dev.bulwark.enforcer.network.flow.Packets.ipv4;
import static dev.bulwark.enforcer.network.flow.Packets.ipv6;
import static dev.bulwark.enforcer.network.flow.Packets.tcp;
import static dev.bulwark.enforcer.network.flow.Packets.udp;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IpPacketsTest {

    private static final byte[] GET = "GET / HTTP/1.1\r\n".getBytes(US_ASCII);

    @Test
    void readsAnIpv4TcpSegment() throws Exception {
        IpPacket p = IpPackets.parse(ipv4(6, "10.1.1.2", "10.1.1.1", tcp(40000, 80, 0x18, GET)));

        assertThat(p.tuple()).isEqualTo(new FlowTuple(6, InetAddress.getByName("10.1.1.2"), 40000,
                InetAddress.getByName("10.1.1.1"), 80));
        assertThat(p.tcpFlags()).isEqualTo(0x18);
        assertThat(p.payload()).isEqualTo(GET);
        assertThat(p.length()).isEqualTo(20 + 20 + GET.length);
    }

    @Test
    void readsAnIpv6UdpDatagramPastExtensionHeaders() throws Exception {
        byte[] hopByHop = {17, 0, 0, 0, 0, 0, 0, 0};
        IpPacket p = IpPackets.parse(ipv6(0, "fd00::2", "fd00::1", Arrays.copyOf(
                concat(hopByHop, udp(5353, 53, new byte[] {1, 2, 3})), 8 + 11)));

        assertThat(p.tuple().ipProto()).isEqualTo(17);
        assertThat(p.tuple().destinationPort()).isEqualTo(53);
        assertThat(p.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void aCaptureCutInThePayloadKeepsWhatCameAndTheWireLength() throws Exception {
        byte[] whole = ipv4(6, "10.1.1.2", "10.1.1.1", tcp(1, 2, 0x18, GET));
        IpPacket p = IpPackets.parse(Arrays.copyOf(whole, 45));

        assertThat(p.payload()).hasSize(5);
        assertThat(p.length()).isEqualTo(whole.length);
    }

    @Test
    void aLaterFragmentAndOtherProtocolsHaveNoPorts() throws Exception {
        byte[] fragment = ipv4(6, "10.1.1.2", "10.1.1.1", tcp(1, 2, 0, GET));
        fragment[7] = 10;
        assertThat(IpPackets.parse(fragment).tuple().sourcePort()).isZero();
        IpPacket icmp = IpPackets.parse(ipv4(1, "10.1.1.2", "10.1.1.1", new byte[8]));
        assertThat(icmp.tuple().ipProto()).isEqualTo(1);
        assertThat(icmp.payload()).isEmpty();
    }

    @Test
    void headersCutOrLyingAreMalformed() throws Exception {
        byte[] valid = ipv4(6, "10.1.1.2", "10.1.1.1", tcp(1, 2, 0, GET));
        for (int cut : new int[] {0, 1, 19, 20, 39}) {
            assertThatThrownBy(() -> IpPackets.parse(Arrays.copyOf(valid, cut)))
                    .as("cut at %d", cut).isInstanceOf(MalformedMessageException.class);
        }
        byte[] shortHeader = valid.clone();
        shortHeader[0] = 0x44;
        assertThatThrownBy(() -> IpPackets.parse(shortHeader)).isInstanceOf(MalformedMessageException.class);
        byte[] longOptions = valid.clone();
        longOptions[0] = 0x4f;
        longOptions[20 + 12] = (byte) 0xf0;
        assertThatThrownBy(() -> IpPackets.parse(longOptions)).isInstanceOf(MalformedMessageException.class);
        byte[] totalBelowHeader = valid.clone();
        totalBelowHeader[2] = 0;
        totalBelowHeader[3] = 10;
        assertThatThrownBy(() -> IpPackets.parse(totalBelowHeader)).isInstanceOf(MalformedMessageException.class);
        byte[] tcpOffsetBeyond = valid.clone();
        tcpOffsetBeyond[20 + 12] = (byte) 0xf0;
        assertThatThrownBy(() -> IpPackets.parse(tcpOffsetBeyond)).isInstanceOf(MalformedMessageException.class);
        byte[] version5 = valid.clone();
        version5[0] = 0x55;
        assertThatThrownBy(() -> IpPackets.parse(version5)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void aUdpLengthLargerThanTheCaptureIsBelievedOnlyAsFarAsTheBytesGo() throws Exception {
        byte[] p = ipv4(17, "10.1.1.2", "10.1.1.1", udp(1, 53, new byte[] {9, 9}));
        p[20 + 4] = (byte) 0xff;
        p[20 + 5] = (byte) 0xff;
        assertThat(IpPackets.parse(p).payload()).containsExactly(9, 9);
    }

    @Test
    void endlessIpv6ExtensionHeadersAreCutOff() throws Exception {
        byte[] chain = new byte[8 * 20];
        for (int i = 0; i < 20; i++) {
            chain[8 * i] = 60; // each destination-options header says another follows
        }
        assertThatThrownBy(() -> IpPackets.parse(ipv6(60, "fd00::2", "fd00::1", chain)))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("extension headers");
        byte[] overlong = {6, (byte) 0xff, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> IpPackets.parse(ipv6(0, "fd00::2", "fd00::1", overlong)))
                .isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void randomAndMutatedPacketsParseOrAreMalformedOnly() throws Exception {
        Random random = new Random(11);
        byte[][] seeds = {ipv4(6, "10.1.1.2", "10.1.1.1", tcp(1, 2, 0x18, GET)),
                ipv6(17, "fd00::2", "fd00::1", udp(1, 53, GET))};
        for (int i = 0; i < 50_000; i++) {
            byte[] p;
            if (i % 3 == 0) {
                p = new byte[random.nextInt(120)];
                random.nextBytes(p);
            } else {
                p = seeds[i % 2].clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    p[random.nextInt(p.length)] = (byte) random.nextInt();
                }
                p = Arrays.copyOf(p, random.nextInt(p.length + 1));
            }
            try {
                IpPacket parsed = IpPackets.parse(p);
                assertThat(parsed.payload().length).isLessThanOrEqualTo(p.length);
            } catch (MalformedMessageException expected) {
                // the only failure allowed
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
