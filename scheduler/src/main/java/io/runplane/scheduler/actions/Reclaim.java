package io.runplane.scheduler.actions;

import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.framework.Action;
import io.runplane.scheduler.framework.Session;

import java.util.Comparator;
import java.util.List;

/**
 * Takes resources back across queues for jobs of queues under their fair share: victims are
 * preemptible jobs of queues above the share they may keep, or above their deserved quota while the
 * claimant stays within its own. The queue most over its share gives first, its lowest-priority,
 * youngest job first.
 */
public final class Reclaim implements Action {

    @Override
    public String name() {
        return "reclaim";
    }

    @Override
    public void execute(Session session) {
        VictimSearch search = new VictimSearch(session, session.reclaimRules(), Eviction.Kind.RECLAIMED,
                Reclaim::victimOrder, claimant -> "reclaimed by project " + claimant.queue.name + " (workload "
                + claimant.name + ") to restore its fair share");
        List<JobInfo> claimants = session.jobsWaiting();
        claimants.sort(Comparator.<JobInfo, Boolean>comparing(job -> overFairShare(session, job))
                .thenComparing(session.jobOrder()));
        for (JobInfo job : claimants) {
            if (!search.run(job, "reclaim:") && search.lastRefusal() != null && job.pendingReason != null
                    && search.lastRefusal().contains("would go over its fair share")) {
                job.pendingReason += "; cannot reclaim: " + search.lastRefusal();
            }
        }
    }

    private static boolean overFairShare(Session session, JobInfo job) {
        return session.rank(job.queue, job).overFairShare();
    }

    private static int victimOrder(JobInfo a, JobInfo b, io.runplane.scheduler.api.PoolInfo pool) {
        int byShare = Double.compare(VictimSearch.overShare(b.queue, pool), VictimSearch.overShare(a.queue, pool));
        if (byShare != 0) {
            return byShare;
        }
        if (a.priority != b.priority) {
            return Integer.compare(a.priority, b.priority);
        }
        return Long.compare(b.submitOrder, a.submitOrder);
    }
}
