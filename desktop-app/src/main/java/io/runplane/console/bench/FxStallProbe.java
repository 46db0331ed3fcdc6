package io.runplane.console.bench;

import io.runplane.console.app.Background;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * Measures how long the FX thread keeps others waiting: every 5 ms, unless the previous one has not
 * run yet, posts a heartbeat with {@code Platform.runLater} and records the time from posting to
 * running. A heartbeat that waits 80 ms means the FX thread was busy (a batch, a layout, a sort) for
 * that long. Waits over 50 ms are also kept with the moment they began, to tell what caused them.
 */
final class FxStallProbe implements AutoCloseable {

    private static final long PERIOD_MILLIS = 5;
    private static final long STALL_NANOS = 50_000_000;
    private static final int STALLS_LISTED = 8;

    private final Durations waits = new Durations();
    private final AtomicBoolean outstanding = new AtomicBoolean();
    private final List<Stall> stalls = new ArrayList<>();
    private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private volatile long fxThreadId = -1;
    private long cpuDrained;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Background.namedDaemons("bench-fx-probe"));

    /** Starts posting heartbeats; called on the FX thread, whose CPU time it then also follows. */
    void start() {
        fxThreadId = Thread.currentThread().threadId();
        cpuDrained = threads.getThreadCpuTime(fxThreadId);
        timer.scheduleAtFixedRate(() -> {
            if (outstanding.compareAndSet(false, true)) {
                long posted = System.nanoTime();
                long postedAt = System.currentTimeMillis() - jvmStartMillis;
                Platform.runLater(() -> {
                    long wait = System.nanoTime() - posted;
                    waits.add(wait);
                    if (wait > STALL_NANOS) {
                        synchronized (stalls) {
                            stalls.add(new Stall(postedAt, wait));
                        }
                    }
                    outstanding.set(false);
                });
            }
        }, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The waits since the last call. */
    Durations.Summary drain() {
        return waits.drain();
    }

    /** Milliseconds of CPU time the FX thread used since {@link #start} or the last call. */
    double drainFxCpuMillis() {
        long now = threads.getThreadCpuTime(fxThreadId);
        long used = now - cpuDrained;
        cpuDrained = now;
        return used / 1e6;
    }

    /** The longest waits over 50 ms since the last call, as JSON: when each began (ms from the JVM's start) and how long it took. */
    String drainStalls() {
        List<Stall> longest;
        synchronized (stalls) {
            longest = stalls.stream().sorted(Comparator.comparingLong(Stall::nanos).reversed()).limit(STALLS_LISTED).toList();
            stalls.clear();
        }
        return longest.stream()
                .map(stall -> String.format(Locale.ROOT, "{\"atMillis\": %d, \"millis\": %.1f}", stall.atMillis(), stall.nanos() / 1e6))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private record Stall(long atMillis, long nanos) {
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
