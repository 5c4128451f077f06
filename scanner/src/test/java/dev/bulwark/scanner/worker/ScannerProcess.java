package dev.bulwark.scanner.worker;

import dev.bulwark.core.testing.Patience;
import dev.bulwark.link.Identity;
import dev.bulwark.link.Role;
import dev.bulwark.scanner.Analyzers;
import dev.bulwark.scanner.service.RepositoryScanner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A scanner worker in a process of its own, so that a test can kill it with SIGKILL in the middle of a job. */
final class ScannerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ScannerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a scanner that joins {@code controller} with {@code token} and runs one job at a time. */
    static ScannerProcess start(Path dir, String controller, String token) throws IOException {
        Path log = dir.resolveSibling(dir.getFileName() + ".log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-cp",
                System.getProperty("java.class.path"), ScannerProcess.class.getName(), dir.toString(), controller,
                token));
        return new ScannerProcess(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .start(), log);
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: the scanner neither finishes its job nor says goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(Patience.HANG.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(Patience.HANG.toSeconds(), TimeUnit.SECONDS)) {
            kill();
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Identity identity = Identity.obtain(dir.resolve("link"), Optional.empty(), args[1], Optional.of(args[2]),
                dir.getFileName().toString(), Role.SCANNER);
        ScanWorker worker = new ScanWorker(new ScanWorker.Settings(args[1], identity, 1, "test"),
                new RepositoryScanner(Analyzers.scanner()), Optional.empty());
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close));
        Thread.currentThread().join();
    }
}
