package dev.bulwark.enforcer.network.app;

import java.util.Map;

/**
 * MySQL (and MariaDB): the server speaks first, with the initial handshake packet of protocol 10: a 3-byte
 * little-endian length, sequence 0, then 0x0a, the server version ending in NUL, a 4-byte connection id, 8 bytes of
 * auth data and a NUL filler. A client that speaks first is not MySQL.
 */
final class MysqlRecogniser implements AppRecogniser {

    private static final int PROTOCOL_10 = 0x0a;
    private static final int MAX_VERSION = 64;

    @Override
    public String name() {
        return Application.MYSQL;
    }

    @Override
    public Recognition recognise(Exchange exchange) {
        Bytes s = exchange.server();
        if (!exchange.tcp() || s.isEmpty() && !exchange.client().isEmpty()) {
            return Recognition.NOT_THIS;
        }
        if (s.length() < 5) {
            return s.length() < 4 || s.u8(3) == 0 ? Recognition.NEED_MORE : Recognition.NOT_THIS;
        }
        int length = s.u8(0) | s.u8(1) << 8 | s.u8(2) << 16;
        if (s.u8(3) != 0 || s.u8(4) != PROTOCOL_10 || length < 1 + 2 + 4 + 8 + 1 || length > 1024) {
            return Recognition.NOT_THIS;
        }
        int end = 4 + length;
        int nul = s.indexOf(0, 5, Math.min(end, 5 + MAX_VERSION + 1));
        if (nul < 0) {
            return s.length() < Math.min(end, 5 + MAX_VERSION + 1) ? Recognition.NEED_MORE : Recognition.NOT_THIS;
        }
        int filler = nul + 1 + 4 + 8;
        if (nul == 5 || filler >= end) {
            return Recognition.NOT_THIS;
        }
        for (int i = 5; i < nul; i++) {
            int b = s.u8(i);
            if (b < 0x20 || b > 0x7e) {
                return Recognition.NOT_THIS;
            }
        }
        int fill = s.u8(filler);
        if (fill < 0) {
            return Recognition.NEED_MORE;
        }
        return fill == 0
                ? Recognition.match(new Application(Application.MYSQL, Map.of(Application.VERSION, s.latin1(5, nul))))
                : Recognition.NOT_THIS;
    }
}
