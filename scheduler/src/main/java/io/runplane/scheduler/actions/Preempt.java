package io.runplane.scheduler.actions;

import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.framework.Action;
import io.runplane.scheduler.framework.Session;


/**
 * Inside one project, evicts preemptible jobs of strictly lower priority so that a pending job of
 * higher priority runs; the lowest priority, youngest victims first.
 */
public final class Preempt implements Action {

    @Override
    public String name() {
        return "preempt";
    }

    @Override
    public void execute(Session session) {
        VictimSearch search = new VictimSearch(session, session.preemptRules(), Eviction.Kind.PREEMPTED,
                (queue, pool) -> 0, claimant -> "preempted by higher-priority workload " + claimant.name
                + " (priority " + claimant.priority + ")");
        for (JobInfo job : session.jobsWaiting()) {
            search.run(job, "preempt:");
        }
    }
}
