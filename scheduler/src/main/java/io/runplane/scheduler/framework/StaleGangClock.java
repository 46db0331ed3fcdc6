package io.runplane.scheduler.framework;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Remembers, across cycles, since when each running gang has been below its minimum, keyed by job
 * name, so that stale gang eviction can wait out its grace period.
 */
public final class StaleGangClock {

    private final long graceMillis;
    private final Map<String, Long> belowMinimumSince = new HashMap<>();
    private final Set<String> seenThisCycle = new HashSet<>();

    public StaleGangClock(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    public long graceMillis() {
        return graceMillis;
    }

    /** Notes that the job is below its minimum now; returns for how long it has been. */
    public long belowMinimum(String job, long nowMillis) {
        seenThisCycle.add(job);
        long since = belowMinimumSince.computeIfAbsent(job, name -> nowMillis);
        return nowMillis - since;
    }

    /** Forgets jobs not reported since the last call, and the evicted ones. */
    public void endCycle(Set<String> evicted) {
        belowMinimumSince.keySet().removeIf(job -> !seenThisCycle.contains(job) || evicted.contains(job));
        seenThisCycle.clear();
    }
}
