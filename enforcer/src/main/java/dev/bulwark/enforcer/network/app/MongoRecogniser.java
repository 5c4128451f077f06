package dev.bulwark.enforcer.network.app;

import java.util.Map;

/**
 * MongoDB wire protocol: a 16-byte little-endian header (messageLength, requestID, responseTo 0 for a request,
 * opCode) with OP_MSG (2013: flag bits, then a section of kind 0 or 1) or the legacy OP_QUERY (2004: flags, a
 * "db.collection" name, skip and return counts, then a BSON document), the first BSON length within the message.
 */
final class MongoRecogniser implements AppRecogniser {

    private static final int OP_QUERY = 2004;
    private static final int OP_MSG = 2013;
    private static final long MAX_MESSAGE = 48L * 1000 * 1000;
    private static final long MSG_FLAGS = 0x1 | 0x2 | 0x10000;

    @Override
    public String name() {
        return Application.MONGODB;
    }

    @Override
    public Recognition recognise(Exchange exchange) {
        Bytes c = exchange.client();
        if (!exchange.tcp()) {
            return Recognition.NOT_THIS;
        }
        long length = c.u32le(0);
        long opCode = c.u32le(12);
        if (length >= 0 && (length < 21 || length > MAX_MESSAGE)) {
            return Recognition.NOT_THIS;
        }
        if (opCode < 0) {
            return c.full() ? Recognition.NOT_THIS : Recognition.NEED_MORE;
        }
        if (c.u32le(8) != 0 || opCode != OP_MSG && opCode != OP_QUERY) {
            return Recognition.NOT_THIS;
        }
        return opCode == OP_MSG ? opMsg(c, length) : opQuery(c, length);
    }

    private static Recognition opMsg(Bytes c, long length) {
        long flags = c.u32le(16);
        int kind = c.u8(20);
        long document = c.u32le(21);
        if (document < 0) {
            return c.full() ? Recognition.NOT_THIS : Recognition.NEED_MORE;
        }
        boolean sane = (flags & ~MSG_FLAGS) == 0 && (kind == 0 || kind == 1) && document >= 5
                && document <= length - 21;
        return sane ? message("OP_MSG") : Recognition.NOT_THIS;
    }

    private static Recognition opQuery(Bytes c, long length) {
        int nul = c.indexOf(0, 20, (int) Math.min(length, 20 + 256));
        if (nul < 0) {
            return c.length() < Math.min(length, 20 + 256) && !c.full() ? Recognition.NEED_MORE
                    : Recognition.NOT_THIS;
        }
        String collection = c.latin1(20, nul);
        if (collection.indexOf('.') <= 0 || !collection.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
            return Recognition.NOT_THIS;
        }
        long document = c.u32le(nul + 1 + 8);
        if (document < 0) {
            return c.full() ? Recognition.NOT_THIS : Recognition.NEED_MORE;
        }
        return document >= 5 && document <= length - (nul + 9) ? message("OP_QUERY") : Recognition.NOT_THIS;
    }

    private static Recognition message(String kind) {
        return Recognition.match(new Application(Application.MONGODB, Map.of(Application.MESSAGE, kind)));
    }
}
