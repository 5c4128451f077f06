package dev.bulwark.enforcer.network.flow;

import static dev.bulwark.enforcer.network.flow.Netlink.attribute;
import static dev.bulwark.enforcer.network.flow.Netlink.netfilter;
import static dev.bulwark.enforcer.network.flow.Netlink.only;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NflogTest {

    private static final int PACKET = 4 << 8;
    private static final byte[] IP = {0x45, 0, 0, 20};

    private static byte[] prefix(String text) {
        return (text + "\0").getBytes(US_ASCII);
    }

    @Test
    void readsTheGroupPrefixAndPacket() {
        LoggedPacket p = Nflog.parse(only(netfilter(PACKET, 0, 2, 2, attribute(1, new byte[] {8, 0, 3, 0}),
                attribute(10, prefix("bw-deny:42:")), attribute(9, IP)))).orElseThrow();

        assertThat(p.group()).isEqualTo(2);
        assertThat(p.prefix()).isEqualTo("bw-deny:42:");
        assertThat(p.packet()).isEqualTo(IP);
    }

    @Test
    void aPrefixWithoutItsNulAndNoPrefixAtAll() {
        assertThat(Nflog.parse(only(netfilter(PACKET, 0, 2, 1, attribute(10, "bw-cap".getBytes(US_ASCII)),
                attribute(9, IP)))).orElseThrow().prefix()).isEqualTo("bw-cap");
        assertThat(Nflog.parse(only(netfilter(PACKET, 0, 2, 1, attribute(9, IP)))).orElseThrow().prefix())
                .isEmpty();
    }

    @Test
    void otherMessagesAreNotPacketsAndBrokenOnesAreMalformed() {
        assertThat(Nflog.parse(only(netfilter(2, 0, 0, 0, new byte[16])))).isEmpty();
        assertThatThrownBy(() -> Nflog.parse(only(netfilter(PACKET, 0, 2, 1, attribute(10, prefix("x"))))))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("without a packet");
        byte[] lying = netfilter(PACKET, 0, 2, 1, attribute(9, IP));
        lying[20] = 100;
        assertThatThrownBy(() -> Nflog.parse(only(lying))).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void anOversizedPacketIsCopiedWhole() {
        byte[] big = new byte[60_000];
        assertThat(Nflog.parse(only(netfilter(PACKET, 0, 2, 1, attribute(9, big)))).orElseThrow().packet())
                .hasSize(60_000);
    }

    @Test
    void theBindRequestAsksForAnAckOfEachMessage() {
        byte[] request = Nflog.bindRequest(1, 1024, 5);
        var messages = NetlinkMessage.split(request, request.length);
        assertThat(messages).hasSize(2).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo(4 << 8 | 1);
            assertThat(m.flags() & NetlinkMessage.NLM_F_ACK).isNotZero();
            assertThat(m.data()[m.payloadOffset() + 3]).as("the group, big-endian").isEqualTo((byte) 1);
        });
    }

    @Test
    void mutatedMessagesParseOrAreMalformedOnly() {
        Random random = new Random(3);
        byte[] valid = netfilter(PACKET, 0, 2, 1, attribute(10, prefix("bw-cap")), attribute(9, IP));
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = valid.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt();
            }
            try {
                for (NetlinkMessage m : NetlinkMessage.split(bytes, bytes.length)) {
                    Nflog.parse(m);
                }
            } catch (MalformedMessageException expected) {
                // the only failure allowed
            }
        }
    }
}
