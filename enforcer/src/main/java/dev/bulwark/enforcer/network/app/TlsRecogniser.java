package dev.bulwark.enforcer.network.app;

import java.util.LinkedHashMap;

/**
 * TLS ("SSL" to NeuVector): the client's first record is a handshake record carrying a ClientHello (RFC 8446 4.1.2,
 * RFC 5246 7.4.1.2). The server name comes from the server_name extension (RFC 6066 3), the version from
 * supported_versions (RFC 8446 4.2.1) or else the ClientHello's own. Only the first record is read; what it holds
 * beyond the bytes kept is left out.
 */
final class TlsRecogniser implements AppRecogniser {

    private static final int HANDSHAKE = 0x16;
    private static final int CLIENT_HELLO = 1;
    private static final int MAX_RECORD = 16384 + 2048;
    private static final int SERVER_NAME = 0;
    private static final int SUPPORTED_VERSIONS = 43;

    @Override
    public String name() {
        return Application.SSL;
    }

    @Override
    public Recognition recognise(Exchange exchange) {
        Recognition early = exchange.beforeClientBytes();
        if (early != null) {
            return early;
        }
        Bytes c = exchange.client();
        if (c.u8(0) != HANDSHAKE || c.u8(1) >= 0 && c.u8(1) != 3 || c.u8(2) > 4) {
            return Recognition.NOT_THIS;
        }
        int recordLength = c.u16(3);
        if (recordLength < 0) {
            return Recognition.NEED_MORE;
        }
        if (recordLength == 0 || recordLength > MAX_RECORD) {
            return Recognition.NOT_THIS;
        }
        int type = c.u8(5);
        if (type < 0) {
            return Recognition.NEED_MORE;
        }
        if (type != CLIENT_HELLO) {
            return Recognition.NOT_THIS;
        }
        if (c.length() < 5 + recordLength && !c.full()) {
            return Recognition.NEED_MORE;
        }
        return hello(c, Math.min(c.length(), 5 + recordLength));
    }

    /** The ClientHello body from offset 9 to {@code end}; sane up to the extensions, else not TLS. */
    private static Recognition hello(Bytes c, int end) {
        int clientVersion = c.u16(9);
        if (clientVersion >> 8 != 3) {
            return Recognition.NOT_THIS;
        }
        var details = new LinkedHashMap<String, String>();
        details.put(Application.VERSION, version(clientVersion));
        int at = 9 + 2 + 32;
        int sessionId = c.u8(at);
        if (sessionId < 0 || sessionId > 32) {
            return at >= end ? Recognition.match(new Application(Application.SSL, details)) : Recognition.NOT_THIS;
        }
        at += 1 + sessionId;
        int suites = c.u16(at);
        if (suites < 0 || at + 2 + suites > end) {
            return Recognition.match(new Application(Application.SSL, details));
        }
        if (suites == 0 || suites % 2 != 0) {
            return Recognition.NOT_THIS;
        }
        at += 2 + suites;
        int compressions = c.u8(at);
        if (compressions < 1 && at < end) {
            return Recognition.NOT_THIS;
        }
        at += 1 + compressions;
        int extensionsEnd = Math.min(end, at + 2 + Math.max(0, c.u16(at)));
        at += 2;
        while (at + 4 <= extensionsEnd) {
            int type = c.u16(at);
            int length = c.u16(at + 2);
            int body = at + 4;
            if (body + length > extensionsEnd) {
                break;
            }
            if (type == SERVER_NAME) {
                serverName(c, body, body + length, details);
            } else if (type == SUPPORTED_VERSIONS) {
                supportedVersion(c, body, body + length, details);
            }
            at = body + length;
        }
        return Recognition.match(new Application(Application.SSL, details));
    }

    private static void serverName(Bytes c, int at, int end, LinkedHashMap<String, String> details) {
        int listEnd = Math.min(end, at + 2 + Math.max(0, c.u16(at)));
        int entry = at + 2;
        while (entry + 3 <= listEnd) {
            int nameType = c.u8(entry);
            int length = c.u16(entry + 1);
            int name = entry + 3;
            if (name + length > listEnd) {
                return;
            }
            if (nameType == 0 && length > 0 && length <= 255 && hostName(c, name, name + length)) {
                details.put(Application.SNI, c.latin1(name, name + length));
                return;
            }
            entry = name + length;
        }
    }

    private static boolean hostName(Bytes c, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = c.u8(i);
            boolean ok = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '.'
                    || b == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void supportedVersion(Bytes c, int at, int end, LinkedHashMap<String, String> details) {
        int listEnd = Math.min(end, at + 1 + Math.max(0, c.u8(at)));
        int best = -1;
        for (int v = at + 1; v + 2 <= listEnd; v += 2) {
            int version = c.u16(v);
            if (version >> 8 == 3 && version > best) {
                best = version;
            }
        }
        if (best >= 0) {
            details.put(Application.VERSION, version(best));
        }
    }

    private static String version(int version) {
        return switch (version) {
            case 0x0300 -> "3.0";
            case 0x0301 -> "1.0";
            case 0x0302 -> "1.1";
            case 0x0303 -> "1.2";
            case 0x0304 -> "1.3";
            default -> "3." + (version & 0xff);
        };
    }
}
