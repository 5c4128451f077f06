package dev.bulwark.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium, headless, driven through chromedriver, with a new profile of its own (nothing cached, nothing
 * stored). Closing it quits the browser and deletes the profile.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** The flags that work on this machine's chromium (no sandbox, no GPU, nothing fetched in the background). */
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    /** USER_HZ: /proc's CPU times are in these, 100 on every Linux this runs on. */
    private static final long CLOCK_TICKS = 100;

    private final Path profile;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    /** What a benchmark that cannot measure without chromium says it needs. */
    static String requirement() {
        return "needs " + BINARY + " and " + DRIVER;
    }

    /** Starts chromium with a new profile and {@code arguments} after the usual flags. */
    static HeadlessChromium start(String... arguments) throws IOException {
        Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        Path profile = Files.createTempDirectory("bulwark-bench-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        options.addArguments(arguments);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        try {
            return new HeadlessChromium(profile, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            Directories.deleteTree(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * The CPU time (user and system) this chromium and all its descendants (renderer, GPU and utility processes)
     * have spent so far, from /proc; its processes are told from others' by their {@code --user-data-dir}.
     */
    long cpuNanos() throws IOException {
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        Set<Long> roots = new HashSet<>();
        String flag = "--user-data-dir=" + profile;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName()
                .toString().chars().allMatch(Character::isDigit))) {
            for (Path proc : procs) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(proc.getFileName().toString());
                    parents.put(pid, Long.parseLong(f[1]));
                    ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    if (new String(Files.readAllBytes(proc.resolve("cmdline"))).contains(flag)) {
                        roots.add(pid);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while read
                }
            }
        }
        long total = 0;
        for (var e : ticks.entrySet()) {
            for (Long p = e.getKey(); p != null && p > 1; p = parents.get(p)) {
                if (roots.contains(p)) {
                    total += e.getValue();
                    break;
                }
            }
        }
        return total * (1_000_000_000L / CLOCK_TICKS);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            Directories.deleteTree(profile);
        }
    }
}
