package io.runplane.agent.events;

import io.runplane.api.v1.Workload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The revisioned stream of workload changes behind Watch: every change gets the next revision when
 * it is made and is published, in revision order, once it is stored; the latest ones are kept so a
 * reconnecting client can resume. Each subscriber has its own bounded buffer, drained on the
 * delivery executor while the subscriber is ready, so publishing never waits for a subscriber: each
 * time it is ready it is handed every change queued meanwhile (up to its batch limit) at once; one
 * that falls a whole buffer behind is dropped and told so (it lagged), and the others go on. A
 * subscriber with {@value #COALESCE_BEHIND} or more changes queued is lagging: a change queued then
 * supersedes the queued changes of the same workload, which are not delivered, so it catches up on
 * every workload's latest state (a subscriber that keeps up gets every change). Thread-safe.
 */
public final class ChangeFeed {

    public enum Kind { UPSERTED, DELETED }

    /** One published change; its wire form is encoded once and shared by every watcher that sends it. */
    public static final class Change {
        private final long revision;
        private final Kind kind;
        private final Workload workload;
        private volatile byte[] encoded;

        public Change(long revision, Kind kind, Workload workload) {
            this.revision = revision;
            this.kind = kind;
            this.workload = workload;
        }

        public long revision() {
            return revision;
        }

        public Kind kind() {
            return kind;
        }

        public Workload workload() {
            return workload;
        }

        /**
         * This change as bytes, encoded by the first caller; later callers get the same array. Every
         * caller must pass an encoder giving equal bytes, since any one of them may be the first.
         */
        public byte[] encoded(Function<Change, byte[]> encoder) {
            byte[] bytes = encoded;
            if (bytes == null) {
                bytes = encoder.apply(this);
                encoded = bytes;
            }
            return bytes;
        }
    }

    /** Receives changes in batches; returns false once it no longer wants them (its stream ended). */
    public interface Subscriber {
        /** Consecutive changes, oldest first, at most {@link #batchLimit()} of them. */
        boolean accept(List<Change> changes);

        /** The most changes it takes at once. */
        default int batchLimit() {
            return 1;
        }

        /** Whether it can take a change now; when it cannot, its owner calls {@link Subscription#resume()} once it can. */
        default boolean ready() {
            return true;
        }

        /** It fell a whole buffer behind: changes were dropped and no more will come. */
        void lagged();
    }

    static final int COALESCE_BEHIND = 32;

    private final int capacity;
    private final int buffer;
    private final Executor delivery;
    private final Deque<Change> history = new ArrayDeque<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private long revision;

    /**
     * @param capacity changes kept for resuming
     * @param buffer   changes a subscriber may be behind before it is dropped
     * @param delivery runs the subscribers' deliveries
     */
    public ChangeFeed(long startRevision, int capacity, int buffer, Executor delivery) {
        this.revision = startRevision;
        this.capacity = capacity;
        this.buffer = buffer;
        this.delivery = delivery;
    }

    /** The revision last handed out. */
    public synchronized long revision() {
        return revision;
    }

    public synchronized long nextRevision() {
        return ++revision;
    }

    /** Publishes a stored change; changes are published in the order of their revisions. */
    public synchronized void publish(long changeRevision, Kind kind, Workload workload) {
        Change change = new Change(changeRevision, kind, workload);
        history.addLast(change);
        if (history.size() > capacity) {
            history.removeFirst();
        }
        for (Subscription s : subscriptions) {
            s.offer(change);
        }
    }

    /** The published changes after {@code after}, or empty when they are no longer all kept. */
    public synchronized Optional<List<Change>> since(long after) {
        if (after > revision) {
            return Optional.empty();
        }
        if (after == revision) {
            return Optional.of(List.of());
        }
        if (history.isEmpty() || history.peekFirst().revision() > after + 1) {
            return Optional.empty();
        }
        List<Change> out = new ArrayList<>();
        for (Change c : history) {
            if (c.revision() > after) {
                out.add(c);
            }
        }
        return Optional.of(out);
    }

    /**
     * Subscribes to the changes after revision {@code after}: the kept ones are delivered first,
     * then each as it is published. Empty when the changes after it are no longer all kept.
     */
    public synchronized Optional<Subscription> subscribe(long after, Subscriber subscriber) {
        Optional<List<Change>> missed = since(after);
        if (missed.isEmpty()) {
            return Optional.empty();
        }
        Subscription s = new Subscription(after, subscriber);
        subscriptions.add(s);
        missed.get().forEach(s::offer);
        return Optional.of(s);
    }

    public synchronized int subscribers() {
        return subscriptions.size();
    }

    private synchronized void remove(Subscription s) {
        subscriptions.remove(s);
    }

    /** One subscriber's place in the feed. */
    public final class Subscription {
        private final Subscriber subscriber;
        private final Deque<Change> pending = new ArrayDeque<>();
        /** Per workload uuid, the change queued while lagging that supersedes its earlier ones. */
        private final Map<String, Change> latest = new HashMap<>();
        private long seen;
        private boolean draining;
        private boolean lagged;
        private boolean ended;

        private Subscription(long after, Subscriber subscriber) {
            this.seen = after;
            this.subscriber = subscriber;
        }

        /** No more changes are delivered after the one being delivered now. */
        public void cancel() {
            synchronized (this) {
                ended = true;
                pending.clear();
                latest.clear();
            }
            remove(this);
        }

        /** The subscriber is ready again: delivery goes on. */
        public void resume() {
            synchronized (this) {
                if (draining || (pending.isEmpty() && !lagged)) {
                    return;
                }
                draining = true;
            }
            delivery.execute(this::drain);
        }

        private synchronized void offer(Change change) {
            if (ended || change.revision() <= seen) {
                return;
            }
            seen = change.revision();
            if (pending.size() >= buffer) {
                pending.removeIf(this::superseded);
            }
            if (pending.size() >= buffer) {
                lagged = true;
                ended = true;
                pending.clear();
                latest.clear();
            } else {
                if (pending.size() >= COALESCE_BEHIND) {
                    latest.put(change.workload().getUuid(), change);
                }
                pending.addLast(change);
            }
            if (!draining) {
                draining = true;
                delivery.execute(this::drain);
            }
        }

        private boolean superseded(Change change) {
            Change newer = latest.get(change.workload().getUuid());
            return newer != null && newer.revision() > change.revision();
        }

        /** The next changes to deliver, at most the subscriber's limit; called holding this. */
        private List<Change> nextBatch() {
            int limit = Math.max(1, subscriber.batchLimit());
            List<Change> batch = new ArrayList<>(Math.min(limit, pending.size()));
            for (Change next = nextToDeliver(); next != null; next = batch.size() < limit ? nextToDeliver() : null) {
                batch.add(next);
            }
            return batch;
        }

        /** The next change to deliver, skipping superseded ones; called holding this. */
        private Change nextToDeliver() {
            Change next = pending.pollFirst();
            while (next != null && superseded(next)) {
                next = pending.pollFirst();
            }
            if (next != null) {
                latest.remove(next.workload().getUuid(), next);
            }
            return next;
        }

        private void drain() {
            while (true) {
                boolean tellLagged;
                synchronized (this) {
                    tellLagged = lagged;
                    lagged = false;
                    if (!tellLagged && pending.isEmpty()) {
                        draining = false;
                        return;
                    }
                }
                if (tellLagged) {
                    remove(this);
                    subscriber.lagged();
                    synchronized (this) {
                        draining = false;
                    }
                    return;
                }
                if (!subscriber.ready()) {
                    synchronized (this) {
                        draining = false;
                    }
                    if (subscriber.ready()) {
                        resume();
                    }
                    return;
                }
                List<Change> next;
                synchronized (this) {
                    next = nextBatch();
                    if (next.isEmpty()) {
                        draining = false;
                        return;
                    }
                }
                if (!subscriber.accept(next)) {
                    cancel();
                }
            }
        }
    }
}
