package dev.bulwark.enforcer.network.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.ByteBufUtil;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2HeadersEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each application from true bytes, whole and split; look-alikes and garbage are not classified, nor throw. */
class AppClassifierTest {

    /** A ClientHello captured from python3's ssl module (OpenSSL) connecting to 127.0.0.1 as api.bulwark.test. */
    static final byte[] TLS_CLIENT_HELLO = HexFormat.of().parseHex("1603010200010001fc0303055a14a3c67f59e7c101e32e2c1fcb0120f452a1332a7c9513e8500c74a3a1e420c8ea27d5c6fdb5cc964926b9883192ca82bc606052e2b53ce6663100fe8ed0860024130213031301c02cc030c02bc02fcca9cca8c024c028c023c027009f009e006b006700ff0100018f0000001500130000106170692e62756c7761726b2e74657374000b000403000102000a00160014001d0017001e0019001801000101010201030104002300000016000000170000000d002a0028040305030603080708080809080a080b080408050806040105010601030303010302040205020602002b00050403040303002d00020101003300260024001d00209b4953c0ec75dc9646d05e630dd46f32275062c131eae74c7b2a59a9f1cd560a001500dd0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000");
    /** A request captured from python3's http.client. */
    static final byte[] HTTP_REQUEST = HexFormat.of().parseHex("474554202f76312f6865616c74683f783d3120485454502f312e310d0a4163636570742d456e636f64696e673a206964656e746974790d0a486f73743a2073686f702e62756c7761726b2e746573743a383038300d0a0d0a");

    static Classification classify(Transport transport, byte[] client, byte[] server) {
        var classifier = new AppClassifier(transport);
        if (server.length > 0) {
            classifier.feed(Direction.TO_CLIENT, server);
        }
        return client.length > 0 ? classifier.feed(Direction.TO_SERVER, client) : classifier.classification();
    }

