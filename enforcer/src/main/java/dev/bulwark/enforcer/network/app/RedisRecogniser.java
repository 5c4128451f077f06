package dev.bulwark.enforcer.network.app;

import java.util.Locale;
import java.util.Map;

/**
 * Redis: a command sent as a RESP array of bulk strings ("*N CR LF $M CR LF command CR LF"), the command letters
 * only. Inline commands ("PING" CR LF) are too like any text to be told apart, so they are not recognised.
 */
final class RedisRecogniser implements AppRecogniser {

    private static final int MAX_ELEMENTS = 1024 * 1024;
    private static final int MAX_COMMAND = 32;

    @Override
    public String name() {
        return Application.REDIS;
    }

    @Override
    public Recognition recognise(Exchange exchange) {
        Recognition early = exchange.beforeClientBytes();
        if (early != null) {
            return early;
        }
        Bytes c = exchange.client();
        if (c.u8(0) != '*') {
            return Recognition.NOT_THIS;
        }
        int elementsEnd = number(c, 1, MAX_ELEMENTS);
        if (elementsEnd < 0) {
            return elementsEnd == -1 ? Recognition.NEED_MORE : Recognition.NOT_THIS;
        }
        int bulk = elementsEnd + 2;
        if (c.u8(bulk) < 0) {
            return Recognition.NEED_MORE;
        }
        if (c.u8(bulk) != '$') {
            return Recognition.NOT_THIS;
        }
        int sizeEnd = number(c, bulk + 1, MAX_COMMAND);
        if (sizeEnd < 0) {
            return sizeEnd == -1 ? Recognition.NEED_MORE : Recognition.NOT_THIS;
        }
        int size = Integer.parseInt(c.latin1(bulk + 1, sizeEnd));
        int command = sizeEnd + 2;
        if (c.length() < command + size + 2) {
            return c.full() ? Recognition.NOT_THIS : Recognition.NEED_MORE;
        }
        for (int i = command; i < command + size; i++) {
            int b = c.u8(i) | 0x20;
            if (b < 'a' || b > 'z') {
                return Recognition.NOT_THIS;
            }
        }
        if (c.u8(command + size) != '\r' || c.u8(command + size + 1) != '\n') {
            return Recognition.NOT_THIS;
        }
        return Recognition.match(new Application(Application.REDIS,
                Map.of(Application.METHOD, c.latin1(command, command + size).toUpperCase(Locale.ROOT))));
    }

    /**
     * A decimal from 1 to {@code max} at {@code at} ended by CR LF: the CR's index, -1 if not all kept yet, -2 if
     * not such a number.
     */
    private static int number(Bytes c, int at, int max) {
        long value = 0;
        for (int i = at; i < at + 9; i++) {
            int b = c.u8(i);
            if (b < 0) {
                return -1;
            }
            if (b == '\r' && i > at) {
                int lf = c.u8(i + 1);
                return lf < 0 ? -1 : lf == '\n' && value >= 1 && value <= max ? i : -2;
            }
            if (b < '0' || b > '9') {
                return -2;
            }
            value = value * 10 + (b - '0');
        }
        return -2;
    }
}
