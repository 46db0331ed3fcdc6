package io.runplane.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.console.connection.EmbeddedClusterConnector;
import io.runplane.console.workloads.WorkloadRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The console against the real embedded agent, over real gRPC on loopback, with a fast simulated clock. */
@ExtendWith(ApplicationExtension.class)
class ConsoleAgentIT {

    private ConsoleUnderTest console;

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = Files.createTempDirectory("runplane-console-it");
        console = ConsoleUnderTest.of(new EmbeddedClusterConnector(dataDir.resolve("cluster"), 6), "the local simulated cluster")
                .settingsIn(dataDir).showConnected(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        console.close(robot);
    }

    private Optional<Workload> row(String name) {
        return console.main().workloads().rows().stream().map(WorkloadRow::workload)
                .filter(w -> w.getSpec().getName().equals(name)).findFirst();
    }

    @Test
    void submitsThroughTheFormAndSeesItRunWithItsLogs(FxRobot robot) {
        console.awaitConnected();
        FxClicks.click(robot, "#new-workload");
        FxWait.until("the form", 20, () -> robot.lookup("#submit-create").tryQuery()
                .map(n -> n.isVisible() && n.getScene().getWindow().isShowing()).orElse(false)
                && !((javafx.scene.control.ComboBox<?>) robot.lookup("#submit-project").query()).getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        FxClicks.click(robot, "#submit-create");
        Label nameError = robot.lookup("#submit-name-error").queryAs(Label.class);
        assertThat(nameError.isVisible()).isTrue();
        assertThat(nameError.getText()).isEqualTo("Enter a name");

        FxClicks.click(robot, "#submit-name");
        robot.write("fx-train");
        FxClicks.click(robot, "#submit-image");
        robot.write("pytorch/pytorch:2.4");
        TextField gpus = robot.lookup("#submit-gpus").queryAs(TextField.class);
        robot.interact(() -> gpus.setText("1"));
        FxClicks.click(robot, "#submit-create");

        FxWait.until("the dialog to close", 20, () -> robot.lookup("#submit-create").tryQuery().isEmpty());
        FxWait.until("fx-train to run", 90, () -> row("fx-train").map(w -> w.getStatus() == WorkloadStatus.WORKLOAD_STATUS_RUNNING).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".status-cell").queryAll().stream().anyMatch(cell -> cell.getPseudoClassStates()
                .contains(javafx.css.PseudoClass.getPseudoClass("running")))).isTrue();
        assertThat(console.main().workloads().selectedWorkloadProperty().get().getSpec().getName()).isEqualTo("fx-train");

        @SuppressWarnings("unchecked")
        ListView<String> logs = robot.lookup("#logs-list").queryAs(ListView.class);
        FxWait.until("log lines of fx-train", 60, () -> !logs.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".log-line").queryAll().stream().map(n -> ((javafx.scene.control.ListCell<?>) n).getText())
                .filter(t -> t != null && !t.isBlank()).findAny()).isPresent();
    }
}
