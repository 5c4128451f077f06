package dev.bulwark.controller.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who is at an address: containers, nodes, unknown private addresses, the outside; and what is no address. */
class EndpointsTest {

    @TempDir
    Path dir;
    NetworkFixture f;

    @BeforeEach
    void start() {
        f = new NetworkFixture(dir);
        f.workload("w1", "web", "shop", "10.1.0.10", "Monitor");
        f.workload("v6", "api", "shop", "fd00::10", "Monitor");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void eachAddressIsAContainerANodeAPrivateAddressOrTheOutside() {
        Endpoints e = Endpoints.of(f.state);
        assertThat(e.at("10.1.0.10")).satisfies(x -> {
            assertThat(x.id()).isEqualTo("w1");
            assertThat(x.kind()).isEqualTo(Endpoints.Kind.CONTAINER);
            assertThat(x.group()).isEqualTo("nv.web.shop");
            assertThat(x.domain()).isEqualTo("shop");
            assertThat(x.name()).isEqualTo("web-w1");
        });
        assertThat(e.at(Endpoints.canonical("fd00:0:0::10").orElseThrow()).id()).isEqualTo("v6");
        assertThat(e.at("10.0.0.7")).satisfies(x -> {
            assertThat(x.id()).isEqualTo("Host:node-1:m1");
            assertThat(x.kind()).isEqualTo(Endpoints.Kind.NODE);
            assertThat(x.name()).isEqualTo("node-1");
            assertThat(x.group()).isEqualTo("nodes");
        });
        for (String inside : new String[] {"10.9.9.9", "192.168.1.1", "172.16.0.1", "127.0.0.1", "169.254.1.1",
            "100.64.0.1", "fd12::1", "fe80::1", "::1"}) {
            assertThat(e.at(Endpoints.canonical(inside).orElseThrow()).kind()).as(inside)
                    .isEqualTo(Endpoints.Kind.WORKLOAD_IP);
        }
        assertThat(e.at("10.9.9.9").id()).isEqualTo("Workload:10.9.9.9");
        for (String outside : new String[] {"93.184.216.34", "8.8.8.8", "2001:4860:4860::8888", "100.128.0.1"}) {
            assertThat(e.at(Endpoints.canonical(outside).orElseThrow())).as(outside).satisfies(x -> {
                assertThat(x.id()).isEqualTo("external");
                assertThat(x.kind()).isEqualTo(Endpoints.Kind.EXTERNAL);
                assertThat(x.group()).isEqualTo("external");
            });
        }
    }

    @Test
    void aStoppedContainersAddressIsNoLongerItsButTheContainerIsStillKnown() {
        f.state.report(NetworkFixture.AGENT, false, java.util.List.of(new dev.bulwark.link.model.Workload("w1",
                "web-w1", "web-w1", "", "shop", "img/web", "", "web", "nv.web.shop", "", null, "exit", "", "", "", 0,
                false, false, "", f.state.workload("w1").orElseThrow().workload().interfaces(), null, 0, "", "")),
                java.util.List.of());
        Endpoints e = Endpoints.of(f.state);
        assertThat(e.at("10.1.0.10").kind()).isEqualTo(Endpoints.Kind.WORKLOAD_IP);
        assertThat(e.workload("w1")).isPresent();
        assertThat(e.workload("nope")).isEmpty();
    }

    @Test
    void onlyIpLiteralsAreAddressesAndNoNameIsLookedUp() {
        assertThat(Endpoints.canonical("::ffff:10.1.0.10")).contains("10.1.0.10");
        assertThat(Endpoints.canonical("FD00::0010")).contains("fd00:0:0:0:0:0:0:10");
        for (String junk : new String[] {"", "localhost", "example.com", "999.1.1.1", "10.1.0", "10.1.0.10.1",
            "1.2.3.4/24", " 1.2.3.4", "1.2.3.4\n", "::g", ":::", "1".repeat(46), "1." + "2".repeat(100_000),
            "%00", "fe80::1%eth0"}) {
            assertThat(Endpoints.canonical(junk)).as(junk).isEmpty();
        }
        assertThat(Endpoints.canonical(null)).isEmpty();
    }
}
