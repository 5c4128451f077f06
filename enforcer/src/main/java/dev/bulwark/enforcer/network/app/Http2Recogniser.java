package dev.bulwark.enforcer.network.app;

import java.util.Map;

/**
 * HTTP/2 with prior knowledge (RFC 9113 3.4: the client preface, then frames) and gRPC on it. NeuVector names HTTP/2
 * "HTTP" (version "2" here) and gRPC "gRPC". gRPC is told by its content-type, "application/grpc" (and
 * "application/grpc+proto" and the like), in the first HEADERS frame, found without decoding HPACK: the value is
 * either a literal string or its Huffman code (RFC 7541 5.2), which for "application/grpc" is exactly 11 bytes, so a
 * longer value begins with the same bytes. A header block indexed from a dynamic table cannot be read this way; the
 * first request of a connection has none yet. Over TLS all of this is "SSL".
 */
final class Http2Recogniser implements AppRecogniser {

    private static final byte[] PREFACE = Bytes.ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    private static final byte[] GRPC = Bytes.ascii("application/grpc");
    /** Huffman code of "application/grpc" (RFC 7541 appendix B): 88 bits, no padding. */
    private static final byte[] GRPC_HUFFMAN = {(byte) 0x1d, (byte) 0x75, (byte) 0xd0, (byte) 0x62, (byte) 0x0d,
        (byte) 0x26, (byte) 0x3d, (byte) 0x4c, (byte) 0x4d, (byte) 0x65, (byte) 0x64};
    private static final int HEADERS = 1;
    private static final int CONTINUATION = 9;
    private static final int END_HEADERS = 0x4;
    private static final int MAX_FRAME = 1 << 24;

    @Override
    public String name() {
        return Application.HTTP;
    }

    @Override
    public Recognition recognise(Exchange exchange) {
        Bytes c = exchange.client();
        if (!exchange.tcp()) {
            return Recognition.NOT_THIS;
        }
        if (!c.agrees(0, PREFACE)) {
            return Recognition.NOT_THIS;
        }
        if (c.length() < PREFACE.length) {
            return Recognition.NEED_MORE;
        }
        int frame = PREFACE.length;
        while (frame + 9 <= c.length()) {
            int length = c.u24(frame);
            int type = c.u8(frame + 3);
            int flags = c.u8(frame + 4);
            int payload = frame + 9;
            if (length >= MAX_FRAME) {
                return http2();
            }
            if (type == HEADERS || type == CONTINUATION) {
                int end = Math.min(c.length(), payload + length);
                if (c.indexOf(GRPC, payload, end) >= 0 || c.indexOf(GRPC_HUFFMAN, payload, end) >= 0) {
                    return Recognition.match(new Application(Application.GRPC, Map.of(Application.VERSION, "2")));
                }
                if (payload + length <= c.length() && (flags & END_HEADERS) != 0) {
                    return http2();
                }
            }
            frame = payload + length;
        }
        return c.full() ? http2() : Recognition.NEED_MORE;
    }

    private static Recognition http2() {
        return Recognition.match(new Application(Application.HTTP, Map.of(Application.VERSION, "2")));
    }
}
