package io.runplane.console.app;

import static io.runplane.console.Workloads.snapshot;
import static io.runplane.console.Workloads.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.WorkloadStatus;
import io.runplane.console.ConsoleUnderTest;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.FxSnapshots;
import io.runplane.console.connection.ClusterSession;
import io.runplane.console.connection.ConnectionViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class MainViewFakeTest {

    private final FakeRunplaneClient client = new FakeRunplaneClient();
    private final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean failFirstAttempt;
    private ConsoleUnderTest console;
    private ConnectionViewModel connection;
    private Notifications notifications;
    private MainView main;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        console = ConsoleUnderTest.of(() -> {
            if (attempts.incrementAndGet() == 1 && failFirstAttempt) {
                throw new java.io.IOException("data directory is locked by another console");
            }
            return new ClusterSession(client, "fake", List.of());
        }, "a fake cluster").settingsIn(Files.createTempDirectory("runplane-fake-console")).show(stage);
        connection = console.connection();
        notifications = console.notifications();
        main = console.main();
        scene = console.scene();
    }

    @AfterEach
    void stop(FxRobot robot) {
        console.close(robot);
    }

    @Test
    void aFailedConnectionShowsTheReasonAndRetries(FxRobot robot) throws Exception {
        failFirstAttempt = true;
        robot.interact(() -> connection.connect());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> connection.stateProperty().get() == ConnectionViewModel.State.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#overlay-message").queryAs(javafx.scene.control.Label.class).getText())
                .contains("data directory is locked by another console");
        assertThat(notifications.notices()).anySatisfy(n -> assertThat(n.message()).contains("locked"));
        assertThat(robot.lookup("#connect-retry").query().isVisible()).isTrue();
        robot.clickOn("#connect-retry");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !client.watches.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#connecting-overlay").query().isVisible()).isFalse();
    }

    @Test
    void showsTheWatchedWorkloads(FxRobot robot) throws Exception {
        robot.interact(() -> connection.connect());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !client.watches.isEmpty());
        client.lastWatch().listener().onNext(snapshot(3,
                workload("team-a", "alpha", WorkloadStatus.WORKLOAD_STATUS_RUNNING, 1, 1),
                workload("team-b", "beta", WorkloadStatus.WORKLOAD_STATUS_PENDING, 4, 2),
                workload("team-b", "gamma", WorkloadStatus.WORKLOAD_STATUS_FAILED, 2, 3)));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> main.workloads().rows().size() == 3);
        robot.interact(() -> main.workloadsView().table().getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            try {
                FxSnapshots.write(scene.getRoot(), Path.of("target", "preview-fake.png"));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(main.workloadsView().shownRows()).hasSize(3);
    }
}
