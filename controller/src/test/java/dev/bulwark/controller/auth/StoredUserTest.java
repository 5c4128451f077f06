package dev.bulwark.controller.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredUserTest {

    @Test
    void aUserStoredBeforeDefaultPasswordReadsAsChosenByItself() throws Exception {
        String older = """
                {"fullname":"rita","email":"","role":"reader","role_domains":{},"timeout":300,"locale":"en",
                 "password_hash":"h","password_history":[],"password_changed":1,"failed_logins":0,
                 "blocked_until":0,"last_login":0,"login_count":0,"modify_password":false}""";
        StoredUser user = Json.storedSnakeCase().readValue(older, StoredUser.class);
        assertThat(user.defaultPassword()).isFalse();
        assertThat(user.fullname()).isEqualTo("rita");
    }

    @Test
    void theFlagSurvivesTheStoreAndFollowsWhoSetThePassword() throws Exception {
        StoredUser set = new StoredUser("rita", "", "reader", Map.of(), 300, "en", "h", List.of(), 1, 0, 0, 0, 0,
                false, true);
        var mapper = Json.storedSnakeCase();
        assertThat(mapper.readValue(mapper.writeValueAsString(set), StoredUser.class)).isEqualTo(set);
        assertThat(set.withPassword("h2", 5, 2, false, false).defaultPassword()).isFalse();
        assertThat(set.withPassword("h2", 5, 2, false, false).withPassword("h3", 5, 3, false, true)
                .defaultPassword()).isTrue();
        assertThat(set.withLogin(true, 1000, 0).defaultPassword()).isTrue();
        assertThat(set.withSettings("e", "admin", Map.of(), 60, "en").defaultPassword()).isTrue();
    }
}
