package dev.bulwark.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's network graph in Debian's headless chromium: the page {@code npm run bench:graph} builds
 * ({@code manager/web/bench/graph-bench.ts}: the real model, layout and drawing modules over 500 containers in 50
 * groups and 2,000 conversations), served on 127.0.0.1 and driven through chromedriver. It prints the time to
 * build and lay out the graph, to draw it from scratch, and, over a few seconds of continuous pan and zoom, the
 * frame times: the interval between animation frames and the drawing work of each (the canvas made to finish by a
 * one-pixel read). Figures are printed, never judged.
 */
public final class ConsoleGraphBench {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    private ConsoleGraphBench() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "manager/target/graph-bench").toAbsolutePath().normalize();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        // more of the page's parameters (containers=, groups=, conversations=, width=, height=, theme=dark)
        String extra = args.length > 2 ? "&" + args[2] : "";
        if (!Files.isRegularFile(root.resolve("graph.html"))) {
            System.err.println("console graph bench: " + root + "/graph.html is absent: run npm run bench:graph in"
                    + " manager/web first");
            System.exit(2);
        }
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            System.out.println("console graph bench: needs " + CHROMIUM + " and " + CHROMEDRIVER + ": not measured");
            return;
        }
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> serve(root, exchange));
        server.start();
        Path profile = Files.createTempDirectory("bulwark-graph-bench-chromium");
        WebDriver driver = null;
        try {
            driver = chromium(profile);
            String url = "http://127.0.0.1:%d/graph.html?seconds=%d%s".formatted(server.getAddress().getPort(),
                    seconds, extra);
            driver.get(url);
            JavascriptExecutor js = (JavascriptExecutor) driver;
            Map<?, ?> result = new WebDriverWait(driver, Duration.ofSeconds(seconds + 120L)).until(d -> {
                Object error = js.executeScript("return window.benchError");
                if (error != null) {
                    throw new IllegalStateException("the benchmark page failed: " + error);
                }
                return (Map<?, ?>) js.executeScript("return window.benchResult");
            });
            print(result);
        } finally {
            if (driver != null) {
                driver.quit();
            }
            server.stop(0);
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1700,1150");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).build();
        return new ChromeDriver(service, options);
    }

    private static void print(Map<?, ?> r) {
        System.out.printf("console graph: %,d containers in %,d groups, %,d conversations (%,d nodes, %,d clusters,"
                + " %,d edges) on a %dx%d canvas at %sx%n", number(r, "containers").intValue(),
                number(r, "groups").intValue(), number(r, "conversations").intValue(), number(r, "nodes").intValue(),
                number(r, "clusters").intValue(), number(r, "edges").intValue(), number(r, "width").intValue(),
                number(r, "height").intValue(), number(r, "dpr"));
        System.out.printf("console graph: graph built in %.1f ms, laid out in %.1f ms%n",
                number(r, "buildMs").doubleValue(), number(r, "layoutMs").doubleValue());
        System.out.println("console graph: drawn from scratch (at rest, or without the kept picture) "
                + figures(r, "fullDraw"));
        System.out.printf("console graph: %,d frames over %.1f s of continuous pan and zoom, %,d of them drawing the"
                + " picture again%n", number(r, "frames").intValue(), number(r, "seconds").doubleValue(),
                number(r, "redrawn").intValue());
        System.out.println("console graph: frame interval (requestAnimationFrame) " + figures(r, "interval"));
        System.out.println("console graph: drawing per frame " + figures(r, "frame"));
    }

    private static String figures(Map<?, ?> r, String name) {
        Map<?, ?> f = (Map<?, ?>) r.get(name);
        return "p50 %.2f ms, p95 %.2f ms, max %.2f ms".formatted(number(f, "p50").doubleValue(),
                number(f, "p95").doubleValue(), number(f, "max").doubleValue());
    }

    private static Number number(Map<?, ?> map, String key) {
        return map.get(key) instanceof Number n ? n : Double.NaN;
    }

    /** The built page's files, nothing outside its directory. */
    private static void serve(Path root, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Path file = root.resolve(path.equals("/") ? "graph.html" : path.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String name = file.getFileName().toString();
            String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
