package io.runplane.console.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Collects items from a high-rate feed (watch deltas, log lines) on any thread and hands them to
 * the UI thread in batches: at most one pending post at a time, so one post per pulse however many
 * items arrive.
 */
public final class PulseBatcher<T> {

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final UiThread ui;
    private final Consumer<List<T>> sink;

    public PulseBatcher(UiThread ui, Consumer<List<T>> sink) {
        this.ui = ui;
        this.sink = sink;
    }

    public void offer(T item) {
        queue.add(item);
        if (scheduled.compareAndSet(false, true)) {
            ui.post(this::drain);
        }
    }

    /** Drops what has not been delivered yet. */
    public void clear() {
        queue.clear();
    }

    private void drain() {
        scheduled.set(false);
        List<T> batch = new ArrayList<>();
        for (T item; (item = queue.poll()) != null; ) {
            batch.add(item);
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
    }
}
