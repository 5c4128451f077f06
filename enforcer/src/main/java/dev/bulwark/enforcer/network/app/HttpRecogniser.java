package dev.bulwark.enforcer.network.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.x (RFC 9112 3): a request line "METHOD SP target SP HTTP/1.x CRLF" from a known method, then the Host
 * header if the header block is kept.
 */
final class HttpRecogniser implements AppRecogniser {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH",
            "CONNECT", "TRACE", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK");
    /** Each method followed by a space, as it begins a request line. */
    private static final List<byte[]> TOKENS = METHODS.stream().map(m -> Bytes.ascii(m + " ")).toList();
    private static final byte[] CRLF = Bytes.ascii("\r\n");
    private static final byte[] END_OF_HEADERS = Bytes.ascii("\r\n\r\n");

    @Override
    public String name() {
        return Application.HTTP;
    }

    @Override
    public Recognition recognise(Exchange exchange) {
        Recognition early = exchange.beforeClientBytes();
        if (early != null) {
            return early;
        }
        Bytes c = exchange.client();
        String method = null;
        boolean mayBecome = false;
        for (int i = 0; i < TOKENS.size(); i++) {
            byte[] token = TOKENS.get(i);
            if (c.matches(0, token)) {
                method = METHODS.get(i);
                break;
            }
            mayBecome |= c.length() < token.length && c.agrees(0, token);
        }
        if (method == null) {
            return mayBecome ? Recognition.NEED_MORE : Recognition.NOT_THIS;
        }
        int lineEnd = c.indexOf(CRLF, 0, c.length());
        if (lineEnd < 0) {
            return c.full() ? Recognition.NOT_THIS : saneSoFar(c, method.length() + 1, c.length());
        }
        int targetStart = method.length() + 1;
        int space = c.indexOf(' ', targetStart, lineEnd);
        if (space <= targetStart || !visible(c, targetStart, space)) {
            return Recognition.NOT_THIS;
        }
        String version = c.latin1(space + 1, lineEnd);
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            return Recognition.NOT_THIS;
        }
        int headersEnd = c.indexOf(END_OF_HEADERS, lineEnd, c.length());
        if (headersEnd < 0 && !c.full()) {
            return Recognition.NEED_MORE;
        }
        var details = new LinkedHashMap<String, String>();
        details.put(Application.METHOD, method);
        details.put(Application.VERSION, version.substring(5));
        host(c, lineEnd + 2, headersEnd < 0 ? c.length() : headersEnd + 2, details);
        return Recognition.match(new Application(Application.HTTP, details));
    }

    /** A request line not ended yet: visible characters and at most one more space so far. */
    private static Recognition saneSoFar(Bytes c, int from, int to) {
        int spaces = 0;
        for (int i = from; i < to; i++) {
            int b = c.u8(i);
            if (b == ' ') {
                spaces++;
            } else if (b != '\r' && (b < 0x21 || b > 0x7e)) {
                return Recognition.NOT_THIS;
            }
        }
        return spaces <= 1 ? Recognition.NEED_MORE : Recognition.NOT_THIS;
    }

    private static boolean visible(Bytes c, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = c.u8(i);
            if (b < 0x21 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static void host(Bytes c, int from, int to, LinkedHashMap<String, String> details) {
        int line = from;
        while (line < to) {
            int end = c.indexOf(CRLF, line, to);
            int lineEnd = end < 0 ? to : end;
            String header = c.latin1(line, lineEnd);
            if (header.toLowerCase(Locale.ROOT).startsWith("host:")) {
                String host = header.substring(5).strip();
                if (!host.isEmpty()) {
                    details.put(Application.HOST, host);
                }
                return;
            }
            if (end < 0) {
                return;
            }
            line = end + 2;
        }
    }
}
