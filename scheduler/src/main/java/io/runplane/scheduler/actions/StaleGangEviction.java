package io.runplane.scheduler.actions;

import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.PendingReason;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.framework.Action;
import io.runplane.scheduler.framework.Session;
import io.runplane.scheduler.framework.StaleGangClock;
import io.runplane.scheduler.plugins.gang.GangPlugin;

import java.util.HashSet;
import java.util.Set;

/**
 * Evicts, whole, a gang that has run below its minimum for longer than the grace period: its pods
 * hold resources while the workload cannot make progress.
 */
public final class StaleGangEviction implements Action {

    @Override
    public String name() {
        return "stale-gang-eviction";
    }

    @Override
    public void execute(Session session) {
        StaleGangClock clock = session.staleGangClock;
        Set<String> evicted = new HashSet<>();
        for (JobInfo job : session.gangs()) {
            if (!GangPlugin.belowMinimum(job)) {
                continue;
            }
            long belowFor = clock.belowMinimum(job.name, session.nowMillis);
            if (belowFor < clock.graceMillis()) {
                String running = "gang has " + job.active + " of its " + job.minMember + " required pods running; ";
                job.pendingReason = job.pendingReason == null ? PendingReason.of(running + "waiting for the rest")
                        : job.pendingReason.prefixed(running);
                continue;
            }
            String reason = "gang had " + job.active + " of its " + job.minMember + " required pods running for "
                    + belowFor / 1000 + " s (grace period " + clock.graceMillis() / 1000 + " s)";
            for (TaskInfo task : job.tasks) {
                if (task.status.holdsResources()) {
                    session.statement.evict(task, Eviction.Kind.STALE_GANG, reason);
                }
            }
            session.statement.commit();
            job.pendingReason = PendingReason.of(reason);
            evicted.add(job.name);
        }
        clock.endCycle(evicted);
    }
}
