package dev.bulwark.enforcer.testing;

import dev.bulwark.controller.Controller;
import dev.bulwark.core.testing.Rest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A controller in a process of its own, so that a test can kill it with SIGKILL and start it again on the same data
 * directory and ports.
 */
public final class ControllerProcess implements AutoCloseable {

    public static final String PASSWORD = "Adm1n-pass!word";

    private final Process process;
    public final int port;
    public final int linkPort;
    public final Path data;

    private ControllerProcess(Process process, Path data, int port, int linkPort) {
        this.process = process;
        this.data = data;
        this.port = port;
        this.linkPort = linkPort;
    }

    /** Starts a controller and waits until it serves. */
    public static ControllerProcess start(Path data, int port, int linkPort) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-cp",
                System.getProperty("java.class.path"), ControllerProcess.class.getName(), data.toString(),
                Integer.toString(port), Integer.toString(linkPort)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile()).start();
        ControllerProcess c = new ControllerProcess(p, data, port, linkPort);
        long deadline = dev.bulwark.core.testing.Patience.deadline();
        while (!c.serving()) {
            if (!p.isAlive() || System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the controller did not start; see " + data + ".log");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        return c;
    }

    private boolean serving() {
        try (var s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public Rest login() throws Exception {
        return Rest.login(port, data.resolve("tls/ca.pem"), "admin", PASSWORD);
    }

    /** SIGKILL: nothing is flushed or closed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(1, TimeUnit.MINUTES);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            kill();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static void main(String[] args) throws Exception {
        Controller c = Controller.start(new Controller.Settings(Path.of(args[0]), "127.0.0.1",
                Integer.parseInt(args[1]), Optional.empty(), Optional.of(PASSWORD), "test",
                Integer.parseInt(args[2])), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(c::close));
        Thread.currentThread().join();
    }
}
