package dev.bulwark.enforcer.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLinesTest {

    @Test
    void aMultiCallBinaryActsAsTheAppletItsArgvNames() {
        assertThat(CommandLines.actingAs("/bin/busybox", List.of("nc", "-l"))).isEqualTo("nc");
        assertThat(CommandLines.actingAs("/bin/busybox", List.of("busybox", "nc", "-l"))).isEqualTo("nc");
        assertThat(CommandLines.actingAs("/bin/busybox", List.of("/usr/bin/cat"))).isEqualTo("cat");
        assertThat(CommandLines.actingAs("/usr/bin/cat", List.of("nc"))).as("not multi-call").isEqualTo("cat");
        assertThat(CommandLines.actingAs("/bin/busybox", List.of())).isEqualTo("busybox");
        assertThat(CommandLines.actingAs("/bin/busybox", List.of("busybox"))).isEqualTo("busybox");
    }

    @Test
    void anInterpretersScriptIsItsFirstOperandOrStandardInputUnlessTheCodeIsInline() {
        assertThat(CommandLines.script("sh", List.of("sh", "/tmp/s.sh", "arg"))).hasValue("/tmp/s.sh");
        assertThat(CommandLines.script("sh", List.of("sh", "-x", "-e", "s.sh"))).hasValue("s.sh");
        assertThat(CommandLines.script("bash", List.of("bash", "-o", "pipefail", "run.sh"))).hasValue("run.sh");
        assertThat(CommandLines.script("sh", List.of("sh"))).hasValue("-");
        assertThat(CommandLines.script("sh", List.of("sh", "-s"))).hasValue("-");
        assertThat(CommandLines.script("sh", List.of("sh", "-"))).hasValue("-");
        assertThat(CommandLines.script("sh", List.of("sh", "--", "x.sh"))).hasValue("x.sh");
        assertThat(CommandLines.script("sh", List.of("busybox", "sh", "x.sh"))).hasValue("x.sh");
        assertThat(CommandLines.script("sh", List.of("sh", "-c", "/tmp/s.sh"))).isEmpty();
        assertThat(CommandLines.script("sh", List.of("sh", "-ec", "echo"))).isEmpty();
        assertThat(CommandLines.script("python3", List.of("python3", "-m", "http.server"))).isEmpty();
        assertThat(CommandLines.script("python3", List.of("python3", "-W", "ignore", "app.py"))).hasValue("app.py");
        assertThat(CommandLines.script("perl", List.of("perl", "-e", "print 1"))).isEmpty();
        assertThat(CommandLines.script("perl", List.of("perl", "-w", "x.pl"))).hasValue("x.pl");
        assertThat(CommandLines.interpreter("python3.11")).isTrue();
        assertThat(CommandLines.interpreter("nginx")).isFalse();
    }

    @Test
    void theLoaderRunByHandRunsItsFirstOperandAndMayLoadMoreCode() {
        assertThat(CommandLines.loaderRun(List.of("ld.so", "/tmp/payload", "x")))
                .hasValue(new CommandLines.LoaderRun("/tmp/payload", false));
        assertThat(CommandLines.loaderRun(List.of("ld.so", "--library-path", "/tmp", "/bin/ls")))
                .hasValue(new CommandLines.LoaderRun("/bin/ls", true));
        assertThat(CommandLines.loaderRun(List.of("ld.so", "--preload=/tmp/evil.so", "/bin/ls")))
                .hasValue(new CommandLines.LoaderRun("/bin/ls", true));
        assertThat(CommandLines.loaderRun(List.of("ld.so", "--argv0", "x", "--list", "/bin/ls")))
                .hasValue(new CommandLines.LoaderRun("/bin/ls", false));
        assertThat(CommandLines.loaderRun(List.of("ld.so", "--", "--weird-name")))
                .hasValue(new CommandLines.LoaderRun("--weird-name", false));
        assertThat(CommandLines.loaderRun(List.of("ld.so", "--help"))).isEmpty();
        assertThat(CommandLines.loaderRun(List.of("ld.so", "--audit"))).isEmpty();
        assertThat(CommandLines.loaderRun(List.of())).isEmpty();
    }
}
