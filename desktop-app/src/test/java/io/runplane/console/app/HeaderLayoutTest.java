package io.runplane.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.console.ConsoleUnderTest;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.FxSnapshots;
import io.runplane.console.FxWait;
import io.runplane.console.connection.ClusterChoices;
import io.runplane.console.connection.ClusterConnector;
import io.runplane.console.connection.ClusterSession;
import io.runplane.console.connection.ConnectionProfile;
import io.runplane.console.connection.ConnectionProfiles;
import io.runplane.console.connection.ConnectionViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The header at the window widths people use: the navigation never shrinks, nothing is cut where there is room. */
@ExtendWith(ApplicationExtension.class)
class HeaderLayoutTest {

    private static final List<String> ALWAYS_WHOLE = List.of(".logo", "#nav-workloads", "#nav-overview", "#nav-organization",
            "#nav-access", "#nav-audit", "#connection-state");

    private Stage stage;
    private ConsoleUnderTest console;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        ClusterConnector fake = () -> new ClusterSession(new FakeRunplaneClient(), "a fake cluster on 127.0.0.1:40123", List.of());
        ClusterChoices choices = new ClusterChoices(ConnectionProfiles.load(Files.createTempDirectory("runplane-header")), fake);
        console = ConsoleUnderTest.of(fake, ClusterChoices.LOCAL_DESCRIPTION).choosingFrom(choices).show(stage);
        choices.use(ConnectionProfile.LOCAL, console.connection());
    }

    @AfterEach
    void stop(FxRobot robot) {
        console.close(robot);
    }

    private static boolean whole(Labeled labeled) {
        return labeled.getWidth() + 0.5 >= labeled.prefWidth(-1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1280, 1480, 1600})
    void theNavigationAndTheStateAreWholeAndTheProfileAndUserFitWhereThereIsRoom(int width, FxRobot robot) throws Exception {
        console.awaitConnected();
        robot.interact(() -> stage.setWidth(width));
        FxWait.until("the window at " + width + " px", 10, () -> Math.abs(console.scene().getWidth() - width) < 20);

        for (String query : ALWAYS_WHOLE) {
            assertThat(whole(robot.lookup(query).queryAs(Labeled.class))).as(query + " at " + width + " px").isTrue();
        }
        Labeled profile = robot.lookup("#open-connect").queryAs(Labeled.class);
        Labeled identity = robot.lookup("#identity").queryAs(Labeled.class);
        assertThat(profile.getTooltip().getText()).startsWith("Local cluster (embedded)");
        assertThat(identity.getTooltip().getText()).isEqualTo("Signed in as " + identity.getText());
        assertThat(robot.lookup("#connection-state").queryAs(Labeled.class).getTooltip().getText())
                .isEqualTo("Connected to a fake cluster on 127.0.0.1:40123 as tester");
        if (width >= 1480) {
            assertThat(whole(profile)).as("the profile at " + width + " px").isTrue();
            assertThat(whole(identity)).as("the user at " + width + " px").isTrue();
        }
        robot.interact(() -> {
            try {
                FxSnapshots.write(robot.lookup(".header").query(), Path.of("target", "screenshots", "header-" + width + ".png"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void theStateSaysOneWordAndItsTooltipWhere(FxRobot robot) {
        console.awaitConnected();
        assertThat(console.connection().stateProperty().get()).isEqualTo(ConnectionViewModel.State.CONNECTED);
        assertThat(robot.lookup("#connection-state").queryAs(Labeled.class).getText()).isEqualTo("Connected");
    }
}