    static Application identified(Classification c) {
        assertThat(c).isInstanceOf(Classification.Identified.class);
        return ((Classification.Identified) c).application();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] cat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] be32(long v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    static final byte[] MYSQL_GREETING = mysqlGreeting();
    static final byte[] POSTGRES_STARTUP = postgresStartup();
    /** RFC 1035 4.1: id, RD set, one question: example.com, type A, class IN. */
    static final byte[] DNS_QUERY = HexFormat.of().parseHex("abcd01000001000000000000076578616d706c6503636f6d0000010001");
    static final byte[] REDIS_PING = ascii("*1\r\n$4\r\nPING\r\n");
    static final byte[] MONGO_HELLO = mongoOpMsg();
    static final byte[] KAFKA_API_VERSIONS = kafkaApiVersions();

    static byte[] mysqlGreeting() {
        byte[] payload = cat(new byte[] {0x0a}, ascii("8.0.36\0"), le32(42), ascii("abcdefgh"), new byte[] {0},
                new byte[] {(byte) 0xff, (byte) 0xf7, (byte) 0xff, 0x02, 0, (byte) 0xff, (byte) 0xc3, 0x15},
                new byte[10], ascii("ijklmnopqrst\0mysql_native_password\0"));
        return cat(new byte[] {(byte) payload.length, 0, 0, 0}, payload);
    }

    static byte[] postgresStartup() {
        byte[] body = cat(be32(0x00030000), ascii("user\0app\0database\0shop\0\0"));
        return cat(be32(body.length + 4), body);
    }

    static byte[] mongoOpMsg() {
        byte[] doc = cat(le32(17), new byte[] {0x10}, ascii("hello\0"), le32(1), new byte[] {0}, new byte[] {});
        byte[] doc2 = cat(le32(doc.length - 4 + 4), java.util.Arrays.copyOfRange(doc, 4, doc.length));
        byte[] body = cat(le32(0), new byte[] {0}, doc2);
        return cat(le32(16 + body.length), le32(7), le32(0), le32(2013), body);
    }

    static byte[] kafkaApiVersions() {
        byte[] header = cat(new byte[] {0, 18, 0, 3}, be32(1), new byte[] {0, 7}, ascii("console"), new byte[] {0});
        return cat(be32(header.length), header);
    }

    @Test
    void readsSniAndVersionFromARealClientHello() {
        var app = identified(classify(Transport.TCP, TLS_CLIENT_HELLO, new byte[0]));
        assertThat(app.name()).isEqualTo("SSL");
        assertThat(app.details()).containsEntry(Application.SNI, "api.bulwark.test").containsEntry(Application.VERSION,
                "1.3");
    }

    @Test
    void readsMethodAndHostFromARealHttpRequest() {
        var app = identified(classify(Transport.TCP, HTTP_REQUEST, new byte[0]));
        assertThat(app).isEqualTo(new Application("HTTP", Map.of(Application.METHOD, "GET", Application.VERSION,
                "1.1", Application.HOST, "shop.bulwark.test:8080")));
    }

    @Test
    void namesEachApplicationAsNeuVectorDoes() {
        assertThat(identified(classify(Transport.UDP, DNS_QUERY, new byte[0])))
                .isEqualTo(new Application("DNS", Map.of(Application.QUESTION, "example.com")));
        assertThat(identified(classify(Transport.TCP, new byte[0], ascii("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"))))
                .isEqualTo(new Application("SSH", Map.of(Application.BANNER, "SSH-2.0-OpenSSH_9.2p1 Debian-2")));
        assertThat(identified(classify(Transport.TCP, new byte[0], MYSQL_GREETING)))
                .isEqualTo(new Application("MySQL", Map.of(Application.VERSION, "8.0.36")));
        assertThat(identified(classify(Transport.TCP, POSTGRES_STARTUP, new byte[0])).name()).isEqualTo("PostgreSQL");
        assertThat(identified(classify(Transport.TCP, cat(be32(8), be32(80877103)), new byte[0])).details())
                .containsEntry(Application.MESSAGE, "ssl");
        assertThat(identified(classify(Transport.TCP, REDIS_PING, new byte[0])))
                .isEqualTo(new Application("Redis", Map.of(Application.METHOD, "PING")));
        assertThat(identified(classify(Transport.TCP, MONGO_HELLO, new byte[0])).name()).isEqualTo("MongoDB");
        assertThat(identified(classify(Transport.TCP, KAFKA_API_VERSIONS, new byte[0])))
                .isEqualTo(new Application("Kafka", Map.of(Application.METHOD, "18")));
    }

    @Test
    void tellsGrpcFromPlainHttp2ByTheContentTypeEvenHuffmanCoded() throws Exception {
        for (String contentType : new String[] {"application/grpc", "application/grpc+proto"}) {
            for (boolean huffman : new boolean[] {false, true}) {
                assertThat(identified(classify(Transport.TCP, http2(contentType, huffman), new byte[0])).name())
                        .isEqualTo("gRPC");
            }
        }
        var plain = identified(classify(Transport.TCP, http2("text/html", true), new byte[0]));
        assertThat(plain).isEqualTo(new Application("HTTP", Map.of(Application.VERSION, "2")));
    }

    /** The client preface, an empty SETTINGS frame and a HEADERS frame HPACK-encoded by Netty (Huffman on). */
    static byte[] http2(String contentType, boolean huffman) throws Exception {
        var headers = new DefaultHttp2Headers().method("POST").scheme("http").path("/shop.Cart/Add")
                .authority("cart:50051").add("content-type", contentType).add("te", "trailers");
        ByteBuf block = Unpooled.buffer();
        new DefaultHttp2HeadersEncoder(Http2HeadersEncoder.NEVER_SENSITIVE, false, 16, huffman ? 0 : Integer.MAX_VALUE)
                .encodeHeaders(1, headers, block);
        byte[] fragment = ByteBufUtil.getBytes(block);
        assertThat(new String(fragment, StandardCharsets.ISO_8859_1).contains("grpc")).isEqualTo(!huffman);
        byte[] frame = cat(new byte[] {(byte) (fragment.length >> 16), (byte) (fragment.length >> 8),
            (byte) fragment.length, 1, 4}, be32(1), fragment);
        return cat(ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}, frame);
    }

    @Test
    void decidesTheSameWhenEveryByteComesAlone() {
        for (byte[] sample : new byte[][] {TLS_CLIENT_HELLO, HTTP_REQUEST, POSTGRES_STARTUP, REDIS_PING, MONGO_HELLO,
            KAFKA_API_VERSIONS}) {
            var whole = classify(Transport.TCP, sample, new byte[0]);
            var classifier = new AppClassifier(Transport.TCP);
            int segments = 0;
            for (int i = 0; i < sample.length && !classifier.classification().decided(); i += 61) {
                classifier.feed(Direction.TO_SERVER, sample, i, Math.min(61, sample.length - i));
                segments++;
            }
            assertThat(classifier.classification()).as("%d segments", segments).isEqualTo(whole);
        }
    }

    @Test
    void waitsWhileTruncated() {
        for (byte[] sample : new byte[][] {TLS_CLIENT_HELLO, HTTP_REQUEST, POSTGRES_STARTUP, REDIS_PING}) {
            var classifier = new AppClassifier(Transport.TCP);
            assertThat(classifier.feed(Direction.TO_SERVER, sample, 0, sample.length - 1).decided()).isFalse();
        }
    }

    @Test
    void refusesLookAlikes() {
        String[] texts = {"GET / HTTP/3.0\r\n\r\n", "GETTING STARTED\r\n", "GET /a b HTTP/1.1\r\n", "SSH-9.9\r\n",
            "*1\r\n$4\r\nPI G\r\n", "*0\r\n", "hello world, this is not a protocol at all\r\n"};
        for (String text : texts) {
            assertThat(classify(Transport.TCP, ascii(text), new byte[0])).as(text)
                    .isNotInstanceOf(Classification.Identified.class);
        }
        byte[] dnsAnswer = DNS_QUERY.clone();
        dnsAnswer[2] |= (byte) 0x80;
        assertThat(classify(Transport.UDP, dnsAnswer, new byte[0])).isInstanceOf(Classification.Unknown.class);
        byte[] badHello = TLS_CLIENT_HELLO.clone();
        badHello[5] = 2;
        assertThat(classify(Transport.TCP, badHello, new byte[0])).isNotInstanceOf(Classification.Identified.class);
        byte[] badGreeting = MYSQL_GREETING.clone();
        badGreeting[4] = 9;
        assertThat(classify(Transport.TCP, new byte[0], badGreeting)).isNotInstanceOf(
                Classification.Identified.class);
    }

    @Test
    void readsDnsOverTcpAndAClientsSshBanner() {
        byte[] framed = cat(new byte[] {0, (byte) DNS_QUERY.length}, DNS_QUERY);
        assertThat(identified(classify(Transport.TCP, framed, new byte[0])).name()).isEqualTo("DNS");
        assertThat(identified(classify(Transport.TCP, ascii("SSH-2.0-Go\r\n"), new byte[0])).name()).isEqualTo("SSH");
        assertThat(classify(Transport.UDP, REDIS_PING, new byte[0])).isInstanceOf(Classification.Unknown.class);
    }

    @Test
    void refusesDatabaseLookAlikes() {
        byte[] mongo = MONGO_HELLO.clone();
        mongo[12] = 1; // opCode 1 (OP_REPLY) is an answer, not a request
        byte[] kafka = KAFKA_API_VERSIONS.clone();
        kafka[15] = 1; // a control character in the client id
        byte[] postgres = POSTGRES_STARTUP.clone();
        postgres[5] = 9; // protocol 9.0
        for (byte[] lookAlike : new byte[][] {mongo, kafka, postgres}) {
            assertThat(classify(Transport.TCP, lookAlike, new byte[0])).isNotInstanceOf(
                    Classification.Identified.class);
        }
        var clientFirst = new AppClassifier(Transport.TCP);
        clientFirst.feed(Direction.TO_SERVER, ascii("\0\0\0"));
        assertThat(clientFirst.feed(Direction.TO_CLIENT, MYSQL_GREETING)).as("a MySQL client never speaks first")
                .isNotInstanceOf(Classification.Identified.class);
    }

    @Test
    void givesUpAfterTheBytesKept() {
        var classifier = new AppClassifier(Transport.TCP);
        byte[] slow = ascii("GET /" + "a".repeat(5000));
        assertThat(classifier.feed(Direction.TO_SERVER, slow)).isInstanceOf(Classification.Unknown.class);
        assertThat(classifier.feed(Direction.TO_SERVER, HTTP_REQUEST)).isInstanceOf(Classification.Unknown.class);
    }

    @Test
    void neverThrowsOnRandomOrMutatedBytes() {
        var random = new Random(20);
        byte[][] seeds = {TLS_CLIENT_HELLO, HTTP_REQUEST, DNS_QUERY, MYSQL_GREETING, POSTGRES_STARTUP, REDIS_PING,
            MONGO_HELLO, KAFKA_API_VERSIONS};
        for (int run = 0; run < 20_000; run++) {
            byte[] data;
            if (run % 2 == 0) {
                data = new byte[random.nextInt(6000)];
                random.nextBytes(data);
            } else {
                data = seeds[random.nextInt(seeds.length)].clone();
                for (int m = random.nextInt(8); m >= 0; m--) {
                    data[random.nextInt(data.length)] = (byte) random.nextInt(256);
                }
                data = java.util.Arrays.copyOf(data, random.nextInt(data.length + 1));
            }
            for (Transport transport : Transport.values()) {
                var classifier = new AppClassifier(transport);
                int at = 0;
                while (at < data.length) {
                    int n = Math.min(data.length - at, 1 + random.nextInt(700));
                    classifier.feed(random.nextBoolean() ? Direction.TO_SERVER : Direction.TO_CLIENT, data, at, n);
                    at += n;
                }
            }
        }
    }
}
