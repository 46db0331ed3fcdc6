package io.runplane.scheduler.actions;

import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.framework.Action;
import io.runplane.scheduler.framework.Session;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes resources back across queues for jobs of queues under their fair share: victims are
 * preemptible jobs of queues above the share they may keep, or above their deserved quota while the
 * claimant stays within its own. The queue most over its share gives first, its lowest-priority,
 * youngest job first.
 */
public final class Reclaim implements Action {

    private static final byte UNDER = 1;
    private static final byte OVER = 2;

    @Override
    public String name() {
        return "reclaim";
    }

    @Override
    public void execute(Session session) {
        VictimSearch search = new VictimSearch(session, session.reclaimRules(), Eviction.Kind.RECLAIMED,
                VictimSearch::overShare, claimant -> "reclaimed by project " + claimant.queue.name + " (workload "
                + claimant.name + ") to restore its fair share");
        for (JobInfo job : claimants(session)) {
            if (!search.run(job, "reclaim:") && search.lastRefusal() != null && job.pendingReason != null
                    && search.lastRefusal().contains("would go over its fair share")) {
                job.pendingReason = job.pendingReason.followedBy("; cannot reclaim: " + search.lastRefusal());
            }
        }
    }

    /** The waiting jobs in job order, those of queues at or under their fair share first. */
    private static List<JobInfo> claimants(Session session) {
        List<JobInfo> waiting = session.jobsWaiting();
        byte[] overFairShare = new byte[session.queues.size()];
        List<JobInfo> claimants = new ArrayList<>(waiting.size());
        List<JobInfo> overShare = new ArrayList<>();
        for (JobInfo job : waiting) {
            if (overFairShare[job.queue.index] == 0) {
                overFairShare[job.queue.index] = session.rank(job.queue, null).overFairShare() ? OVER : UNDER;
            }
            (overFairShare[job.queue.index] == OVER ? overShare : claimants).add(job);
        }
        claimants.addAll(overShare);
        return claimants;
    }
}
