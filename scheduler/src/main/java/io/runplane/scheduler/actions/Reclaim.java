package io.runplane.scheduler.actions;

import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.QueueInfo;
import io.runplane.scheduler.framework.Action;
import io.runplane.scheduler.framework.Session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
                VictimSearch::overShare, claimant -> "reclaimed by project " + claimant.queue.name + " (workload "
                + claimant.name + ") to restore its fair share");
        List<JobInfo> claimants = new ArrayList<>(session.jobsWaiting());
        Map<QueueInfo, Boolean> overFairShare = new HashMap<>();
        for (JobInfo job : claimants) {
            overFairShare.computeIfAbsent(job.queue, queue -> session.rank(queue, null).overFairShare());
        }
        claimants.sort(Comparator.comparing(job -> overFairShare.get(job.queue)));
        for (JobInfo job : claimants) {
            if (!search.run(job, "reclaim:") && search.lastRefusal() != null && job.pendingReason != null
                    && search.lastRefusal().contains("would go over its fair share")) {
                job.pendingReason = job.pendingReason.followedBy("; cannot reclaim: " + search.lastRefusal());
            }
        }
    }
}
