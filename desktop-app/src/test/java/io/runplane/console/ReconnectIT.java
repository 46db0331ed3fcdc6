package io.runplane.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.runplane.agent.AgentOptions;
import io.runplane.agent.EmbeddedAgent;
import io.runplane.api.BearerToken;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;
import io.runplane.console.app.MainView;
import io.runplane.console.client.GrpcRunplaneClient;
import io.runplane.console.workloads.WorkloadRow;
import io.runplane.console.workloads.WorkloadsViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The console keeps watching across an agent restart: it shows that it is reconnecting, then catches up. */
@ExtendWith(ApplicationExtension.class)
class ReconnectIT {

    private Path dataDir;
    private int port;
    private EmbeddedAgent agent;
    private ConsoleUnderTest console;
    private MainView main;

    @Start
    void start(Stage stage) throws Exception {
        dataDir = Files.createTempDirectory("runplane-console-reconnect");
        agent = EmbeddedAgent.start(dataDir.resolve("cluster"), 0, AgentOptions.timeScale(6));
        port = agent.port();
        submit("before-restart");
        console = ConsoleUnderTest.of(ConsoleUnderTest.adminOf(agent), "the test agent").settingsIn(dataDir).showConnected(stage);
        main = console.main();
    }

    @AfterEach
    void stop(FxRobot robot) {
        console.close(robot);
        agent.close();
    }

    private void submit(String name) {
        try (GrpcRunplaneClient admin = new GrpcRunplaneClient(
                NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build(), new BearerToken(agent.localToken()))) {
            admin.submit(WorkloadSpec.newBuilder().setProject("vision").setName(name).setType(WorkloadType.WORKLOAD_TYPE_TRAINING)
                    .setImage("pytorch/pytorch:latest").addCommand("sleep").addArgs("3600")
                    .setCompute(ComputeRequest.newBuilder().setGpuDevices(1)).build(), false);
        }
    }

    private Optional<WorkloadRow> row(String name) {
        return main.workloads().rows().stream().filter(r -> r.workload().getSpec().getName().equals(name)).findFirst();
    }

    private WorkloadsViewModel.FeedState feed() {
        return main.workloads().feedStateProperty().get();
    }

    @Test
    void aRestartedAgentIsReconnectedToAndTheTableCatchesUpInPlace(FxRobot robot) throws Exception {
        FxWait.until("the table", 60, () -> main.workloads() != null && row("before-restart").isPresent());
        WorkloadRow before = row("before-restart").orElseThrow();
        Node reconnectBox = robot.lookup("#reconnect-state").query().getParent();
        assertThat(reconnectBox.isVisible()).isFalse();

        agent.close();
        FxWait.until("the header to say it is reconnecting", 30, () -> reconnectBox.isVisible()
                && main.workloads().reconnection().attemptProperty().get() >= 2);
        String text = robot.lookup("#reconnect-state").queryAs(Label.class).getText();
        assertThat(text).matches("Reconnecting( in \\d+ s)?… \\(attempt \\d+\\)");
        assertThat(robot.lookup("#connection-state").query().isVisible()).isFalse();
        assertThat(feed()).isEqualTo(WorkloadsViewModel.FeedState.RECONNECTING);
        robot.interact(() -> {
            try {
                FxSnapshots.write(robot.lookup(".header").query(), Path.of("target", "screenshots", "reconnecting-header.png"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        agent = EmbeddedAgent.start(dataDir.resolve("cluster"), port, AgentOptions.timeScale(6));
        FxClicks.click(robot, "#reconnect-now");
        FxWait.until("the watch to be live again", 30, () -> !reconnectBox.isVisible()
                && feed() == WorkloadsViewModel.FeedState.LIVE);
        assertThat(main.workloads().reconnection().attemptProperty().get()).isZero();

        submit("after-restart");
        FxWait.until("the workload submitted after the restart", 30, () -> row("after-restart").isPresent());
        assertThat(row("before-restart")).as("the row kept, not reloaded").containsSame(before);
        assertThat(robot.lookup("#connection-state").query().isVisible()).isTrue();
    }
}
