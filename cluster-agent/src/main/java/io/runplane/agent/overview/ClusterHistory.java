package io.runplane.agent.overview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded history of cluster figures in memory: every sample of the last {@value #FINE_POINTS}
 * steps, and before them the averages of {@value #STEPS_PER_BUCKET} consecutive steps for
 * {@value #BUCKETS} buckets. At the default step of 15 s that is one hour of samples and 5-minute
 * averages over the 24 hours before. Recording is constant time; a restart starts a new history.
 */
public final class ClusterHistory {

    static final int FINE_POINTS = 240;
    static final int STEPS_PER_BUCKET = 20;
    static final int BUCKETS = 288;

    private final Duration step;
    private final ArrayDeque<ClusterPoint> fine = new ArrayDeque<>(FINE_POINTS + 1);
    private final ArrayDeque<ClusterPoint> coarse = new ArrayDeque<>(BUCKETS + 1);
    /** Samples of the bucket being filled, which have already left {@link #fine}. */
    private final List<ClusterPoint> filling = new ArrayList<>(STEPS_PER_BUCKET);
    private long fillingBucket = Long.MIN_VALUE;

    public ClusterHistory(Duration step) {
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive, got " + step);
        }
        this.step = step;
    }

    public Duration step() {
        return step;
    }

    /** How far back the history reaches once full. */
    public Duration span() {
        return step.multipliedBy((long) FINE_POINTS + (long) STEPS_PER_BUCKET * BUCKETS);
    }

    /** Adds a sample; samples come in time order (an older one than the newest kept is ignored). */
    public synchronized void record(ClusterPoint point) {
        if (!fine.isEmpty() && !point.time().isAfter(fine.peekLast().time())) {
            return;
        }
        fine.addLast(point);
        if (fine.size() > FINE_POINTS) {
            demote(fine.removeFirst());
        }
    }

    private void demote(ClusterPoint old) {
        long bucket = Math.floorDiv(old.time().toEpochMilli(), step.toMillis() * STEPS_PER_BUCKET);
        if (bucket != fillingBucket && !filling.isEmpty()) {
            closeBucket();
        }
        fillingBucket = bucket;
        filling.add(old);
    }

    private void closeBucket() {
        coarse.addLast(ClusterPoint.average(bucketStart(), filling));
        filling.clear();
        if (coarse.size() > BUCKETS) {
            coarse.removeFirst();
        }
    }

    private Instant bucketStart() {
        return Instant.ofEpochMilli(fillingBucket * step.toMillis() * STEPS_PER_BUCKET);
    }

    /** The points kept in [from, to], oldest first: bucket averages, then the bucket being filled, then samples. */
    public synchronized List<ClusterPoint> between(Instant from, Instant to) {
        List<ClusterPoint> out = new ArrayList<>();
        for (ClusterPoint p : coarse) {
            add(out, p, from, to);
        }
        if (!filling.isEmpty()) {
            add(out, ClusterPoint.average(bucketStart(), filling), from, to);
        }
        for (ClusterPoint p : fine) {
            add(out, p, from, to);
        }
        return out;
    }

    /** When the oldest point kept was taken; {@code otherwise} before the first sample. */
    public synchronized Instant oldest(Instant otherwise) {
        if (!coarse.isEmpty()) {
            return coarse.peekFirst().time();
        }
        if (!filling.isEmpty()) {
            return bucketStart();
        }
        return fine.isEmpty() ? otherwise : fine.peekFirst().time();
    }

    private static void add(List<ClusterPoint> out, ClusterPoint p, Instant from, Instant to) {
        if (!p.time().isBefore(from) && !p.time().isAfter(to)) {
            out.add(p);
        }
    }
}
