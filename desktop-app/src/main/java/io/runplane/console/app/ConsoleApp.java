package io.runplane.console.app;

import io.runplane.console.connection.ClusterConnector;
import io.runplane.console.connection.ConnectionViewModel;
import io.runplane.console.connection.EmbeddedClusterConnector;
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
        ClusterConnector connector;
        String description;
        if (options.connect() != null) {
            connector = options.remote();
            description = options.connect();
        } else {
            connector = new EmbeddedClusterConnector(options.dataDir(), options.clockSpeed());
            description = "the local simulated cluster";
        }
        ConsoleContext context = new ConsoleContext(background, notifications, settings,
                url -> getHostServices().showDocument(url), options.dataDir());
        ConnectionViewModel connection = new ConnectionViewModel(connector, description, background, notifications);
        main = new MainView(context, connection);
        Scene scene = new Scene(main.root(), 1480, 900);
        scene.getStylesheets().add(Styles.stylesheet());
        stage.setTitle("Runplane console");
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.setScene(scene);
        stage.show();
        connection.connect();
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
