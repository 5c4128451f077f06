package dev.bulwark.enforcer.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.enforcer.testing.TestBridge;
import dev.bulwark.enforcer.testing.RuncContainer;
import dev.bulwark.link.model.Host;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterfacesTest {

    private static final String FIB_TRIE = """
            Main:
              +-- 0.0.0.0/1 2 0 2
                 +-- 10.9.8.0/24 2 0 2
                    +-- 10.9.8.0/29 2 0 2
                       |-- 10.9.8.0
                          /24 link UNICAST
                       |-- 10.9.8.7
                          /32 host LOCAL
                    |-- 10.9.8.255
                       /32 link BROADCAST
                 +-- 127.0.0.0/8 2 0 2
                    |-- 127.0.0.1
                       /32 host LOCAL
            Local:
              +-- 0.0.0.0/1 2 0 2
                    |-- 10.9.8.7
                       /32 host LOCAL
            """;
    private static final String ROUTE = """
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
            d0\t0008090A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
            d0\t00000000\t0108090A\t0003\t0\t0\t0\t00000000\t0\t0\t0
            """;
    private static final String IF_INET6 = """
            fe80000000000000cc423afffe0cb77e 03 40 20 c0       d0
            00000000000000000000000000000001 01 80 10 80       lo
            fd000000000000000000000000000007 03 40 00 c0       d0
            20010db8000000010000000000000000 03 30 00 c0       d0
            """;

    @Test
    void localAddressesByInterfaceWithTheirPrefixesLoopbackAndLinkLocalLeftOut() {
        assertThat(Interfaces.parse(FIB_TRIE, ROUTE, IF_INET6)).isEqualTo(Map.of("d0", List.of(
                new Host.IpAddress("10.9.8.7", 24, ""), new Host.IpAddress("fd00::7", 64, ""),
                new Host.IpAddress("2001:db8:0:1::", 48, ""))));
    }

    @Test
    void anAddressNoRouteCoversIsKeptWithoutAName() {
        assertThat(Interfaces.parse(FIB_TRIE, "", "")).isEqualTo(Map.of("", List.of(
                new Host.IpAddress("10.9.8.7", 32, ""))));
    }

    @Test
    void garbageIsSkipped() {
        String hostile = "|-- 999.1.1.1\n/32 host LOCAL\n|-- 1.2.3\n/32 host LOCAL\n|-- \n/32 host LOCAL\n"
                + "x".repeat(100_000);
        assertThat(Interfaces.parse(hostile, "Iface\nd0 zz 0 0 0 0 0 yy\n", "zz 1 2 00 4 eth0\n"
                + "fd00000000000000000000000000000g 03 40 00 c0 d0\n")).isEmpty();
        assertThat(Interfaces.parse("", "", "")).isEmpty();
    }

    @Test
    void aRealNamespaceOnABridgeIsReadThroughAProcessInIt(@TempDir Path dir) throws Exception {
        TestBridge.assumeAvailable();
        RuncContainer.assumeAvailable();
        try (TestBridge bridge = TestBridge.create()) {
            TestBridge.Namespace ns = bridge.namespace();
            try (RuncContainer c = RuncContainer.builder(dir).network(ns.path()).start()) {
                assertThat(Interfaces.of(Path.of("/proc"), c.pid())).isEqualTo(Map.of("eth0", List.of(
                        new Host.IpAddress(ns.address(), 24, ""))));
            }
        }
    }
}
