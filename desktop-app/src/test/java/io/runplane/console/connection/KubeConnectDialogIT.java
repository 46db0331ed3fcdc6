package io.runplane.console.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.console.FxClicks;
import io.runplane.console.FxSnapshots;
import io.runplane.console.FxWait;
import io.runplane.console.app.Styles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.event.ActionEvent;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Adding a Kubernetes context profile in the Connect dialog: contexts listed from the kubeconfig file, profile saved. */
@ExtendWith(ApplicationExtension.class)
class KubeConnectDialogIT {

    private final List<ConnectionProfile> connected = new CopyOnWriteArrayList<>();
    private Path settings;
    private Path kubeconfig;
    private ConnectDialog dialog;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("kube-dialog");
        settings = dir.resolve("settings");
        kubeconfig = Kubeconfigs.write(dir, "https://10.0.0.1:6443");
        dialog = new ConnectDialog(ConnectionProfiles.load(settings), connected::add);
        Scene scene = new Scene(dialog.root(), 860, 460);
        scene.getStylesheets().add(Styles.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @SuppressWarnings("unchecked")
    @Test
    void aKubernetesContextProfileListsTheContextsOfItsKubeconfigAndIsSaved(FxRobot robot) throws Exception {
        FxClicks.click(robot, "#profile-add");
        ChoiceBox<String> kind = robot.lookup("#profile-kind").queryAs(ChoiceBox.class);
        ChoiceBox<String> context = robot.lookup("#profile-context").queryAs(ChoiceBox.class);
        TextField file = robot.lookup("#profile-kubeconfig").queryAs(TextField.class);
        robot.interact(() -> {
            kind.setValue(ConnectDialog.KUBERNETES);
            file.setText(kubeconfig.toString());
            file.fireEvent(new ActionEvent());
        });
        FxWait.until("the contexts of the kubeconfig", 10, () -> context.getItems().equals(List.of("lab", "prod")));
        assertThat(context.getValue()).isEqualTo("prod");
        assertThat(robot.lookup("#profile-address").query().getParent().isVisible()).isFalse();
        assertThat(robot.lookup("#profile-token-note").queryAs(Label.class).getText()).isEqualTo(ConnectDialog.KUBE_TOKEN_NOTE);

        FxClicks.click(robot, "#profile-name");
        robot.write("GPU lab");
        robot.interact(() -> context.setValue("lab"));
        robot.interact(() -> {
            try {
                FxSnapshots.write(dialog.root(), Path.of("target", "screenshots", "connect-kubernetes.png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        FxClicks.click(robot, "#profile-connect");

        ConnectionProfile lab = ConnectionProfile.kubernetes(connected.getFirst().id(), "GPU lab",
                new KubeTarget(kubeconfig, "lab", KubeTarget.DEFAULT_NAMESPACE, KubeTarget.DEFAULT_SERVICE, KubeTarget.DEFAULT_PORT));
        assertThat(connected).containsExactly(lab);
        assertThat(ConnectionProfiles.load(settings).all()).containsExactly(ConnectionProfile.LOCAL, lab);
    }

    @SuppressWarnings("unchecked")
    @Test
    void aMissingKubeconfigIsNamedAndNothingIsSaved(FxRobot robot) {
        FxClicks.click(robot, "#profile-add");
        Path missing = kubeconfig.resolveSibling("nope");
        robot.interact(() -> {
            robot.lookup("#profile-kind").queryAs(ChoiceBox.class).setValue(ConnectDialog.KUBERNETES);
            TextField file = robot.lookup("#profile-kubeconfig").queryAs(TextField.class);
            file.setText(missing.toString());
            file.fireEvent(new ActionEvent());
        });
        Label error = robot.lookup("#profile-error").queryAs(Label.class);
        FxWait.until("the kubeconfig error", 10, () -> !error.getText().isEmpty());

        assertThat(error.getText()).isEqualTo("Kubeconfig: " + missing + " does not exist or cannot be read");
        FxClicks.click(robot, "#profile-name");
        robot.write("lab");
        FxClicks.click(robot, "#profile-connect");
        assertThat(error.getText()).isEqualTo("Context: choose a context of " + missing);
        assertThat(connected).isEmpty();
        assertThat(Files.exists(settings)).isFalse();
    }
}
