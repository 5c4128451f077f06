package dev.bulwark.controller.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.ControllerFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} on a real controller, as Prometheus scrapes it: an API key as bearer token. */
class PrometheusApiTest {

    /** A sample line of the text format: name, optional labels, a number. */
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-z_]+(\\{[a-z_]+=\"[^\"]*\"(,[a-z_]+=\"[^\"]*\")*\\})? -?[0-9.e+]+|[a-z_]+\\{le=\"\\+Inf\"\\} [0-9]+");

    @TempDir
    static Path dir;

    static ControllerFixture c;
    static String admin;
    static String key;
    static String ciKey;

    @BeforeAll
    static void start() {
        c = new ControllerFixture(dir);
        admin = c.login("admin", ControllerFixture.ADMIN_PASSWORD);
        ControllerFixture.Reply made = c.as(admin, "POST", "/v1/api_key", "{\"apikey\": {\"apikey_name\":"
                + " \"prometheus\", \"expiration_type\": \"never\", \"role\": \"reader\"}}");
        assertThat(made.status()).as(made.text()).isEqualTo(200);
        key = made.at("/apikey/apikey_name").asText() + ":" + made.at("/apikey/apikey_secret").asText();
        ControllerFixture.Reply none = c.as(admin, "POST", "/v1/api_key", "{\"apikey\": {\"apikey_name\":"
                + " \"nothing\", \"expiration_type\": \"never\", \"role\": \"ciops\"}}");
        assertThat(none.status()).isEqualTo(200);
        ciKey = "nothing:" + none.at("/apikey/apikey_secret").asText();
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    @Test
    void aReaderKeyScrapesTheTextFormat() {
        HttpResponse<String> r = c.exchange("GET", "/metrics", null, "Authorization", "Bearer " + key);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        List<String> lines = Arrays.asList(r.body().split("\n"));
        assertThat(lines).contains("bulwark_scanners 0", "bulwark_scan_jobs{state=\"scheduled\"} 0",
                "bulwark_vulnerabilities{asset=\"container\",severity=\"critical\"} 0",
                "bulwark_scan_job_duration_seconds_count 0", "# TYPE bulwark_scan_job_duration_seconds histogram",
                "bulwark_enforcers{state=\"connected\"} 0");
        assertThat(lines).allSatisfy(l -> assertThat(l.startsWith("# HELP ") || l.startsWith("# TYPE ")
                || SAMPLE.matcher(l).matches()).as(l).isTrue());
    }

    @Test
    void withoutAKeyOrWithoutThePermissionItIsRefusedInPlainText() {
        HttpResponse<String> none = c.exchange("GET", "/metrics", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(c.exchange("GET", "/metrics", null, "Authorization", "Bearer prometheus:wrong").statusCode())
                .isEqualTo(401);
        assertThat(c.exchange("GET", "/metrics", null, "Authorization", "Bearer " + ciKey).statusCode())
                .as("a key of the ciops role, which has no config read").isEqualTo(403);
        assertThat(c.exchange("GET", "/metrics/other", null, "Authorization", "Bearer " + key).statusCode())
                .isEqualTo(404);
    }
}
