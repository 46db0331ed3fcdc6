package io.runplane.console.app;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/** Where view-model state changes run. The console uses the FX thread; tests may run them in place. */
public interface UiThread {

    void post(Runnable action);

    boolean isCurrent();

    /** Runs now when already on the UI thread, otherwise posts. */
    default void run(Runnable action) {
        if (isCurrent()) {
            action.run();
        } else {
            post(action);
        }
    }

    /**
     * Runs {@code action} once the next frame is done (its CSS, layout and rendering), so work split
     * this way lets the window render in between. Without frames, as {@link #post}.
     */
    default void postAfterFrame(Runnable action) {
        post(action);
    }

    static UiThread fx() {
        return new UiThread() {
            @Override
            public void post(Runnable action) {
                Platform.runLater(action);
            }

            @Override
            public boolean isCurrent() {
                return Platform.isFxApplicationThread();
            }

            @Override
            public void postAfterFrame(Runnable action) {
                run(() -> new AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        stop();
                        Platform.runLater(action);
                    }
                }.start());
            }
        };
    }

    /** Runs every action on the calling thread: for view-model tests without a stage. */
    static UiThread callingThread() {
        return new UiThread() {
            @Override
            public void post(Runnable action) {
                action.run();
            }

            @Override
            public boolean isCurrent() {
                return true;
            }
        };
    }
}
