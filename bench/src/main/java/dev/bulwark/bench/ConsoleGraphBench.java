package dev.bulwark.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's network graph in Debian's headless chromium: the page {@code npm run bench:graph} builds
 * ({@code manager/web/bench/graph-bench.ts}: the real model, layout and drawing modules over 500 containers in 50
 * groups and 2,000 conversations), served on 127.0.0.1 and driven through chromedriver. It prints the time to
 * build and lay out the graph; to draw it from scratch (a new picture, drawn a part a frame: each frame's work,
 * how many frames and their sum); and, over a few seconds of continuous pan and zoom, the frame times: the interval
 * between animation frames and the drawing work of each (the canvas made to finish by a one-pixel read). Wall times on a loaded machine mostly measure the wait for a core, so each phase also gives the
 * CPU time all of chromium's processes spent, per draw or frame. Figures are printed, never judged.
 */
public final class ConsoleGraphBench {

    private static final int FULL_DRAWS = 20;
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    private ConsoleGraphBench() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "manager/target/graph-bench").toAbsolutePath().normalize();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        // the page's parameters (containers=, groups=, conversations=, width=, height=, theme=dark, budget=: the
        // renderer's work a frame)
        String extra = args.length > 2 ? args[2] : "";
        if (!Files.isRegularFile(root.resolve("graph.html"))) {
            System.err.println("console graph bench: " + root + "/graph.html is absent: run npm run bench:graph in"
                    + " manager/web first");
            System.exit(2);
        }
        if (!HeadlessChromium.installed()) {
            System.out.println("console graph bench: " + HeadlessChromium.requirement() + ": not measured");
            return;
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> serve(root, exchange));
        server.start();
        try (HeadlessChromium chromium = HeadlessChromium.start("--window-size=1700,1150")) {
            WebDriver driver = chromium.driver();
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(seconds + 300L));
            driver.get("http://127.0.0.1:%d/graph.html?%s".formatted(server.getAddress().getPort(), extra));
            JavascriptExecutor js = (JavascriptExecutor) driver;
            Map<?, ?> setup = new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> {
                Object error = js.executeScript("return window.benchError");
                if (error != null) {
                    throw new IllegalStateException("the benchmark page failed: " + error);
                }
                return (Map<?, ?>) js.executeScript("return window.graphBench && window.graphBench.setup");
            });
            long before = chromium.cpuNanos();
            Map<?, ?> full = (Map<?, ?>) js.executeScript("return window.graphBench.fullDraws(arguments[0])",
                    FULL_DRAWS);
            long between = chromium.cpuNanos();
            Map<?, ?> animation = (Map<?, ?>) js.executeAsyncScript(
                    "window.graphBench.animate(arguments[0]).then(arguments[arguments.length - 1])", seconds);
            long after = chromium.cpuNanos();
            print(setup, full, (between - before) / 1e6 / FULL_DRAWS, animation,
                    (after - between) / 1e6 / number(animation, "frames").doubleValue());
        } finally {
            server.stop(0);
        }
    }

    private static void print(Map<?, ?> setup, Map<?, ?> full, double fullCpuMs, Map<?, ?> animation,
            double frameCpuMs) {
        System.out.printf("console graph: %,d containers in %,d groups, %,d conversations (%,d nodes, %,d clusters,"
                + " %,d edges) on a %dx%d canvas at %sx%n", number(setup, "containers").intValue(),
                number(setup, "groups").intValue(), number(setup, "conversations").intValue(),
                number(setup, "nodes").intValue(), number(setup, "clusters").intValue(),
                number(setup, "edges").intValue(), number(setup, "width").intValue(),
                number(setup, "height").intValue(), number(setup, "dpr"));
        System.out.printf("console graph: graph built in %.1f ms, laid out in %.1f ms%n",
                number(setup, "buildMs").doubleValue(), number(setup, "layoutMs").doubleValue());
        System.out.printf("console graph: drawn from scratch (at rest), %d times: per frame %s; frames until complete"
                + " %s; in all %s; browser CPU %.1f ms a draw%n", FULL_DRAWS, figures((Map<?, ?>) full.get("frame")),
                counts((Map<?, ?>) full.get("frames")), figures((Map<?, ?>) full.get("total")), fullCpuMs);
        System.out.printf("console graph: %,d frames over %.1f s of continuous pan and zoom, %,d of them drawing part"
                + " of a new picture, %,d pictures completed%n", number(animation, "frames").intValue(),
                number(animation, "seconds").doubleValue(), number(animation, "redrawn").intValue(),
                number(animation, "pictures").intValue());
        System.out.println("console graph: frame interval (requestAnimationFrame) "
                + figures((Map<?, ?>) animation.get("interval")));
        System.out.printf("console graph: drawing per frame %s; browser CPU %.1f ms a frame%n",
                figures((Map<?, ?>) animation.get("frame")), frameCpuMs);
        System.out.printf("console graph: load average while measured: %s%n", LoadAverage.now());
    }

    private static String figures(Map<?, ?> f) {
        return "p50 %.2f ms, p95 %.2f ms, max %.2f ms".formatted(number(f, "p50").doubleValue(),
                number(f, "p95").doubleValue(), number(f, "max").doubleValue());
    }

    private static String counts(Map<?, ?> f) {
        return "p50 %d, p95 %d, max %d".formatted(number(f, "p50").intValue(), number(f, "p95").intValue(),
                number(f, "max").intValue());
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
