package dev.bulwark.enforcer.process;

import dev.bulwark.core.testing.Patience;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Killing a judged process: that process, by its pidfd, and never another that has its pid now. */
class ProcessKillTest {

    private static final Path PROC = Path.of("/proc");

    @TempDir
    Path dir;

    private static Process sleep(String program) throws Exception {
        return new ProcessBuilder(program, "30").start();
    }

    private static ProcessInfo read(Process p) throws Exception {
        long end = Patience.deadline();
        while (System.nanoTime() - end < 0) { // until the child has executed sleep, not the JVM's launcher
            var info = ProcessInfo.read(PROC, (int) p.pid());
            if (info.isPresent() && info.get().path().endsWith("sleep")) {
                return info.get();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("child " + p.pid() + " never ran sleep");
    }

    @Test
    void killsTheProcessItJudged() throws Exception {
        Process p = sleep("/bin/sleep");
        ProcessInfo judged = read(p);
        assertThat(judged.startTime()).isPositive();
        assertThat(ProcessKill.kill(PROC, judged)).isTrue();
        assertThat(p.waitFor(Patience.HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(128 + 9);
    }

    @Test
    void neverKillsAnotherProcessThatHasThePidNow() throws Exception {
        Process first = sleep("/bin/sleep");
        ProcessInfo judged = read(first);
        Thread.sleep(50); // a later clock tick, as any process given a reused pid starts later
        Process later = sleep("/bin/sleep");
        try {
            ProcessInfo reused = read(later);
            assertThat(reused.startTime()).isGreaterThan(judged.startTime());
            // what the monitor holds after the judged process exited and its pid went to the later one
            ProcessInfo stale = new ProcessInfo(reused.pid(), judged.ppid(), judged.name(), judged.path(),
                    judged.argv(), judged.uid(), judged.euid(), judged.startTime());
            assertThat(ProcessKill.kill(PROC, stale)).isFalse();
            assertThat(later.waitFor(200, TimeUnit.MILLISECONDS)).as("the later process runs on").isFalse();
        } finally {
            first.destroyForcibly();
            later.destroyForcibly();
        }
    }

    @Test
    void aProcessGoneOrOfUnknownStartIsLeftAlone() throws Exception {
        Process p = sleep("/bin/sleep");
        ProcessInfo judged = read(p);
        try {
            ProcessInfo unknownStart = new ProcessInfo(judged.pid(), judged.ppid(), judged.name(), judged.path(),
                    judged.argv(), judged.uid(), judged.euid(), 0);
            assertThat(ProcessKill.kill(PROC, unknownStart)).isFalse();
            assertThat(p.isAlive()).isTrue();
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        assertThat(ProcessKill.kill(PROC, judged)).as("exited and reaped").isFalse();
    }

    @Test
    void aNameWithParenthesesAndSpacesDoesNotShiftTheStartTime() throws Exception {
        Path odd = Files.createSymbolicLink(dir.resolve("a) 1 2 (sleep"), Path.of("/bin/sleep"));
        Process p = sleep(odd.toString());
        try {
            ProcessInfo judged = read(p);
            assertThat(judged.name()).isEqualTo("a) 1 2 (sleep");
            assertThat(ProcessInfo.startTime(PROC, judged.pid())).isEqualTo(judged.startTime());
            assertThat(ProcessKill.kill(PROC, judged)).isTrue();
            assertThat(p.waitFor(Patience.HANG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }
}
