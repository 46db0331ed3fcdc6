package io.runplane.console.bench;

import io.runplane.console.app.Background;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * Measures how long the FX thread keeps others waiting: every 5 ms, unless the previous one has not
 * run yet, posts a heartbeat with {@code Platform.runLater} and records the time from posting to
 * running. A heartbeat that waits 80 ms means the FX thread was busy (a batch, a layout, a sort) for
 * that long.
 */
final class FxStallProbe implements AutoCloseable {

    private static final long PERIOD_MILLIS = 5;

    private final Durations waits = new Durations();
    private final AtomicBoolean outstanding = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Background.namedDaemons("bench-fx-probe"));

    void start() {
        timer.scheduleAtFixedRate(() -> {
            if (outstanding.compareAndSet(false, true)) {
                long posted = System.nanoTime();
                Platform.runLater(() -> {
                    waits.add(System.nanoTime() - posted);
                    outstanding.set(false);
                });
            }
        }, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The waits since the last call. */
    Durations.Summary drain() {
        return waits.drain();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
