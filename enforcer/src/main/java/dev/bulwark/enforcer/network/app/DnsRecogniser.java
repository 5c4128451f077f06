package dev.bulwark.enforcer.network.app;

import java.util.Map;

/**
 * DNS (RFC 1035 4.1): a query from the client, over UDP as a datagram, over TCP behind a two-byte length (RFC 1035
 * 4.2.2). Header sanity (a query, a known opcode, one question, no answers or authority records, at most two
 * additional records for EDNS), then the question: labels of 1 to 63 bytes, at most 255 in all, no compression, a
 * known class. The question's name is reported.
 */
final class DnsRecogniser implements AppRecogniser {

    private static final int HEADER = 12;

    @Override
    public String name() {
        return Application.DNS;
    }

    @Override
    public Recognition recognise(Exchange exchange) {
        Bytes c = exchange.client();
        if (c.isEmpty()) {
            return Recognition.NEED_MORE;
        }
        if (exchange.tcp()) {
            int length = c.u16(0);
            if (length < 0) {
                return Recognition.NEED_MORE;
            }
            if (length < HEADER + 5) {
                return Recognition.NOT_THIS;
            }
            if (c.length() < 2 + length && !c.full()) {
                return Recognition.NEED_MORE;
            }
            return query(c, 2, 2 + length);
        }
        return query(c, 0, c.length());
    }

    private static Recognition query(Bytes c, int base, int end) {
        if (end - base < HEADER + 5 || end > c.length()) {
            return Recognition.NOT_THIS;
        }
        int flags = c.u16(base + 2);
        int opcode = flags >> 11 & 0xf;
        boolean query = (flags & 0x8000) == 0 && (opcode <= 2 || opcode == 4 || opcode == 5) && (flags & 0x40) == 0
                && (flags & 0xf) == 0;
        if (!query || c.u16(base + 4) != 1 || c.u16(base + 6) != 0 || c.u16(base + 8) != 0 || c.u16(base + 10) > 2) {
            return Recognition.NOT_THIS;
        }
        var name = new StringBuilder();
        int at = base + HEADER;
        while (true) {
            int label = c.u8(at);
            if (label < 0 || at >= end || label > 63 || name.length() + label + 1 > 255) {
                return Recognition.NOT_THIS;
            }
            at++;
            if (label == 0) {
                break;
            }
            if (at + label > end) {
                return Recognition.NOT_THIS;
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(c.latin1(at, at + label));
            at += label;
        }
        int qclass = at + 4 <= end ? c.u16(at + 2) & 0x7fff : -1;
        if (qclass != 1 && qclass != 3 && qclass != 4 && qclass != 254 && qclass != 255 || c.u16(at) == 0) {
            return Recognition.NOT_THIS;
        }
        boolean noAdditional = c.u16(base + 10) == 0;
        if (noAdditional && at + 4 != end) {
            return Recognition.NOT_THIS;
        }
        return Recognition.match(new Application(Application.DNS,
                Map.of(Application.QUESTION, name.isEmpty() ? "." : name.toString())));
    }
}
