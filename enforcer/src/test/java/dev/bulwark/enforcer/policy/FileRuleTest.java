package dev.bulwark.enforcer.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileRuleTest {

    private static FileRule rule(String filter, boolean recursive) {
        return new FileRule(filter, recursive, FileRule.BLOCK_ACCESS, List.of("nginx"));
    }

    @Test
    void filtersCoverTheirDirectoryAndRecursiveOnesEverythingBelow() {
        FileRule keys = rule("/etc/nginx/*.key", false);
        assertThat(keys.covers("/etc/nginx/site.key")).isTrue();
        assertThat(keys.covers("/etc/nginx/site.crt")).isFalse();
        assertThat(keys.covers("/etc/nginx/conf.d/site.key")).isFalse();
        assertThat(keys.covers("/etc/nginx.key")).isFalse();
        FileRule deep = rule("/etc/nginx/*.key", true);
        assertThat(deep.covers("/etc/nginx/conf.d/site.key")).isTrue();
        assertThat(deep.covers("/etc/nginxold/site.key")).isFalse();
        assertThat(rule("/etc/shadow", false).covers("/etc/shadow")).isTrue();
        assertThat(rule("/etc/shadow", false).covers("/etc/shadow-")).isFalse();
        assertThat(rule("/*", true).covers("/a/b/c")).isTrue();
        assertThat(deep.allows("nginx", "/usr/sbin/nginx")).isTrue();
        assertThat(deep.allows("cat", "/bin/cat")).isFalse();
    }

    @Test
    void hostileFiltersAreRefused() {
        for (String bad : new String[] {"etc/passwd", "/etc/../shadow", "/etc/..", "/etc/*/key", "/etc/a\nb",
            "/etc/a\u0000b"}) {
            assertThatThrownBy(() -> rule(bad, false)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new FileRule("/etc/x", false, "shred", List.of()))
                .hasMessageContaining("monitor_change or block_access");
    }
}
