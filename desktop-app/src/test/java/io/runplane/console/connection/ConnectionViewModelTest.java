package io.runplane.console.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.app.UiThread;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionViewModelTest {

    private final UiThread ui = UiThread.callingThread();
    private final Background background = new Background(ui);
    private final Notifications notifications = new Notifications(ui);

    @AfterEach
    void stop() {
        background.close();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void switchingWhileStillConnectingDropsTheEarlierConnection() throws Exception {
        CountDownLatch slowAgentAnswers = new CountDownLatch(1);
        FakeRunplaneClient slow = new FakeRunplaneClient();
        FakeRunplaneClient fast = new FakeRunplaneClient();
        ConnectionViewModel connection = new ConnectionViewModel(() -> {
            slowAgentAnswers.await();
            return new ClusterSession(slow, "slow:1", List.of());
        }, "slow:1", background, notifications);
        connection.connect();

        connection.switchTo("fast", () -> new ClusterSession(fast, "fast:2", List.of()), "fast:2");
        await(() -> connection.stateProperty().get() == ConnectionViewModel.State.CONNECTED);
        slowAgentAnswers.countDown();
        await(() -> slow.calls.contains("close"));

        assertThat(connection.sessionProperty().get().client()).isSameAs(fast);
        assertThat(connection.profileProperty().get()).isEqualTo("fast");
        assertThat(connection.messageProperty().get()).isEqualTo("Connected to fast:2 as tester");
        assertThat(fast.calls).doesNotContain("close");
    }

    @Test
    void aFailedProfileCanBeLeftForAnother() throws Exception {
        FakeRunplaneClient good = new FakeRunplaneClient();
        ConnectionViewModel connection = new ConnectionViewModel(() -> {
            throw new IllegalStateException("UNAUTHENTICATED: unknown token");
        }, "bad:1", background, notifications);
        connection.connect();
        await(() -> connection.stateProperty().get() == ConnectionViewModel.State.FAILED);
        assertThat(connection.messageProperty().get()).contains("bad:1").contains("unknown token");

        connection.switchTo("good", () -> new ClusterSession(good, "good:2", List.of()), "good:2");
        await(() -> connection.stateProperty().get() == ConnectionViewModel.State.CONNECTED);

        assertThat(connection.identityProperty().get()).startsWith("tester @ fake");
    }
}
