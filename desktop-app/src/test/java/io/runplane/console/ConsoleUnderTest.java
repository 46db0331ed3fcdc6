package io.runplane.console;

import io.runplane.agent.EmbeddedAgent;
import io.runplane.console.app.Background;
import io.runplane.console.app.ConsoleContext;
import io.runplane.console.app.ConsoleSettings;
import io.runplane.console.app.MainView;
import io.runplane.console.app.Notifications;
import io.runplane.console.app.Styles;
import io.runplane.console.app.UiThread;
import io.runplane.console.connection.ClusterChoices;
import io.runplane.console.connection.ClusterConnector;
import io.runplane.console.connection.ConnectionViewModel;
import io.runplane.console.connection.RemoteClusterConnector;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;

/**
 * The console's main window as the app builds it, on a TestFX stage: the one executor, the notices,
 * settings in a directory of the test's, a connection through {@code connector}. Nothing connects
 * until the test calls {@link ConnectionViewModel#connect()} (or {@link Builder#showConnected}).
 */
public final class ConsoleUnderTest {

    public static final int WIDTH = 1480;
    public static final int HEIGHT = 900;

    private final Background background;
    private final Notifications notifications;
    private final ConnectionViewModel connection;
    private final MainView main;
    private final Scene scene;

    private ConsoleUnderTest(Builder builder, Stage stage) {
        UiThread ui = UiThread.fx();
        background = new Background(ui);
        notifications = new Notifications(ui);
        ConsoleContext context = new ConsoleContext(background, notifications,
                new ConsoleSettings(builder.settingsDir.resolve("console-settings.properties"), background),
                builder.openUrl, builder.settingsDir);
        connection = new ConnectionViewModel(builder.connector, builder.description, background, notifications);
        main = new MainView(context, connection, builder.choices);
        scene = new Scene(main.root(), WIDTH, HEIGHT);
        scene.getStylesheets().add(Styles.stylesheet());
        stage.setScene(scene);
        stage.sizeToScene();
        stage.show();
    }

    /** A window that will connect through {@code connector}, described to the user as {@code description}. */
    public static Builder of(ClusterConnector connector, String description) {
        return new Builder(connector, description);
    }

    /** A connector to {@code agent} on loopback, signed in with the agent's local (admin) token. */
    public static RemoteClusterConnector adminOf(EmbeddedAgent agent) {
        return new RemoteClusterConnector("127.0.0.1", agent.port(), agent.localToken(), RemoteClusterConnector.Transport.PLAINTEXT);
    }

    public MainView main() {
        return main;
    }

    public ConnectionViewModel connection() {
        return connection;
    }

    public Notifications notifications() {
        return notifications;
    }

    public Scene scene() {
        return scene;
    }

    /** Waits until the session is up and the workloads screen built. */
    public void awaitConnected() {
        FxWait.until("the agent", 60, () -> connection.stateProperty().get() == ConnectionViewModel.State.CONNECTED
                && main.workloads() != null);
    }

    /** Closes the window's screens, its connection and its executor; for {@code @AfterEach}. */
    public void close(FxRobot robot) {
        robot.interact(main::close);
        background.close();
    }

    public static final class Builder {

        private final ClusterConnector connector;
        private final String description;
        private Path settingsDir = Path.of("target");
        private Consumer<String> openUrl = url -> { };
        private Optional<ClusterChoices> choices = Optional.empty();

        private Builder(ClusterConnector connector, String description) {
            this.connector = connector;
            this.description = description;
        }

        /** Where the console keeps its settings and saves downloads. */
        public Builder settingsIn(Path dir) {
            settingsDir = dir;
            return this;
        }

        /** What "open in the browser" does. */
        public Builder openingUrlsWith(Consumer<String> opener) {
            openUrl = opener;
            return this;
        }

        /** With saved clusters: the header offers the Connect dialog. */
        public Builder choosingFrom(ClusterChoices clusterChoices) {
            choices = Optional.of(clusterChoices);
            return this;
        }

        public ConsoleUnderTest show(Stage stage) {
            return new ConsoleUnderTest(this, stage);
        }

        /** Shows the window and starts connecting. */
        public ConsoleUnderTest showConnected(Stage stage) {
            ConsoleUnderTest window = show(stage);
            window.connection.connect();
            return window;
        }
    }
}
