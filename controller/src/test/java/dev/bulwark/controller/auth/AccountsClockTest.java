package dev.bulwark.controller.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controller.StoreOnClock;
import dev.bulwark.controller.api.ApiException;
import dev.bulwark.controller.audit.EventLog;
import dev.bulwark.controller.domain.Records;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session expiry, lockout and password expiry on a clock the test moves: no test sleeps for them. */
class AccountsClockTest {

    private static final String PASSWORD = "Passw0rd-admin";

    @TempDir
    Path dir;

    StoreOnClock on;
    EventLog events;
    Accounts accounts;

    @BeforeEach
    void open() {
        on = new StoreOnClock(dir);
        events = on.events();
        Records records = on.records();
        accounts = new Accounts(records, new Sessions(records, on.clock()), events, on.clock());
        accounts.bootstrapAdmin(Optional.of(PASSWORD));
    }

    @AfterEach
    void close() {
        on.close();
    }

    private void pass(Duration time) {
        on.pass(time);
    }

    private int codeOfLogin(String password) {
        try {
            accounts.login("admin", password, null, "10.0.0.1");
            return 0;
        } catch (ApiException e) {
            return e.body().code();
        }
    }

    @Test
    void aSessionEndsAfterItsIdleTimeoutAndEveryUseRestartsIt() {
        String token = accounts.login("admin", PASSWORD, null, "10.0.0.1").token();
        int timeout = accounts.profile().sessionTimeout();
        pass(Duration.ofSeconds(timeout - 1));
        assertThat(accounts.byToken(token)).as("used just in time").isPresent();
        pass(Duration.ofSeconds(timeout - 1));
        assertThat(accounts.byToken(token)).as("the use restarted the idle time").isPresent();
        pass(Duration.ofSeconds(timeout + 1));
        assertThat(accounts.byToken(token)).as("idle too long").isEmpty();
        assertThat(events.all()).anyMatch(e -> e.path("name").asText().equals("User.Timeout"));
    }

    @Test
    void fiveFailuresBlockTheAccountUntilTheBlockEnds() {
        for (int i = 0; i < 5; i++) {
            assertThat(codeOfLogin("wrong-" + i)).isNotZero();
        }
        assertThat(codeOfLogin(PASSWORD)).as("blocked, told only with the right password").isEqualTo(47);
        pass(Duration.ofMinutes(accounts.profile().blockMinutes()).minusSeconds(1));
        assertThat(codeOfLogin(PASSWORD)).isEqualTo(47);
        pass(Duration.ofSeconds(2));
        assertThat(codeOfLogin(PASSWORD)).as("the block ended").isZero();
    }

    @Test
    void anExpiredPasswordMustBeChangedAtTheNextLogin() {
        PasswordProfile p = accounts.profile();
        accounts.setProfile(new PasswordProfile(p.name(), p.comment(), p.minLen(), p.minUppercaseCount(),
                p.minLowercaseCount(), p.minDigitCount(), p.minSpecialCount(), true, 30, p.enablePasswordHistory(),
                p.passwordKeepHistoryCount(), p.enableBlockAfterFailedLogin(), p.blockAfterFailedLoginCount(),
                p.blockMinutes(), p.sessionTimeout()));
        pass(Duration.ofDays(29));
        assertThat(codeOfLogin(PASSWORD)).isZero();
        pass(Duration.ofDays(2));
        assertThat(codeOfLogin(PASSWORD)).as("expired after 30 days").isEqualTo(
                dev.bulwark.controller.api.ApiError.PASSWORD_EXPIRED.code());
        assertThat(accounts.login("admin", PASSWORD, "Passw0rd-new1", "10.0.0.1").token())
                .as("changing it lets the login through").isNotEmpty();
    }
}
