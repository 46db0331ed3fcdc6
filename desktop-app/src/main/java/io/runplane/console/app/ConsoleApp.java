package io.runplane.console.app;

import io.runplane.console.connection.ClusterChoices;
import io.runplane.console.connection.ConnectionProfile;
import io.runplane.console.connection.ConnectionProfiles;
import io.runplane.console.connection.ConnectionViewModel;
import io.runplane.console.connection.EmbeddedClusterConnector;
import java.util.Optional;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: builds the window at once, connects in the background. */
public final class ConsoleApp extends Application {

    private Background background;
    private MainView main;

    @Override
    public void start(Stage stage) {
        ConsoleOptions options = ConsoleOptions.parse(getParameters().getRaw());
        UiThread ui = UiThread.fx();
        background = new Background(ui);
        Notifications notifications = new Notifications(ui);
        ConsoleSettings settings = new ConsoleSettings(options.dataDir().resolve("console-settings.properties"), background);
        ClusterChoices choices = new ClusterChoices(ConnectionProfiles.load(options.dataDir()),
                new EmbeddedClusterConnector(options.dataDir(), options.clockSpeed()));
        ConsoleContext context = new ConsoleContext(background, notifications, settings,
                url -> getHostServices().showDocument(url), options.dataDir());
        ConnectionViewModel connection = new ConnectionViewModel(choices.local(), ClusterChoices.LOCAL_DESCRIPTION,
                background, notifications);
        main = new MainView(context, connection, Optional.of(choices));
        Scene scene = new Scene(main.root(), 1480, 900);
        scene.getStylesheets().add(Styles.stylesheet());
        stage.setTitle("Runplane console");
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.setScene(scene);
        stage.show();
        if (options.connect() != null) {
            connection.switchTo(options.connect() + " (--connect)", options.remote(), options.connect());
        } else {
            connectToLastUsed(choices, connection, notifications);
        }
    }

    private static void connectToLastUsed(ClusterChoices choices, ConnectionViewModel connection, Notifications notifications) {
        ConnectionProfile last = choices.profiles().lastUsed();
        try {
            choices.use(last, connection);
        } catch (RuntimeException e) {
            notifications.error("Could not connect to " + last.name(), e);
            choices.use(ConnectionProfile.LOCAL, connection);
        }
    }

    @Override
    public void stop() {
        if (main != null) {
            main.close();
        }
        if (background != null) {
            background.close();
        }
    }
}
