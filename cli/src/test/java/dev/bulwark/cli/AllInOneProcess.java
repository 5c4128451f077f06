package dev.bulwark.cli;

import dev.bulwark.core.testing.Patience;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bulwark allinone} in a process of its own, as a user starts it: the controller, a scanner, this node's
 * enforcer and the manager, on free ports of 127.0.0.1, with the database and the admin password from the
 * environment.
 */
final class AllInOneProcess implements AutoCloseable {

    final int apiPort;
    final int managerPort;
    final Path data;
    private final Process process;
    private final Path log;

    private AllInOneProcess(Process process, Path data, Path log, int apiPort, int managerPort) {
        this.process = process;
        this.data = data;
        this.log = log;
        this.apiPort = apiPort;
        this.managerPort = managerPort;
    }

    static AllInOneProcess start(Path dir, Map<String, String> env) throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        Path log = dir.resolve("allinone.log");
        int api = freePort();
        int manager = freePort();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx1g", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-cp",
                System.getProperty("java.class.path"), "dev.bulwark.cli.Main", "allinone", "--data-dir",
                data.toString(), "--host", "127.0.0.1", "--port", Integer.toString(api), "--link-port",
                Integer.toString(freePort()), "--admission-port", Integer.toString(freePort()), "--manager-port",
                Integer.toString(manager)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        AllInOneProcess started = new AllInOneProcess(builder.start(), data, log, api, manager);
        Patience.await(() -> started.printed("this node's enforcer is connected") || !started.process.isAlive(),
                () -> "allinone did not report its enforcer connected; its output:\n" + started.output());
        if (!started.process.isAlive() || !started.printed("a scanner runs in this process")) {
            started.close();
            throw new IllegalStateException("allinone ended or runs without its scanner: " + started.output());
        }
        return started;
    }

    Path ca() {
        return data.resolve("controller/tls/ca.pem");
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private boolean printed(String text) {
        return output().contains(text);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
