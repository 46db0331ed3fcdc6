package io.runplane.scheduler;

import io.runplane.scheduler.framework.Action;
import io.runplane.scheduler.framework.KnownJobs;
import io.runplane.scheduler.framework.Plugin;
import io.runplane.scheduler.framework.Session;
import io.runplane.scheduler.framework.SessionFactory;
import io.runplane.scheduler.framework.SessionResults;
import io.runplane.scheduler.framework.StaleGangClock;

import java.time.Duration;
import java.util.List;

/**
 * Runs one scheduling cycle over a snapshot and returns its decisions: allocate, consolidation,
 * reclaim, preempt and stale gang eviction, in that order, with fair share recomputed first.
 *
 * <p>Keep one instance for the life of the cluster and call {@link #cycle} periodically from one
 * thread: between cycles it remembers since when each gang has been below its minimum (by job
 * name), for the stale gang grace period, and the jobs of the last cycle. Decisions come from the
 * snapshot alone; a job whose {@link JobSpec} is the same object as in the last snapshot, on the
 * same {@link NodePoolSpec}, {@link NodeSpec} and {@link QueueSpec} objects, is reused instead of
 * built again, so a caller that keeps the records of unchanged jobs gets a cheaper cycle.
 */
public final class Scheduler {

    /** How long a running gang may stay below its minimum before it is evicted. */
    public static final Duration DEFAULT_STALE_GANG_GRACE = Duration.ofSeconds(60);

    private final StaleGangClock staleGangClock;
    private final List<Plugin> plugins;
    private final List<Action> actions = SchedulingPipeline.actions();
    private final KnownJobs knownJobs = new KnownJobs();

    public Scheduler() {
        this(DEFAULT_STALE_GANG_GRACE);
    }

    public Scheduler(Duration staleGangGrace) {
        this(staleGangGrace, null);
    }

    /**
     * A scheduler with the time-based fairness variant when {@code timeBasedFairness} is not null
     * (off by default): it remembers each queue's allocation cycle by cycle, on the snapshots' clock.
     */
    public Scheduler(Duration staleGangGrace, TimeBasedFairness timeBasedFairness) {
        this.staleGangClock = new StaleGangClock(staleGangGrace.toMillis());
        this.plugins = SchedulingPipeline.plugins(timeBasedFairness);
    }

    /**
     * Decides one cycle.
     *
     * @throws IllegalArgumentException if the snapshot is inconsistent (unknown queue, pool or node,
     *                                  a job in a department, duplicate names)
     */
    public synchronized CycleResult cycle(ClusterSnapshot snapshot) {
        Session session = SessionFactory.open(snapshot, staleGangClock, plugins, knownJobs);
        for (Action action : actions) {
            action.execute(session);
        }
        return SessionResults.of(session);
    }
}
