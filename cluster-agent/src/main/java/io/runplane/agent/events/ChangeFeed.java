package io.runplane.agent.events;

import io.runplane.api.v1.Workload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The revisioned stream of workload changes behind Watch: every change gets the next revision, the
 * latest ones are kept so a reconnecting client can resume, and subscribers receive changes as they
 * are published. Not thread-safe: its owner serializes access.
 */
public final class ChangeFeed {

    public enum Kind { UPSERTED, DELETED }

    public record Change(long revision, Kind kind, Workload workload) {
    }

    /** Receives changes; returns false once it no longer wants them (its stream ended). */
    public interface Subscriber {
        boolean accept(Change change);
    }

    private final int capacity;
    private final Deque<Change> history = new ArrayDeque<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private long revision;

    public ChangeFeed(long startRevision, int capacity) {
        this.revision = startRevision;
        this.capacity = capacity;
    }

    public long revision() {
        return revision;
    }

    public long nextRevision() {
        return ++revision;
    }

    /** Records a change made at the revision last handed out by {@link #nextRevision()}. */
    public void publish(Kind kind, Workload workload) {
        Change change = new Change(revision, kind, workload);
        history.addLast(change);
        if (history.size() > capacity) {
            history.removeFirst();
        }
        subscribers.removeIf(s -> !s.accept(change));
    }

    /** The changes after {@code revision}, or empty when they are no longer all kept. */
    public Optional<List<Change>> since(long after) {
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

    public void subscribe(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    public int subscribers() {
        return subscribers.size();
    }
}
