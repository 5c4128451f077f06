package dev.bulwark.enforcer.network.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DnsResponsesTest {

    private static byte[] name(String dotted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : dotted.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes());
        }
        out.write(0);
        return out.toByteArray();
    }

    /** A response to "Api.Example.test": a CNAME (to a name written in full), then an A and an AAAA record. */
    private static byte[] response() throws Exception {
        ByteBuffer m = ByteBuffer.allocate(512);
        m.putShort((short) 7).putShort((short) 0x8180).putShort((short) 1).putShort((short) 3).putInt(0);
        m.put(name("Api.Example.test")).putShort((short) 1).putShort((short) 1);
        byte[] target = name("edge.cdn.test");
        m.putShort((short) 0xc00c).putShort((short) 5).putShort((short) 1).putInt(60)
                .putShort((short) target.length).put(target);
        int targetAt = m.position() - target.length;
        m.putShort((short) (0xc000 | targetAt)).putShort((short) 1).putShort((short) 1).putInt(300)
                .putShort((short) 4).put(InetAddress.getByName("192.0.2.7").getAddress());
        m.putShort((short) (0xc000 | targetAt)).putShort((short) 28).putShort((short) 1).putInt(120)
                .putShort((short) 16).put(InetAddress.getByName("2001:db8::7").getAddress());
        return Arrays.copyOf(m.array(), m.position());
    }

    @Test
    void theQuestionsNameGetsEveryAddressWithTheSmallestTtl() throws Exception {
        DnsAnswer answer = DnsResponses.parse(response()).orElseThrow();

        assertThat(answer.name()).isEqualTo("api.example.test");
        assertThat(answer.addresses()).containsExactly(InetAddress.getByName("192.0.2.7"),
                InetAddress.getByName("2001:db8::7"));
        assertThat(answer.ttlSeconds()).isEqualTo(120);
    }

    @Test
    void queriesErrorsAndAnswersWithoutAddressesGiveNothing() throws Exception {
        byte[] query = response();
        query[2] = 0x01;
        assertThat(DnsResponses.parse(query)).isEmpty();
        byte[] nxdomain = response();
        nxdomain[3] = (byte) 0x83;
        assertThat(DnsResponses.parse(nxdomain)).isEmpty();
        byte[] onlyCname = response();
        onlyCname[7] = 1;
        assertThat(DnsResponses.parse(onlyCname)).isEmpty();
    }

    @Test
    void aPointerLoopIsMalformedNotEndless() throws Exception {
        ByteBuffer m = ByteBuffer.allocate(64);
        m.putShort((short) 1).putShort((short) 0x8180).putShort((short) 1).putShort((short) 1).putInt(0);
        m.putShort((short) 0xc00c); // the question's name points at itself
        assertThatThrownBy(() -> DnsResponses.parse(Arrays.copyOf(m.array(), m.position() + 4)))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("pointers");
    }

    @Test
    void lyingCountsLengthsAndLabelsAreMalformed() throws Exception {
        byte[] valid = response();
        byte[] moreAnswers = valid.clone();
        moreAnswers[6] = (byte) 0xff;
        moreAnswers[7] = (byte) 0xff;
        assertThatThrownBy(() -> DnsResponses.parse(moreAnswers)).isInstanceOf(MalformedMessageException.class);
        for (int cut : new int[] {0, 5, 12, 20, valid.length - 1}) {
            assertThatThrownBy(() -> DnsResponses.parse(Arrays.copyOf(valid, cut)))
                    .as("cut at %d", cut).isInstanceOf(MalformedMessageException.class);
        }
        byte[] extendedLabel = valid.clone();
        extendedLabel[12] = 0x40;
        assertThatThrownBy(() -> DnsResponses.parse(extendedLabel)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void anOverlongNameIsMalformed() {
        ByteBuffer m = ByteBuffer.allocate(1024);
        m.putShort((short) 1).putShort((short) 0x8180).putShort((short) 1).putShort((short) 1).putInt(0);
        for (int i = 0; i < 10; i++) {
            m.put((byte) 63).put(new byte[63]);
        }
        m.put((byte) 0);
        assertThatThrownBy(() -> DnsResponses.parse(Arrays.copyOf(m.array(), m.position())))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("longer than 255");
    }

    @Test
    void mutatedResponsesParseOrAreMalformedOnly() throws Exception {
        Random random = new Random(5);
        byte[] valid = response();
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = valid.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt();
            }
            try {
                DnsResponses.parse(bytes).ifPresent(a -> assertThat(a.addresses()).hasSizeLessThanOrEqualTo(64));
            } catch (MalformedMessageException expected) {
                // the only failure allowed
            }
        }
    }

    @Test
    void namesAreRememberedForTheirTtlAndTheOldestForgottenFirst() throws Exception {
        DnsNames names = new DnsNames(2);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        InetAddress c = InetAddress.getByName("192.0.2.3");
        names.remember(new DnsAnswer("a.test", List.of(a), 600), 1000);
        names.remember(new DnsAnswer("b.test", List.of(b, c), 0), 1000);

        assertThat(names.size()).isEqualTo(2);
        assertThat(names.nameOf(a, 1000)).as("forgotten: the oldest").isEmpty();
        assertThat(names.nameOf(b, 1000 + DnsNames.MIN_TTL_SECONDS)).contains("b.test");
        assertThat(names.nameOf(b, 1001 + DnsNames.MIN_TTL_SECONDS)).as("expired").isEmpty();
    }
}
