package io.runplane.console.app;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The console's one background executor: named daemon threads, results handed back on the
 * {@link UiThread}. Nothing that may block (network, files) runs on the FX thread.
 */
public final class Background implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Background.class.getName());

    private final ScheduledExecutorService executor;
    private final Executor immediate;
    private final UiThread ui;

    public Background(UiThread ui) {
        this.ui = ui;
        this.executor = Executors.newScheduledThreadPool(3, namedDaemons("runplane-bg"));
        this.immediate = executor;
    }

    private Background(UiThread ui, Executor immediate) {
        this.ui = ui;
        this.executor = Executors.newSingleThreadScheduledExecutor(namedDaemons("runplane-test-bg"));
        this.immediate = immediate;
    }

    /**
     * A background that runs submitted work on the calling thread (timed work still waits on a
     * scheduler thread): with {@link UiThread#callingThread()}, view models behave synchronously in tests.
     */
    public static Background inline(UiThread ui) {
        return new Background(ui, Runnable::run);
    }

    public UiThread ui() {
        return ui;
    }

    /** Runs {@code work} in the background; its result or failure is delivered on the UI thread. */
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        try {
            immediate.execute(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Throwable e) {
                    ui.post(() -> onFailure.accept(e));
                    return;
                }
                ui.post(() -> onSuccess.accept(result));
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "background executor is shut down", e);
        }
    }

    /** Runs {@code action} in the background after {@code delay}. */
    public ScheduledFuture<?> schedule(Runnable action, Duration delay) {
        try {
            return executor.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Runs {@code action} in the background every {@code period}. */
    public ScheduledFuture<?> every(Runnable action, Duration period) {
        try {
            return executor.scheduleWithFixedDelay(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "periodic task failed", e);
                }
            }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    public void execute(Runnable action) {
        try {
            immediate.execute(action);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.FINE, "background executor is shut down", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static ThreadFactory namedDaemons(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> LOG.log(Level.SEVERE, "uncaught in " + t.getName(), e));
            return thread;
        };
    }
}
