package dev.bulwark.enforcer.network.flow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the A and AAAA records of a DNS response (RFC 1035) for its first question. Names are read with at most
 * {@link #MAX_POINTERS} compression pointers and {@link #MAX_NAME} characters, so a pointer loop or a lying count
 * ends in a {@link MalformedMessageException}; at most {@link #MAX_RECORDS} answers are read.
 */
final class DnsResponses {

    static final int MAX_POINTERS = 16;
    static final int MAX_NAME = 255;
    static final int MAX_RECORDS = 64;

    private static final int HEADER = 12;
    private static final int TYPE_A = 1;
    private static final int TYPE_AAAA = 28;
    private static final int CLASS_IN = 1;

    private DnsResponses() {
    }

    /** The answer of a response with A or AAAA records; empty for a query, an error or no address. */
    static Optional<DnsAnswer> parse(byte[] message) {
        need(message, HEADER);
        int flags = u16(message, 2);
        boolean response = (flags & 0x8000) != 0;
        int rcode = flags & 0xf;
        int questions = u16(message, 4);
        int answers = u16(message, 6);
        if (!response || rcode != 0 || questions == 0 || answers == 0) {
            return Optional.empty();
        }
        int[] at = {HEADER};
        String name = name(message, at);
        skip(message, at, 4);
        for (int q = 1; q < questions; q++) {
            name(message, at);
            skip(message, at, 4);
        }
        List<InetAddress> addresses = new ArrayList<>();
        long ttl = Long.MAX_VALUE;
        for (int a = 0; a < Math.min(answers, MAX_RECORDS); a++) {
            name(message, at);
            need(message, at[0] + 10);
            int type = u16(message, at[0]);
            int recordClass = u16(message, at[0] + 2);
            long recordTtl = Integer.toUnsignedLong(u16(message, at[0] + 4) << 16 | u16(message, at[0] + 6));
            int length = u16(message, at[0] + 8);
            at[0] += 10;
            need(message, at[0] + length);
            if (recordClass == CLASS_IN && (type == TYPE_A && length == 4 || type == TYPE_AAAA && length == 16)) {
                addresses.add(address(Arrays.copyOfRange(message, at[0], at[0] + length)));
                ttl = Math.min(ttl, recordTtl);
            }
            at[0] += length;
        }
        return addresses.isEmpty() ? Optional.empty() : Optional.of(new DnsAnswer(name, addresses, ttl));
    }

    /** The name at {@code at[0]}, which moves past it (past its first pointer when compressed). */
    private static String name(byte[] m, int[] at) {
        StringBuilder name = new StringBuilder();
        int position = at[0];
        int pointers = 0;
        boolean jumped = false;
        while (true) {
            need(m, position + 1);
            int length = m[position] & 0xff;
            if ((length & 0xc0) == 0xc0) {
                need(m, position + 2);
                if (++pointers > MAX_POINTERS) {
                    throw new MalformedMessageException("more than " + MAX_POINTERS + " name pointers");
                }
                if (!jumped) {
                    at[0] = position + 2;
                    jumped = true;
                }
                position = (length & 0x3f) << 8 | m[position + 1] & 0xff;
                continue;
            }
            if ((length & 0xc0) != 0) {
                throw new MalformedMessageException("a label of kind " + (length >> 6));
            }
            if (length == 0) {
                if (!jumped) {
                    at[0] = position + 1;
                }
                return name.toString().toLowerCase(Locale.ROOT);
            }
            need(m, position + 1 + length);
            if (name.length() + length + 1 > MAX_NAME) {
                throw new MalformedMessageException("a name longer than " + MAX_NAME);
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(new String(m, position + 1, length, StandardCharsets.ISO_8859_1));
            position += 1 + length;
        }
    }

    private static void skip(byte[] m, int[] at, int bytes) {
        need(m, at[0] + bytes);
        at[0] += bytes;
    }

    private static void need(byte[] m, int length) {
        if (m.length < length) {
            throw new MalformedMessageException("a DNS message cut at " + m.length + " bytes");
        }
    }

    private static int u16(byte[] m, int at) {
        return (m[at] & 0xff) << 8 | m[at + 1] & 0xff;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
