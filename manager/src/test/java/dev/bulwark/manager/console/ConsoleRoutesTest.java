package dev.bulwark.manager.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleRoutesTest {

    @Test
    void gzipIsTakenWhenOfferedAndNotRefused() {
        for (String header : List.of("gzip", "gzip, deflate, br", "br;q=1.0, GZIP;q=0.5", " gzip ; q=0.001")) {
            assertTrue(ConsoleRoutes.acceptsGzip(header), header);
        }
        for (String header : List.of("", "identity", "gzip;q=0", "gzip; q=0.000", "x-gzip2", "deflate, br", ";;,,",
                "gzipgzip", ",".repeat(10_000), "gzip;q=0,gzip")) {
            assertFalse(ConsoleRoutes.acceptsGzip(header), header);
        }
        assertFalse(ConsoleRoutes.acceptsGzip(null));
    }

    @Test
    void assetsAreTypedByExtensionAndGzippedOnlyWhenSmaller() {
        Asset js = ConsoleFiles.asset("assets/app-1.js", "let a = 1;\n".repeat(200).getBytes(StandardCharsets.UTF_8));
        assertEquals("text/javascript; charset=utf-8", js.contentType());
        assertTrue(js.gzipped().length < js.body().length / 10);
        Asset tiny = ConsoleFiles.asset("a.CSS", "a{}".getBytes(StandardCharsets.UTF_8));
        assertEquals("text/css; charset=utf-8", tiny.contentType());
        assertNull(tiny.gzipped());
        assertEquals("application/octet-stream", ConsoleFiles.asset("noextension", new byte[1]).contentType());
        assertEquals("application/octet-stream", ConsoleFiles.asset("x.", new byte[0]).contentType());
    }
}
