package dev.bulwark.enforcer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.bulwark.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoliciesTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("policy.yaml"), text);
    }

    @Test
    void profilesDecideExactRulesFirstThenWildcardDenyThenWildcardAllow() {
        ProcessProfile p = new ProcessProfile(java.util.List.of(
                new ProcessRule("*", "/usr/bin/*", null, "allow", null),
                new ProcessRule("curl", "*", null, "deny", null),
                new ProcessRule("curl", "/usr/bin/curl", "*", "allow", null)));
        assertThat(p.decide("curl", "/usr/bin/curl", "root")).map(ProcessRule::allows).hasValue(true);
        assertThat(p.decide("curl", "/tmp/curl", "root")).map(ProcessRule::allows).hasValue(false);
        assertThat(p.decide("ls", "/usr/bin/ls", "root")).map(ProcessRule::allows).hasValue(true);
        assertThat(p.decide("ls", "/bin/ls", "root")).isEmpty();
        assertThat(p.allowsPath("/usr/bin/anything")).isTrue();
        assertThat(p.allowsPath("/tmp/x")).isFalse();
    }

    @Test
    void aPolicyFileGivesModesBaselinesAndRulesAndLearningSurvivesARestart() throws IOException {
        Path policy = file("""
                groups:
                - name: nv.web
                  mode: Protect
                  baseline: basic
                  process:
                  - {name: nginx, path: /usr/sbin/nginx, action: allow}
                """);
        Path learned = dir.resolve("state").resolve("learned.json");
        Policies p = Policies.load(Optional.of(policy), Mode.Discover, Optional.of(learned));
        assertThat(p.of("nv.web").mode()).isEqualTo(Mode.Protect);
        assertThat(p.of("nv.web").zeroDrift()).isFalse();
        assertThat(p.of("nv.new").mode()).isEqualTo(Mode.Discover);
        assertThat(p.of("nv.new").zeroDrift()).isTrue();
        assertThat(p.learn("nv.web", "sh", "/bin/sh", "root")).isTrue();
        assertThat(p.learn("nv.web", "sh", "/bin/sh", "root")).as("learned once").isFalse();
        assertThat(p.learn("nv.web", "sh", "/bin/sh", "www-data")).as("the same program as another user").isTrue();
        assertThat(p.learn("nv.web", "nginx", "/usr/sbin/nginx", "nobody")).as("already allowed, any user")
                .isFalse();
        p.close();

        Policies again = Policies.load(Optional.of(policy), Mode.Monitor, Optional.of(learned));
        assertThat(again.of("nv.web").process()).extracting(ProcessRule::name, ProcessRule::user)
                .containsExactly(tuple("nginx", null), tuple("sh", "root"), tuple("sh", "www-data"));
        assertThat(again.of("nv.web").process().get(1).cfgType()).isEqualTo(ProcessRule.LEARNED);
        assertThat(again.of("nv.web").mode()).as("the file decides the mode").isEqualTo(Mode.Protect);
    }

    @Test
    void badPolicyFilesAreClearErrors() throws IOException {
        String[] bad = {"groups: [", "groups:\n- name: x\n  mode: Enforce\n", "groups:\n- mode: Protect\n",
            "groups:\n- name: x\n  mode: Protect\n  process:\n  - {name: '*', path: '*', action: deny}\n",
            "groups:\n- name: x\n  mode: Protect\n  process:\n  - {name: a, path: /a, action: maybe}\n",
            "groups:\n- name: x\n  mode: Protect\n  colour: red\n", "other: 1\n", "\u0000\u0001binary"};
        for (String text : bad) {
            Path f = file(text);
            assertThatThrownBy(() -> Policies.load(Optional.of(f), Mode.Discover, Optional.empty())).as(text)
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("policy file");
        }
        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[5 << 20]);
        assertThatThrownBy(() -> Policies.load(Optional.of(big), Mode.Discover, Optional.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("larger than");
    }
}
