package dev.bulwark.enforcer.network.app;

import java.util.List;

/** The only list of recognisers; the first that matches wins, so the most particular come first. */
final class AppRecognisers {

    private AppRecognisers() {
    }

    static List<AppRecogniser> all() {
        return List.of(new TlsRecogniser(), new Http2Recogniser(), new HttpRecogniser(), new SshRecogniser(),
                new DnsRecogniser(), new MysqlRecogniser(), new PostgresRecogniser(), new RedisRecogniser(),
                new MongoRecogniser(), new KafkaRecogniser());
    }
}
