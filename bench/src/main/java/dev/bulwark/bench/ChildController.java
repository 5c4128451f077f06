package dev.bulwark.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bulwark controller} in a JVM of its own, so that its heap and CPU are measured apart from whatever loads
 * it: REST and link on free ports of 127.0.0.1, a temporary data directory, its output in a log there. Closing it
 * kills the process and deletes the directory.
 */
final class ChildController implements AutoCloseable {

    private static final Pattern REST = Pattern.compile("serving https://[^:]+:(\\d+)/v1");
    private static final Pattern LINK = Pattern.compile("enforcers join at [^ ]+:(\\d+)");
    private static final Pattern ADMISSION = Pattern.compile("admission webhook at https://[^:]+:(\\d+)/");
    /** {@code used NK} on GC.heap_info's lines of the heap's generations (not of metaspace). */
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Duration START = Duration.ofMinutes(2);

    private final Process process;
    private final Path data;
    private final Path log;
    private final int restPort;
    private final int linkPort;
    private final int admissionPort;
    private final long clockTicks;

    private ChildController(Process process, Path data, Path log, int[] ports, long clockTicks) {
        this.process = process;
        this.data = data;
        this.log = log;
        this.restPort = ports[0];
        this.linkPort = ports[1];
        this.admissionPort = ports[2];
        this.clockTicks = clockTicks;
    }

    /**
     * Starts {@code dev.bulwark.cli.Main controller} from {@code classpath} with the JVM options given, and returns
     * once its REST port answers.
     */
    static ChildController start(String classpath, List<String> jvmOptions) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("bulwark-runtime-bench");
        Path log = data.resolve("controller.log");
        List<String> argv = new ArrayList<>(List.of(javaHome().resolve("bin/java").toString()));
        argv.addAll(jvmOptions);
        argv.addAll(List.of("-cp", classpath, "dev.bulwark.cli.Main", "controller", "--data-dir",
                data.resolve("controller").toString(), "--host", "127.0.0.1", "--port", "0", "--link-port", "0",
                "--admission-port", "0"));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("BULWARK_ADMIN_PASSWORD", ControllerRest.PASSWORD);
        Process process = pb.start();
        long deadline = System.nanoTime() + START.toNanos();
        try {
            int rest = -1;
            int link = -1;
            int admission = -1;
            while (rest < 0 || link < 0 || admission < 0) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the controller did not start:\n" + Files.readString(log));
                }
                Thread.sleep(50);
                String out = Files.readString(log);
                rest = port(REST, out);
                link = port(LINK, out);
                admission = port(ADMISSION, out);
            }
            ChildController child = new ChildController(process, data, log, new int[] {rest, link, admission},
                    clockTicks());
            child.awaitAnswer(deadline);
            return child;
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly().waitFor();
            delete(data);
            throw e;
        }
    }

    private void awaitAnswer(long deadline) throws IOException, InterruptedException {
        try (HttpClient http = ControllerRest.client(caPem())) {
            while (true) {
                try {
                    http.send(HttpRequest.newBuilder(URI.create(base() + "/v1/system/summary")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the controller's REST port does not answer:\n"
                                + Files.readString(log), e);
                    }
                    Thread.sleep(50);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int port(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    String base() {
        return "https://127.0.0.1:" + restPort;
    }

    /** Where enforcers join and connect. */
    String linkAddress() {
        return "127.0.0.1:" + linkPort;
    }

    /** Where the admission webhook listens. */
    String admissionBase() {
        return "https://127.0.0.1:" + admissionPort;
    }

    Path caPem() {
        return data.resolve("controller/tls/ca.pem");
    }

    long pid() {
        return process.pid();
    }

    /** User and system CPU seconds the process used so far ({@code /proc/PID/stat}). */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(after[11]) + Long.parseLong(after[12])) / (double) clockTicks;
    }

    /** Resident set size in bytes ({@code VmRSS}). */
    long rssBytes() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid()), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).orElseThrow();
        }
    }

    /** The heap in use after a full collection ({@code jcmd PID GC.run}, then {@code GC.heap_info}), in bytes. */
    long heapAfterFullGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        long usedKb = 0;
        for (String line : jcmd("GC.heap_info").lines().toList()) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                break;
            }
            Matcher m = USED.matcher(line);
            if (m.find()) {
                usedKb += Long.parseLong(m.group(1));
            }
        }
        return usedKb * 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(javaHome().resolve("bin/jcmd").toString(), Long.toString(pid()), command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    private static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    private static long clockTicks() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        return p.waitFor() == 0 && out.matches("\\d+") ? Long.parseLong(out) : 100;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        delete(data);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
