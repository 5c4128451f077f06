package dev.bulwark.enforcer.network.app;

import java.util.Map;

/**
 * Kafka: a request (Kafka protocol guide, "Requests"): a 4-byte big-endian size, then the request header: api key
 * (a known one, 0 to 80), api version (0 to 20), correlation id, and a client id string (2-byte length, -1 for none,
 * printable), all inside the size.
 */
final class KafkaRecogniser implements AppRecogniser {

    private static final int MAX_API_KEY = 80;
    private static final int MAX_API_VERSION = 20;
    private static final long MAX_REQUEST = 100L * 1024 * 1024;

    @Override
    public String name() {
        return Application.KAFKA;
    }

    @Override
    public Recognition recognise(Exchange exchange) {
        Bytes c = exchange.client();
        if (!exchange.tcp()) {
            return Recognition.NOT_THIS;
        }
        long size = c.u32(0);
        if (size >= 0 && (size < 10 || size > MAX_REQUEST)) {
            return Recognition.NOT_THIS;
        }
        int apiKey = c.u16(4);
        int apiVersion = c.u16(6);
        if (apiKey > MAX_API_KEY || apiVersion > MAX_API_VERSION) {
            return Recognition.NOT_THIS;
        }
        int clientId = c.u16(12);
        if (clientId < 0) {
            return c.full() ? Recognition.NOT_THIS : Recognition.NEED_MORE;
        }
        if (clientId == 0xffff) {
            return match(apiKey);
        }
        if (clientId == 0 || 10 + clientId > size || clientId > 256) {
            return Recognition.NOT_THIS;
        }
        if (c.length() < 14 + clientId) {
            return c.full() ? Recognition.NOT_THIS : Recognition.NEED_MORE;
        }
        for (int i = 14; i < 14 + clientId; i++) {
            int b = c.u8(i);
            if (b < 0x20 || b > 0x7e) {
                return Recognition.NOT_THIS;
            }
        }
        return match(apiKey);
    }

    private static Recognition match(int apiKey) {
        return Recognition.match(new Application(Application.KAFKA, Map.of(Application.METHOD,
                Integer.toString(apiKey))));
    }
}
