package dev.bulwark.scanner.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTest {

    @TempDir
    Path dir;

    @Test
    void capturesOutputAndErrorSeparately() throws IOException {
        Command.Result result = Command.of("sh", "-c", "echo out; echo err >&2").run(dir);

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
    }

    @Test
    void runsInTheGivenDirectoryWithTheExtraEnvironment() throws IOException {
        Command command = Command.of("sh", "-c", "echo \"$BULWARK_PROBE\"; pwd")
                .withEnvironment(Map.of("BULWARK_PROBE", "set"));

        assertThat(command.run(dir).stdout()).isEqualTo("set\n" + dir.toRealPath() + "\n");
    }

    @Test
    void closesStandardInputSoReadersSeeEndOfFile() throws IOException {
        assertThat(Command.of("cat").withTimeout(Duration.ofSeconds(30)).run(dir).stdout()).isEmpty();
    }

    @Test
    void failureNamesCommandLineDirectoryExitCodeAndStderr() {
        Command command = Command.of("sh", "-c", "echo progress; echo 'no such package' >&2; exit 3");

        assertThatThrownBy(() -> command.run(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("`sh -c 'echo progress; echo '\\''no such package'\\'' >&2; exit 3'`")
                .hasMessageContaining(" in " + dir + " exited 3 after ")
                .hasMessageContaining("stderr: no such package")
                .hasMessageNotContaining("stdout:");
    }

    @Test
    void failureWithoutStderrShowsTheOutput() {
        assertThatThrownBy(() -> Command.of("sh", "-c", "echo 'E: only here'; exit 1").run(dir))
                .hasMessageContaining("stdout: E: only here");
    }

    @Test
    void failureMessageKeepsOnlyTheEndOfLongStderr() {
        Command command = Command.of("sh", "-c", "seq 1 100000 >&2; echo last-line >&2; exit 1");

        assertThatThrownBy(() -> command.run(dir))
                .hasMessageContaining("last-line")
                .hasMessageNotContaining("\n1\n2\n")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(5000));
    }

    @Test
    void runAllowingFailureReturnsTheExitCode() throws IOException {
        assertThat(Command.of("sh", "-c", "exit 7").runAllowingFailure(dir).exitCode()).isEqualTo(7);
    }

    @Test
    void missingProgramFailsWithTheProgramName() {
        assertThatThrownBy(() -> Command.of("bulwark-no-such-program").run(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("bulwark-no-such-program");
    }

    @Test
    void timeoutKillsTheProgramAndItsChildren() throws IOException, InterruptedException {
        Command command = Command.of("sh", "-c", "sleep 300 & echo $! > child.pid; wait")
                .withTimeout(Duration.ofSeconds(2));

        assertThatThrownBy(() -> command.run(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("timed out after 2.0 s and was killed");
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).strip());
        assertThat(awaitGoneOrZombie(child)).as("sleep %d still running", child).isTrue();
    }

    @Test
    void commandLineQuotesArgumentsAShellWouldSplit() {
        assertThat(Command.of("dpkg-query", "-f", "${Package} ${Version}\\n", "it's", "plain-arg:1/2").commandLine())
                .isEqualTo("dpkg-query -f '${Package} ${Version}\\n' 'it'\\''s' plain-arg:1/2");
    }

    @Test
    void rejectsEmptyArgvAndNonPositiveTimeout() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Command(List.of(), Map.of(), Duration.ofSeconds(1)))
                .withMessage("argv is empty");
        assertThatIllegalArgumentException().isThrownBy(() -> Command.of("true").withTimeout(Duration.ZERO))
                .withMessage("timeout must be positive, was PT0S");
    }

    // a killed child may linger as a zombie until init reaps it; either way it no longer runs
    private static boolean awaitGoneOrZombie(long pid) throws IOException, InterruptedException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        for (int attempt = 0; attempt < 200; attempt++) {
            if (!Files.exists(stat)) {
                return true;
            }
            try {
                String text = Files.readString(stat);
                if (text.substring(text.lastIndexOf(')') + 2).startsWith("Z")) {
                    return true;
                }
            } catch (NoSuchFileException _) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
