package io.runplane.console.bench;

import io.runplane.console.app.Background;
import io.runplane.console.app.ConsoleContext;
import io.runplane.console.app.ConsoleSettings;
import io.runplane.console.app.MainView;
import io.runplane.console.app.Notifications;
import io.runplane.console.app.Styles;
import io.runplane.console.app.UiThread;
import io.runplane.console.connection.ConnectionViewModel;
import io.runplane.console.connection.RemoteClusterConnector;
import io.runplane.console.workloads.WorkloadRow;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * The console's real main window (the same {@link MainView} the app shows), connected to an agent
 * over gRPC, with the moments the benchmark times: the window built and shown, its first frame, the
 * session connected and the table holding every workload of the snapshot.
 */
final class ConsoleWindow implements AutoCloseable {

    private final CompletableFuture<Long> firstFrame = new CompletableFuture<>();
    private final CompletableFuture<Long> tableLoaded = new CompletableFuture<>();
    private final CompletableFuture<Long> connected = new CompletableFuture<>();
    private long shownMillis;
    private Background background;
    private MainView main;
    private Stage stage;

    /**
     * Starts the FX toolkit if needed, then, on it, runs {@code toolkitReady} and opens the window and
     * connects to {@code port}.
     */
    static ConsoleWindow open(int port, Path dataDir, int expectedRows, Runnable toolkitReady) throws Exception {
        ConsoleWindow window = new ConsoleWindow();
        CompletableFuture<Void> shown = new CompletableFuture<>();
        Runnable build = () -> {
            try {
                toolkitReady.run();
                window.build(port, dataDir, expectedRows);
                shown.complete(null);
            } catch (RuntimeException e) {
                shown.completeExceptionally(e);
            }
        };
        Platform.setImplicitExit(false);
        try {
            Platform.startup(build);
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(build);
        }
        shown.get(60, TimeUnit.SECONDS);
        return window;
    }

    private void build(int port, Path dataDir, int expectedRows) {
        UiThread ui = UiThread.fx();
        background = new Background(ui);
        Notifications notifications = new Notifications(ui);
        ConsoleSettings settings = new ConsoleSettings(dataDir.resolve("console-settings.properties"), background);
        ConsoleContext context = new ConsoleContext(background, notifications, settings, url -> { }, dataDir);
        ConnectionViewModel connection = new ConnectionViewModel(RemoteClusterConnector.parse("127.0.0.1:" + port, SyntheticAgent.TOKEN, RemoteClusterConnector.Transport.PLAINTEXT),
                "the benchmark's agent", background, notifications);
        main = new MainView(context, connection);
        Scene scene = new Scene(main.root(), 1480, 900);
        scene.getStylesheets().add(Styles.stylesheet());
        scene.addPostLayoutPulseListener(() -> firstFrame.complete(sinceJvmStart()));
        connection.sessionProperty().addListener((obs, old, session) -> {
            if (session != null) {
                connected.complete(sinceJvmStart());
                watchLoading(expectedRows);
            }
        });
        stage = new Stage();
        stage.setTitle("Runplane console (benchmark)");
        stage.setScene(scene);
        stage.show();
        shownMillis = sinceJvmStart();
        connection.connect();
    }

    private void watchLoading(int expectedRows) {
        var rows = main.workloads().rows();
        ListChangeListener<WorkloadRow> check = new ListChangeListener<>() {
            @Override
            public void onChanged(Change<? extends WorkloadRow> change) {
                if (rows.size() >= expectedRows) {
                    rows.removeListener(this);
                    Scene scene = table().getScene();
                    Runnable laidOut = new Runnable() {
                        @Override
                        public void run() {
                            scene.removePostLayoutPulseListener(this);
                            tableLoaded.complete(sinceJvmStart());
                        }
                    };
                    scene.addPostLayoutPulseListener(laidOut);
                    Platform.requestNextPulse();
                }
            }
        };
        rows.addListener(check);
    }

    TableView<WorkloadRow> table() {
        return main.workloadsView().table();
    }

    /** Milliseconds from the JVM's start until the window was built and shown (before its first frame). */
    long shownMillis() {
        return shownMillis;
    }

    /** Milliseconds from the JVM's start until the session with the agent was up and the screens were built. */
    long connectedMillis(Duration timeout) throws Exception {
        return await(connected, timeout, "the connection");
    }

    /** Milliseconds from the JVM's start to the first frame of the window. */
    long firstFrameMillis(Duration timeout) throws Exception {
        return await(firstFrame, timeout, "the first frame");
    }

    /** Milliseconds from the JVM's start until the table held every workload of the snapshot. */
    long tableLoadedMillis(Duration timeout) throws Exception {
        return await(tableLoaded, timeout, "the table to hold the snapshot");
    }

    /** The highest watch revision the console has applied. */
    long revision() {
        return main.workloads().revision();
    }

    private static long await(CompletableFuture<Long> moment, Duration timeout, String what) throws Exception {
        try {
            return moment.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("gave up waiting " + timeout.toSeconds() + " s for " + what, e);
        }
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    @Override
    public void close() throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                if (main != null) {
                    main.close();
                }
                if (background != null) {
                    background.close();
                }
                if (stage != null) {
                    stage.hide();
                }
            } finally {
                closed.complete(null);
            }
        });
        closed.get(30, TimeUnit.SECONDS);
    }
}
