package dev.bulwark.enforcer;

import dev.bulwark.core.testing.Patience;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The enforcer's threads: one that ends while it should run fails the enforcer; a stop is no failure. */
class WatchersTest {

    private static void untilInterrupted() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aThreadThatDiesFailsTheEnforcerWithItsNameAndCause() throws Exception {
        Watchers watchers = new Watchers();
        watchers.start("steady", WatchersTest::untilInterrupted);
        watchers.start("reader", () -> {
            throw new IllegalStateException("read failed: EBADF");
        });
        assertThat(watchers.failure().get(Patience.HANG.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("reader failed: java.lang.IllegalStateException: read failed: EBADF");
        watchers.stop(1000);
    }

    @Test
    void aThreadThatReturnsWhileItShouldRunIsAFailureToo() throws Exception {
        Watchers watchers = new Watchers();
        watchers.start("sweeper", () -> { });
        assertThat(watchers.failure().get(Patience.HANG.toSeconds(), TimeUnit.SECONDS)).isEqualTo("sweeper stopped");
    }

    @Test
    void stoppingEndsEveryThreadWithoutAFailure() throws Exception {
        Watchers watchers = new Watchers();
        watchers.start("one", WatchersTest::untilInterrupted);
        watchers.start("two", () -> {
            untilInterrupted();
            throw new IllegalStateException("fails on its way out");
        });
        watchers.stop(5000);
        assertThat(watchers.failure()).isNotDone();
    }
}
