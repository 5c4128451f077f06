package dev.bulwark.scanner.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One external program to run: its argument vector, the variables set on top of the inherited environment, and a
 * time limit after which the program and all its descendants are killed.
 *
 * <p>Standard input is closed at once, so a program that asks a question reads end of file instead of hanging.
 * Output is captured in temporary files, so a chatty program cannot block on a full pipe. Instances are immutable
 * and may be shared; {@link #run} may be called from several threads.
 *
 * @param argv the program and its arguments, never empty
 * @param environment variables added to (or replacing those in) the test JVM's environment
 * @param timeout how long the program may run, positive
 */
public record Command(List<String> argv, Map<String, String> environment, Duration timeout) {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final int MESSAGE_TAIL_CHARS = 4000;

    public Command {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        requireNonNull(timeout, "timeout");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** A command with no extra environment and a five-minute limit. */
    public static Command of(String... argv) {
        return new Command(List.of(argv), Map.of(), DEFAULT_TIMEOUT);
    }

    /** The installed program of that name on the PATH, if any. */
    public static Optional<Path> executable(String name) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public Command withTimeout(Duration newTimeout) {
        return new Command(argv, environment, newTimeout);
    }

    public Command withEnvironment(Map<String, String> extra) {
        var merged = new TreeMap<>(environment);
        merged.putAll(extra);
        return new Command(argv, merged, timeout);
    }

    /** The command as a shell would show it, with arguments quoted where needed; for messages and logs. */
    public String commandLine() {
        return argv.stream().map(Command::quote).collect(Collectors.joining(" "));
    }

    /**
     * Runs the command in {@code workDir} and returns its output.
     *
     * @throws IOException if it cannot start, exits non-zero or times out; the message holds the command line,
     *     the directory, the exit code and the end of its standard error (or of its output when stderr is empty)
     */
    public Result run(Path workDir) throws IOException {
        Result result = runAllowingFailure(workDir);
        if (result.exitCode() != 0) {
            throw new IOException("`%s` in %s exited %d after %s%n%s".formatted(commandLine(), workDir,
                    result.exitCode(), seconds(result.elapsed()), result.diagnostics()));
        }
        return result;
    }

    /**
     * Runs the command in {@code workDir} and returns its output whatever the exit code.
     *
     * @throws IOException if it cannot start or times out (it is then killed with its descendants)
     */
    public Result runAllowingFailure(Path workDir) throws IOException {
        Path stdout = Files.createTempFile("bulwark-cmd-", ".out");
        Path stderr = Files.createTempFile("bulwark-cmd-", ".err");
        try {
            var builder = new ProcessBuilder(argv)
                    .directory(workDir.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().putAll(environment);
            long start = System.nanoTime();
            Process process = builder.start();
            process.getOutputStream().close();
            boolean exited = awaitOrKill(process, workDir);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            var result = new Result(exited ? process.exitValue() : -1, read(stdout), read(stderr), elapsed);
            if (!exited) {
                throw new IOException("`%s` in %s timed out after %s and was killed%n%s".formatted(commandLine(),
                        workDir, seconds(timeout), result.diagnostics()));
            }
            return result;
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private boolean awaitOrKill(Process process, Path workDir) throws IOException {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            kill(process);
            process.waitFor();
            return false;
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            var interrupted = new InterruptedIOException("interrupted while running `%s` in %s"
                    .formatted(commandLine(), workDir));
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    private static void kill(Process process) {
        // descendants first: mmdebstrap and apt leave grandchildren that would otherwise keep running
        process.descendants().toList().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), UTF_8);
    }

    private static String quote(String arg) {
        return SHELL_SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    private static String seconds(Duration duration) {
        return "%.1f s".formatted(duration.toMillis() / 1000.0);
    }

    /**
     * What a finished run produced.
     *
     * @param exitCode the program's exit status, or -1 when it was killed at its time limit
     * @param stdout everything it wrote to standard output, decoded as UTF-8
     * @param stderr everything it wrote to standard error, decoded as UTF-8
     * @param elapsed wall-clock time from start to exit
     */
    public record Result(int exitCode, String stdout, String stderr, Duration elapsed) {

        public Result {
            requireNonNull(stdout, "stdout");
            requireNonNull(stderr, "stderr");
            requireNonNull(elapsed, "elapsed");
        }

        String diagnostics() {
            return stderr.isBlank() ? "stdout: " + tail(stdout) : "stderr: " + tail(stderr);
        }

        private static String tail(String text) {
            String trimmed = text.strip();
            return trimmed.length() <= MESSAGE_TAIL_CHARS
                    ? trimmed
                    : "..." + trimmed.substring(trimmed.length() - MESSAGE_TAIL_CHARS);
        }
    }
}
