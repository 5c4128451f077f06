package dev.bulwark.enforcer.network.app;

import java.util.Map;

/**
 * SSH (RFC 4253 4.2): each side begins with "SSH-protoversion-softwareversion" ending in CR LF (LF alone is
 * tolerated), at most 255 bytes. Lines a server sends before its identification are not accepted here.
 */
final class SshRecogniser implements AppRecogniser {

    private static final byte[] PREFIX = Bytes.ascii("SSH-");
    private static final int MAX_LINE = 255;

    @Override
    public String name() {
        return Application.SSH;
    }

    @Override
    public Recognition recognise(Exchange exchange) {
        if (!exchange.tcp()) {
            return Recognition.NOT_THIS;
        }
        Recognition client = banner(exchange.client());
        return client instanceof Recognition.NeedMore ? orNeedMore(banner(exchange.server()), exchange)
                : client instanceof Recognition.Match ? client : Recognition.NOT_THIS;
    }

    private static Recognition orNeedMore(Recognition server, Exchange exchange) {
        return server instanceof Recognition.NotThis && exchange.client().isEmpty() ? Recognition.NOT_THIS
                : server instanceof Recognition.NotThis ? Recognition.NEED_MORE : server;
    }

    private static Recognition banner(Bytes b) {
        if (!b.agrees(0, PREFIX)) {
            return Recognition.NOT_THIS;
        }
        int lf = b.indexOf('\n', 0, MAX_LINE);
        if (lf < 0) {
            return b.length() >= MAX_LINE || b.full() ? Recognition.NOT_THIS : Recognition.NEED_MORE;
        }
        int end = lf > 0 && b.u8(lf - 1) == '\r' ? lf - 1 : lf;
        String line = b.latin1(0, end);
        int dash = line.indexOf('-', 4);
        String proto = dash < 0 ? "" : line.substring(4, dash);
        boolean known = proto.equals("2.0") || proto.equals("1.99") || proto.startsWith("1.");
        if (!known || dash + 1 >= line.length() || !line.chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7e)) {
            return Recognition.NOT_THIS;
        }
        return Recognition.match(new Application(Application.SSH, Map.of(Application.BANNER, line)));
    }
}
