package dev.bulwark.enforcer.network.app;

import java.util.Map;

/**
 * PostgreSQL: the client's first message (protocol chapter "Message Formats") is an SSLRequest or GSSENCRequest
 * (length 8 and a magic code), a CancelRequest (length 16), or a StartupMessage of protocol 3.x: key NUL value NUL
 * pairs, "user" among them, ending in NUL exactly at the stated length.
 */
final class PostgresRecogniser implements AppRecogniser {

    private static final long SSL_REQUEST = 80877103;
    private static final long GSSENC_REQUEST = 80877104;
    private static final long CANCEL_REQUEST = 80877102;
    private static final byte[] USER = Bytes.ascii("user\0");
    private static final int MAX_STARTUP = 10000;

    @Override
    public String name() {
        return Application.POSTGRESQL;
    }

    @Override
    public Recognition recognise(Exchange exchange) {
        Bytes c = exchange.client();
        if (!exchange.tcp()) {
            return Recognition.NOT_THIS;
        }
        long length = c.u32(0);
        long code = c.u32(4);
        if (length < 0 || code < 0) {
            return c.u8(0) > 0 || c.u8(1) > 0 ? Recognition.NOT_THIS : Recognition.NEED_MORE;
        }
        if (length == 8 && code == SSL_REQUEST) {
            return message("ssl");
        }
        if (length == 8 && code == GSSENC_REQUEST) {
            return message("gssenc");
        }
        if (length == 16 && code == CANCEL_REQUEST) {
            return message("cancel");
        }
        if (code >> 16 != 3 || length < 8 + USER.length + 2 || length > MAX_STARTUP) {
            return Recognition.NOT_THIS;
        }
        int end = (int) length;
        if (c.length() < end) {
            return c.full() ? Recognition.NOT_THIS : Recognition.NEED_MORE;
        }
        return c.u8(end - 1) == 0 && c.u8(end - 2) == 0 && c.indexOf(USER, 8, end) >= 0 ? message("startup")
                : Recognition.NOT_THIS;
    }

    private static Recognition message(String kind) {
        return Recognition.match(new Application(Application.POSTGRESQL, Map.of(Application.MESSAGE, kind)));
    }
}
