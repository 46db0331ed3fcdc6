package io.runplane.console.connection;

import io.runplane.console.app.Background;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Reconnecting a lost stream by itself: waits by {@link Backoff} between attempts, counts down in
 * {@link #messageProperty()} ("Reconnecting in 4 s… (attempt 3)"), and lets the user retry at once.
 * Properties change on the UI thread; {@link #lost} may be called from any thread.
 */
public final class Reconnection implements AutoCloseable {

    private final Background background;
    private final Backoff backoff;
    private final ReadOnlyIntegerWrapper attempt = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final BooleanBinding reconnecting = attempt.greaterThan(0);
    private Runnable reconnect = () -> { };
    private ScheduledFuture<?> next;
    private ScheduledFuture<?> ticker;
    private long dueAt;
    private boolean closed;

    public Reconnection(Background background, Backoff backoff) {
        this.background = background;
        this.backoff = backoff;
    }

    /** How many attempts since the stream was last up; 0 while it is up. */
    public ReadOnlyIntegerProperty attemptProperty() {
        return attempt.getReadOnlyProperty();
    }

    public BooleanBinding reconnectingProperty() {
        return reconnecting;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The stream was lost: {@code reconnect} runs after the next back-off delay (on a background thread). */
    public void lost(Runnable reconnect) {
        background.ui().post(() -> {
            if (closed) {
                return;
            }
            cancelTimers();
            this.reconnect = reconnect;
            attempt.set(attempt.get() + 1);
            Duration delay = backoff.delay(attempt.get());
            dueAt = System.nanoTime() + delay.toNanos();
            next = background.schedule(this::fire, delay);
            ticker = background.every(() -> background.ui().post(this::tick), Duration.ofMillis(250));
            tick();
        });
    }

    /** Reconnects now instead of waiting. */
    public void retryNow() {
        if (closed || attempt.get() == 0) {
            return;
        }
        cancelTimers();
        dueAt = System.nanoTime();
        tick();
        background.execute(reconnect);
    }

    /** The stream is up again: the count starts over. Call on the UI thread. */
    public void succeeded() {
        cancelTimers();
        attempt.set(0);
        message.set("");
    }

    private void fire() {
        background.ui().post(() -> {
            if (ticker != null) {
                ticker.cancel(false);
            }
            tick();
        });
        reconnect.run();
    }

    private void tick() {
        if (closed || attempt.get() == 0) {
            return;
        }
        long seconds = (long) Math.ceil(Math.max(0, dueAt - System.nanoTime()) / 1e9);
        message.set(seconds > 0
                ? "Reconnecting in " + seconds + " s… (attempt " + attempt.get() + ")"
                : "Reconnecting… (attempt " + attempt.get() + ")");
    }

    private void cancelTimers() {
        if (next != null) {
            next.cancel(false);
        }
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    @Override
    public void close() {
        closed = true;
        cancelTimers();
    }
}
