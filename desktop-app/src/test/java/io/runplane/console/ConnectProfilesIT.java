package io.runplane.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.agent.AgentOptions;
import io.runplane.agent.EmbeddedAgent;
import io.runplane.agent.auth.LocalIdentity;
import io.runplane.agent.auth.TokenIssuer;
import io.runplane.console.app.MainView;
import io.runplane.console.connection.ClusterChoices;
import io.runplane.console.connection.ConnectionProfile;
import io.runplane.console.connection.ConnectionProfiles;
import io.runplane.console.connection.ConnectionViewModel;
import io.runplane.console.connection.RemoteClusterConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Connect dialog against a real agent over gRPC: profiles that work, and ones that do not. */
@ExtendWith(ApplicationExtension.class)
class ConnectProfilesIT {

    private static Path dataDir;
    private static EmbeddedAgent agent;

    private Path settingsDir;
    private ConsoleUnderTest console;
    private ConnectionViewModel connection;
    private ClusterChoices choices;
    private MainView main;

    @BeforeAll
    static void startAgent() throws Exception {
        dataDir = Files.createTempDirectory("runplane-console-connect");
        agent = EmbeddedAgent.start(dataDir.resolve("cluster"), 0, AgentOptions.timeScale(6));
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        settingsDir = Files.createTempDirectory(dataDir, "console");
        RemoteClusterConnector local = ConsoleUnderTest.adminOf(agent);
        choices = new ClusterChoices(ConnectionProfiles.load(settingsDir), local);
        console = ConsoleUnderTest.of(local, ClusterChoices.LOCAL_DESCRIPTION).settingsIn(settingsDir).choosingFrom(choices).show(stage);
        connection = console.connection();
        main = console.main();
        choices.use(ConnectionProfile.LOCAL, connection);
    }

    @AfterEach
    void stop(FxRobot robot) {
        console.close(robot);
    }

    private void awaitState(ConnectionViewModel.State state) {
        FxWait.until("the connection to be " + state, 60, () -> connection.stateProperty().get() == state);
    }

    private void openDialog(FxRobot robot, String button) {
        FxClicks.click(robot, button);
        FxWait.until("the Connect dialog", 10, () -> robot.lookup("#connect-profiles").tryQuery()
                .map(n -> n.getScene().getWindow().isShowing()).orElse(false));
    }

    private static ListView<ConnectionProfile> profileList(FxRobot robot) {
        return robot.lookup("#connect-profiles").queryListView();
    }

    @Test
    void aBadTokenShowsTheServersMessageAndTheConsoleStaysUsable(FxRobot robot) {
        awaitState(ConnectionViewModel.State.CONNECTED);
        assertThat(robot.lookup("#open-connect").queryAs(Button.class).getText()).startsWith("Local cluster (embedded)");

        openDialog(robot, "#open-connect");
        assertThat(profileList(robot).getItems()).containsExactly(ConnectionProfile.LOCAL);
        FxClicks.click(robot, "#profile-add");
        FxClicks.click(robot, "#profile-connect");
        assertThat(robot.lookup("#profile-error").queryAs(Label.class).getText()).startsWith("Name:");
        FxClicks.click(robot, "#profile-name");
        robot.write("staging");
        FxClicks.click(robot, "#profile-address");
        robot.write("127.0.0.1:" + agent.port());
        FxClicks.click(robot, "#profile-token");
        robot.write("not-a-token-the-agent-knows");
        FxClicks.click(robot, "#profile-connect");

        awaitState(ConnectionViewModel.State.FAILED);
        String message = robot.lookup("#overlay-message").queryAs(Label.class).getText();
        assertThat(message).startsWith("Could not connect to 127.0.0.1:" + agent.port() + ": ");
        assertThat(message).containsIgnoringCase("token");
        assertThat(robot.lookup("#open-connect").queryAs(Button.class).getText()).startsWith("staging (127.0.0.1:");

        openDialog(robot, "#connect-other");
        assertThat(profileList(robot).getSelectionModel().getSelectedItem().name()).isEqualTo("staging");
        assertThat(robot.lookup("#profile-token").queryAs(PasswordField.class).getText()).isEmpty();
        robot.interact(() -> profileList(robot).getSelectionModel().select(0));
        FxClicks.click(robot, "#profile-connect");

        awaitState(ConnectionViewModel.State.CONNECTED);
        FxWait.until("the workloads screen", 30, () -> main.workloads() != null);
        assertThat(robot.lookup("#connecting-overlay").query().isVisible()).isFalse();
        assertThat(ConnectionProfiles.load(settingsDir).lastUsed()).isEqualTo(ConnectionProfile.LOCAL);
    }

    @Test
    void aSavedProfileSignsInAsItsUserAfterARestart(FxRobot robot) throws Exception {
        awaitState(ConnectionViewModel.State.CONNECTED);
        String token = TokenIssuer.issueToUser(dataDir.resolve("cluster").resolve(LocalIdentity.IDENTITY_FILE),
                "rita", List.of("research"));
        ConnectionProfile lab = new ConnectionProfile(ConnectionProfiles.newId(), "rita-lab", "127.0.0.1:" + agent.port(),
                false, Optional.empty());
        choices.profiles().save(lab, Optional.of(token));

        ConnectionProfiles afterRestart = ConnectionProfiles.load(settingsDir);
        ClusterChoices restarted = new ClusterChoices(afterRestart, choices.local());
        robot.interact(() -> restarted.use(afterRestart.all().get(1), connection));

        awaitState(ConnectionViewModel.State.CONNECTED);
        assertThat(connection.identityProperty().get()).startsWith("rita @ ");
        assertThat(robot.lookup("#connection-state").queryAs(Label.class).getTooltip().getText()).endsWith(" as rita");
        assertThat(robot.lookup("#open-connect").queryAs(Button.class).getText()).startsWith("rita-lab (");
        assertThat(ConnectionProfiles.load(settingsDir).lastUsed()).isEqualTo(lab);
    }
}
