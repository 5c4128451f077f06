package dev.bulwark.manager.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProxyPathTest {

    @Test
    void apiPathsAndQueriesPassAsWritten() {
        assertEquals(Optional.of("/v1/user"), ProxyPath.target("/v1/user", null));
        assertEquals(Optional.of("/v1/user"), ProxyPath.target("/v1/user", ""));
        assertEquals(Optional.of("/v1/workload?start=0&limit=50&s_name=asc&f_name=in,web%20x"),
                ProxyPath.target("/v1/workload", "start=0&limit=50&s_name=asc&f_name=in,web%20x"));
        assertEquals(Optional.of("/v1/scan/registry/r1/image/library%2Fnginx"),
                ProxyPath.target("/v1/scan/registry/r1/image/library%2Fnginx", null));
        assertEquals(Optional.of("/v1/group/nv.web.default"), ProxyPath.target("/v1/group/nv.web.default", null));
        assertEquals(Optional.of("/v1/file/config?config=all"), ProxyPath.target("/v1/file/config", "config=all"));
    }

    @Test
    void pathsOutsideTheApiOrLeavingItAreRefused() {
        for (String path : List.of("/", "/v1", "/v2/system/config", "/metrics", "/api/v2.0/metadata", "/v1/..",
                "/v1/../metrics", "/v1/%2e%2e/metrics", "/v1/%2E%2e%2fmetrics", "/v1/.%2E/x", "/v1/./user",
                "/v1/user/.", "/v1/a\\..\\..\\b", "/v1/a%5c..%5cb", "/v1/user%00", "/v1/user%0d%0aX-Injected:%201",
                "/v1/user\r\nX: y", "/v1/us er", "/v1/user#frag", "/v1/%", "/v1/%2", "/v1/%zz", "/v1/é",
                "//evil.example/v1/user", "https://evil.example/v1/user", "/v1/user\u0000")) {
            assertTrue(ProxyPath.target(path, null).isEmpty(), path);
        }
        assertTrue(ProxyPath.target(null, null).isEmpty());
    }

    @Test
    void hostileQueriesAreRefused() {
        for (String query : List.of("a=<script>", "a=b c", "a=\r\nX: y", "a=\"quoted\"", "a=b#c", "a=\u00e9")) {
            assertTrue(ProxyPath.target("/v1/user", query).isEmpty(), query);
        }
    }

    @Test
    void oversizedTargetsAreRefused() {
        String longPath = "/v1/user/" + "a".repeat(9000);
        assertTrue(ProxyPath.target(longPath, null).isEmpty());
        assertTrue(ProxyPath.target("/v1/user", "f=" + "b".repeat(9000)).isEmpty());
        assertTrue(ProxyPath.target("/v1/user/" + "a".repeat(4000), null).isPresent());
    }

    @Test
    void escapesDecodeAsBytes() {
        assertEquals(Optional.of("/v1/a/b"), ProxyPath.percentDecoded("/v1/a%2Fb"));
        assertEquals(Optional.of("\u00c3\u00a9"), ProxyPath.percentDecoded("%C3%A9"));
        assertTrue(ProxyPath.percentDecoded("%").isEmpty());
        assertTrue(ProxyPath.percentDecoded("%4").isEmpty());
        assertTrue(ProxyPath.percentDecoded("%g0").isEmpty());
    }
}
