package dev.bulwark.controller.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.policy.NetworkRules;
import dev.bulwark.link.model.Connection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A busy node's reports through the whole feed: 200 containers in Monitor, 2,000 rules ahead of the one that
 * allows half the traffic, and 100,000 connection reports in batches of 1,000 (Telemetry's batches hold up to
 * 50,000 items). It checks the bounds hold and prints how long the reports took; it asserts no time.
 */
class ConversationsFeedLoadTest {

    static final int WORKLOADS = 200;
    static final int RULES = 2_000;
    static final int REPORTS = 100_000;

    @TempDir
    Path dir;
    NetworkFixture f;

    @BeforeEach
    void start() {
        f = new NetworkFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    static String ip(int i) {
        return "10.1." + (i / 250) + "." + (i % 250 + 1);
    }

    @Test
    void aHundredThousandReportsStayWithinTheBounds() {
        for (int i = 0; i < WORKLOADS; i++) {
            f.workload("w" + i, "svc" + i, "ns", ip(i), "Monitor");
        }
        List<NetworkRules.NewRule> rules = new ArrayList<>();
        for (int i = 0; i < RULES; i++) {
            rules.add(new NetworkRules.NewRule(null, "", "nv.svc" + (i % WORKLOADS) + ".ns", "external",
                    "tcp/" + (10_000 + i), "allow", List.of("any"), false, 0));
        }
        rules.add(new NetworkRules.NewRule(null, "", "containers", "containers", "tcp/80", "allow", List.of("any"),
                false, 0));
        f.rules.insert(NetworkFixture.ADMIN, -1, rules);

        long started = System.nanoTime();
        List<Connection> batch = new ArrayList<>();
        for (int n = 0; n < REPORTS; n++) {
            int client = n % WORKLOADS;
            int server = (n * 7 + 3) % WORKLOADS;
            int port = n % 2 == 0 ? 80 : 5_000 + n % 500;
            batch.add(new Connection("w" + client, false, ip(client), ip(server), port, 6, "", "", "open", 0, 1, 100,
                    n, n));
            if (batch.size() == 1_000) {
                f.report(batch.toArray(Connection[]::new));
                batch.clear();
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("ConversationsFeedLoadTest: %,d reports, %,d rules, %,d containers: %,d ms (%,d reports/s);"
                + " %,d conversations, %,d entries dropped, %,d violation records, %,d folded%n", REPORTS,
                RULES + 1, WORKLOADS, millis, REPORTS * 1000L / Math.max(1, millis), f.conversations.all().size(),
                f.conversations.dropped(), f.violations.all().size(), f.violations.folded());
        assertThat(f.conversations.all().size()).isLessThanOrEqualTo(Conversations.MAX_CONVERSATIONS);
        assertThat(f.conversations.all()).allSatisfy(c -> assertThat(c.entries().size())
                .isLessThanOrEqualTo(Conversations.MAX_ENTRIES));
        assertThat(f.violations.all().size()).isLessThanOrEqualTo(Violations.CAPACITY);
        assertThat(f.violations.folded()).isPositive();
        assertThat(f.feed.refused()).isZero();
    }
}
