package dev.bulwark.enforcer.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The incident log: whole JSON lines in order, and a reporter that never waits for a stuck output. */
class IncidentLogTest {

    @TempDir
    Path dir;

    private static Incident incident(int n, String path) {
        return Incident.now(Incident.PROFILE_VIOLATION, "Warning", "node", new Incident.Subject("c" + n, "web",
                "nv.web"), new Incident.Proc("od", path, "od -c", n, 0, 0, "sh", "/bin/sh"), "",
                new Incident.Outcome(Incident.VIOLATE, "", "process not in the profile"));
    }

    @Test
    void writesNeuVectorsFieldsFlatInTheirOrderWithoutEmptyTexts() throws Exception {
        Incident denied = new Incident(Incident.PROFILE_VIOLATION, "Critical", 1764880000L, "2025-12-04T20:26:40Z",
                "node", new Incident.Subject("c1", "web", "nv.web"), new Incident.Proc("od", "/bin/od", "od -c", 42, 0,
                0, "sh", "/bin/sh"), "", new Incident.Outcome(Incident.DENY, "r1", "process denied by a rule"));
        assertThat(IncidentLog.JSON.writeValueAsString(denied)).isEqualTo("""
                {"name":"Process.Profile.Violation","level":"Critical","reported_timestamp":1764880000,\
                "reported_at":"2025-12-04T20:26:40Z","host_name":"node","workload_id":"c1","workload_name":"web",\
                "group":"nv.web","proc_name":"od","proc_path":"/bin/od","proc_cmd":"od -c","proc_pid":42,\
                "proc_real_uid":0,"proc_effective_uid":0,"proc_parent_name":"sh","proc_parent_path":"/bin/sh",\
                "action":"deny","rule_id":"r1","message":"process denied by a rule"}""");
        Incident failsafe = new Incident(Incident.ENFORCER_FAILSAFE, "Critical", 1764880000L, "2025-12-04T20:26:40Z",
                "node", Incident.Subject.NONE, Incident.Proc.running(7, "", "/tmp/x"), "",
                new Incident.Outcome(Incident.ALLOW, "", "no decision within 400 ms: allowed"));
        assertThat(IncidentLog.JSON.writeValueAsString(failsafe)).isEqualTo("""
                {"name":"Enforcer.Failsafe.Allow","level":"Critical","reported_timestamp":1764880000,\
                "reported_at":"2025-12-04T20:26:40Z","host_name":"node","proc_path":"/tmp/x","proc_pid":7,\
                "proc_real_uid":-1,"proc_effective_uid":-1,"action":"allow","message":"no decision within 400 ms: \
                allowed"}""");
    }

    @Test
    void writesEachIncidentAsOneJsonLineInOrder() throws Exception {
        Path events = dir.resolve("events.jsonl");
        try (IncidentLog log = new IncidentLog(Optional.of(events), Optional.empty())) {
            for (int n = 0; n < 1000; n++) {
                log.accept(incident(n, n == 7 ? "/tmp/a\nb\u0000\"c" : "/bin/od"));
            }
        }
        List<String> lines = Files.readAllLines(events, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1000);
        for (int n = 0; n < lines.size(); n++) {
            JsonNode e = IncidentLog.JSON.readTree(lines.get(n));
            assertThat(e.path("proc_pid").asInt()).isEqualTo(n);
            assertThat(e.path("workload_id").asText()).isEqualTo("c" + n);
        }
        assertThat(IncidentLog.JSON.readTree(lines.get(7)).path("proc_path").asText()).isEqualTo("/tmp/a\nb\u0000\"c");
    }

    @Test
    @Timeout(20)
    void aConsoleNobodyReadsNeverBlocksTheReporterAndLossIsCounted() throws Exception {
        PipedInputStream reader = new PipedInputStream(1024);
        PrintStream stuck = new PrintStream(new PipedOutputStream(reader), true, StandardCharsets.UTF_8);
        Path events = dir.resolve("events.jsonl");
        IncidentLog log = new IncidentLog(Optional.of(events), Optional.of(stuck), 100);
        int sent = 10_000;
        for (int n = 0; n < sent; n++) { // a log that waited for its console would hang here: the timeout fails it
            log.accept(incident(n, "/bin/od"));
        }
        assertThat(log.dropped()).as("beyond the queue and the pipe's few lines, all counted as dropped")
                .isGreaterThanOrEqualTo(sent - 100 - 10);

        Thread.ofVirtual().start(() -> {
            try {
                reader.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
                // the pipe closed
            }
        });
        log.close();
        assertThat(log.written() + log.dropped()).as("every incident written or counted").isEqualTo(sent);
        assertThat(Files.readAllLines(events)).hasSize((int) log.written());
        log.accept(incident(0, "/bin/od"));
        assertThat(log.written() + log.dropped()).as("after close: counted, not written").isEqualTo(sent + 1);
    }
}
