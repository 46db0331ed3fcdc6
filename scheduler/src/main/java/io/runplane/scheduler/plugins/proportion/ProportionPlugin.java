package io.runplane.scheduler.plugins.proportion;

import io.runplane.scheduler.TimeBasedFairness;
import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.api.QueueInfo;
import io.runplane.scheduler.api.ResourceKind;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.api.TaskStatus;
import io.runplane.scheduler.framework.AllocationCheck;
import io.runplane.scheduler.framework.Plugin;
import io.runplane.scheduler.framework.QueueRank;
import io.runplane.scheduler.framework.Session;
import io.runplane.scheduler.framework.VictimRule;

import java.util.ArrayList;
import java.util.List;

import static io.runplane.scheduler.api.ResourceKind.EPSILON;
import static io.runplane.scheduler.api.ResourceKind.format;
import static io.runplane.scheduler.api.ResourceKind.label;

/**
 * Fair share of departments and projects per pool and resource, the queue order that follows it,
 * limits and the in-quota rule for non-preemptible work, and the two reclaim strategies.
 */
public final class ProportionPlugin implements Plugin {

    private static final double[] NO_REQUEST = new double[ResourceKind.COUNT];

    /** Null unless the time-based fairness variant is on. */
    private final UsageHistory usage;

    public ProportionPlugin() {
        this.usage = null;
    }

    /** With the time-based fairness variant: past usage moves the over-quota weights. */
    public ProportionPlugin(TimeBasedFairness timeBasedFairness) {
        this.usage = new UsageHistory(timeBasedFairness);
    }

    @Override
    public void onSessionOpen(Session session) {
        computeRequests(session);
        if (usage != null) {
            usage.record(session.nowMillis, session.pools, session.queues);
        }
        computeFairShares(session, usage);
        session.setQueueRanking((queue, job) -> rank(session, queue, job));
        session.addAllocationCheck(new AllocationCheck() {
            @Override
            public String refusal(JobInfo job, PoolInfo pool, double[] request) {
                return limitRefusal(job, request);
            }

            @Override
            public boolean allows(JobInfo job, PoolInfo pool, double[] request) {
                return withinLimits(job, request);
            }

            @Override
            public boolean liftedByPreemption() {
                return true;
            }
        });
        session.addAllocationCheck(new AllocationCheck() {
            @Override
            public String refusal(JobInfo job, PoolInfo pool, double[] request) {
                return quotaRefusal(job, pool, request);
            }

            @Override
            public boolean allows(JobInfo job, PoolInfo pool, double[] request) {
                return withinQuota(job, pool, request);
            }
        });
        String[] withinFairShare = new String[session.queues.size()];
        session.addReclaimRule(new VictimRule() {
            @Override
            public String queueRefusal(JobInfo claimant, double[] request, QueueInfo victimQueue, PoolInfo pool) {
                return reclaimQueueRefusal(claimant, request, victimQueue, pool, withinFairShare);
            }

            @Override
            public String refusal(JobInfo claimant, double[] request, JobInfo victim, double[] charge, PoolInfo pool) {
                return reclaimRefusal(claimant, request, victim, charge, pool, withinFairShare);
            }
        });
    }

    static void computeRequests(Session session) {
        double[] charge = new double[ResourceKind.COUNT];
        for (QueueInfo queue : session.queues) {
            for (int p = 0; p < session.pools.size(); p++) {
                System.arraycopy(queue.allocated[p], 0, queue.requested[p], 0, ResourceKind.COUNT);
            }
        }
        for (TaskInfo task : session.pendingAtOpen) {
            if (task.status != TaskStatus.PENDING) {
                continue;
            }
            List<PoolInfo> pools = session.poolsFor(task.job);
            for (int i = 0, n = pools.size(); i < n; i++) {
                PoolInfo pool = pools.get(i);
                task.charge(pool, charge);
                for (QueueInfo q = task.job.queue; q != null; q = q.parent) {
                    for (int r = 0; r < ResourceKind.COUNT; r++) {
                        q.requested[pool.index][r] += charge[r];
                    }
                }
            }
        }
    }

    static void computeFairShares(Session session, UsageHistory usage) {
        List<QueueInfo> departments = new ArrayList<>();
        for (QueueInfo queue : session.queues) {
            if (queue.parent == null) {
                departments.add(queue);
            }
        }
        for (PoolInfo pool : session.pools) {
            for (int r = 0; r < ResourceKind.COUNT; r++) {
                FairShare.divide(departments, pool.index, r, pool.capacity[r],
                        usage == null ? null : usage.weights(departments, r));
                for (QueueInfo department : departments) {
                    if (!department.isLeaf()) {
                        FairShare.divide(department.children, pool.index, r, department.fairShare[pool.index][r],
                                usage == null ? null : usage.weights(department.children, r));
                    }
                }
            }
        }
    }

    private static QueueRank rank(Session session, QueueInfo queue, JobInfo job) {
        double[] request = job == null ? NO_REQUEST : session.nextTurnRequest(job);
        boolean over = false;
        boolean beyondDeserved = false;
        double dominant = 0;
        for (int r = 0; r < ResourceKind.COUNT; r++) {
            double allocated = queue.allocatedTotal(r);
            double fair = queue.fairShareTotal(r);
            double deserved = queue.deservedTotal(r);
            over |= allocated > fair + EPSILON;
            beyondDeserved |= deserved >= 0 && allocated + request[r] > deserved + EPSILON;
            double used = allocated + request[r];
            if (used <= EPSILON) {
                continue;
            }
            double share = deserved < 0 ? Double.POSITIVE_INFINITY : Math.max(deserved, fair);
            if (queue.limit[r] >= 0) {
                share = Math.min(share, queue.limit[r]);
            }
            double value = share <= EPSILON ? 1e6 + used : used / share;
            dominant = Math.max(dominant, value);
        }
        return new QueueRank(over, beyondDeserved, queue.priority, dominant, queue.index);
    }

    private static boolean withinLimits(JobInfo job, double[] request) {
        for (QueueInfo q = job.queue; q != null; q = q.parent) {
            for (int r = 0; r < ResourceKind.COUNT; r++) {
                if (exceedsLimit(q, r, request)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean exceedsLimit(QueueInfo q, int r, double[] request) {
        return q.limit[r] >= 0 && request[r] > EPSILON && q.allocatedTotal(r) + request[r] > q.limit[r] + EPSILON;
    }

    private static String limitRefusal(JobInfo job, double[] request) {
        for (QueueInfo q = job.queue; q != null; q = q.parent) {
            for (int r = 0; r < ResourceKind.COUNT; r++) {
                if (exceedsLimit(q, r, request)) {
                    return kind(q) + " " + q.name + " would exceed its " + label(r) + " limit ("
                            + format(q.limit[r]) + "): it holds " + format(q.allocatedTotal(r))
                            + " and the workload needs " + format(request[r]);
                }
            }
        }
        return null;
    }

    /** Non-preemptible work runs only within deserved quota: of its project and of the project's department. */
    private static boolean withinQuota(JobInfo job, PoolInfo pool, double[] request) {
        if (job.preemptible) {
            return true;
        }
        for (QueueInfo q = job.queue; q != null; q = q.parent) {
            for (int r = 0; r < ResourceKind.COUNT; r++) {
                if (exceedsQuota(q, pool.index, r, request)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean exceedsQuota(QueueInfo q, int p, int r, double[] request) {
        double deserved = q.deserved[p][r];
        return deserved >= 0 && request[r] > EPSILON && q.allocatedNonPreemptible[p][r] + request[r] > deserved + EPSILON;
    }

    private static String quotaRefusal(JobInfo job, PoolInfo pool, double[] request) {
        if (job.preemptible) {
            return null;
        }
        int p = pool.index;
        for (QueueInfo q = job.queue; q != null; q = q.parent) {
            for (int r = 0; r < ResourceKind.COUNT; r++) {
                double deserved = q.deserved[p][r];
                if (exceedsQuota(q, p, r, request)) {
                    return "non-preemptible workload needs " + format(request[r]) + " " + label(r)
                            + " within quota, but " + kind(q) + " " + q.name + " has " + format(Math.max(0,
                            deserved - q.allocatedNonPreemptible[p][r])) + " of its " + format(deserved)
                            + " deserved " + label(r) + " left in pool " + pool.name;
                }
            }
        }
        return null;
    }

    private static String reclaimQueueRefusal(JobInfo claimant, double[] request, QueueInfo victimQueue,
                                              PoolInfo pool, String[] withinFairShare) {
        if (victimQueue == claimant.queue) {
            return "reclaim takes from other projects only";
        }
        String claimantRefusal = overFairShareRefusal(claimant, request, victimQueue, pool);
        if (claimantRefusal != null) {
            return claimantRefusal;
        }
        // the claimant's and the victim's queues where they part: projects of one department, or departments
        boolean sameDepartment = claimant.queue.parent == victimQueue.parent;
        QueueInfo mine = sameDepartment ? claimant.queue : top(claimant.queue);
        QueueInfo theirs = sameDepartment ? victimQueue : top(victimQueue);
        int p = pool.index;
        boolean claimantWithinDeserved = withinDeserved(claimant.queue, p, request) && withinDeserved(mine, p, request);
        for (int r = 0; r < ResourceKind.COUNT; r++) {
            double deserved = theirs.deserved[p][r];
            if (theirs.allocated[p][r] > theirs.allocatableShare(p, r) + EPSILON
                    || claimantWithinDeserved && deserved >= 0 && theirs.allocated[p][r] > deserved + EPSILON) {
                return null;
            }
        }
        return withinFairShare(theirs, withinFairShare);
    }

    private static String reclaimRefusal(JobInfo claimant, double[] request, JobInfo victim, double[] victimCharge,
                                         PoolInfo pool, String[] withinFairShare) {
        if (victim.queue == claimant.queue) {
            return "reclaim takes from other projects only";
        }
        if (!victim.preemptible) {
            return "victim is not preemptible";
        }
        String claimantRefusal = overFairShareRefusal(claimant, request, victim.queue, pool);
        if (claimantRefusal != null) {
            return claimantRefusal;
        }
        // the claimant's and the victim's queues where they part: projects of one department, or departments
        boolean sameDepartment = claimant.queue.parent == victim.queue.parent;
        QueueInfo mine = sameDepartment ? claimant.queue : top(claimant.queue);
        QueueInfo theirs = sameDepartment ? victim.queue : top(victim.queue);
        int p = pool.index;
        for (int r = 0; r < ResourceKind.COUNT; r++) {
            if (victimCharge[r] > EPSILON && theirs.allocated[p][r] > theirs.allocatableShare(p, r) + EPSILON) {
                return null;
            }
        }
        if (withinDeserved(claimant.queue, p, request) && withinDeserved(mine, p, request)) {
            for (int r = 0; r < ResourceKind.COUNT; r++) {
                double deserved = theirs.deserved[p][r];
                if (victimCharge[r] > EPSILON && deserved >= 0 && theirs.allocated[p][r] > deserved + EPSILON) {
                    return null;
                }
            }
        }
        return withinFairShare(theirs, withinFairShare);
    }

    /** The refusal for a victim queue that keeps what it has, written once per queue and session. */
    private static String withinFairShare(QueueInfo queue, String[] messages) {
        if (messages[queue.index] == null) {
            messages[queue.index] = kind(queue) + " " + queue.name + " is within its fair share";
        }
        return messages[queue.index];
    }

    /** The claimant's queues that do not also hold the victim must stay within their fair share. */
    private static String overFairShareRefusal(JobInfo claimant, double[] request, QueueInfo victimQueue,
                                               PoolInfo pool) {
        int p = pool.index;
        for (QueueInfo q = claimant.queue; q != null && q != victimQueue.parent; q = q.parent) {
            for (int r = 0; r < ResourceKind.COUNT; r++) {
                if (request[r] > EPSILON && q.allocated[p][r] + request[r] > q.fairShare[p][r] + EPSILON) {
                    return kind(q) + " " + q.name + " would go over its fair share of " + label(r) + " ("
                            + format(q.fairShare[p][r]) + ") in pool " + pool.name;
                }
            }
        }
        return null;
    }

    private static boolean withinDeserved(QueueInfo queue, int pool, double[] request) {
        for (int r = 0; r < ResourceKind.COUNT; r++) {
            double deserved = queue.deserved[pool][r];
            if (request[r] > EPSILON && deserved >= 0 && queue.allocated[pool][r] + request[r] > deserved + EPSILON) {
                return false;
            }
        }
        return true;
    }

    private static QueueInfo top(QueueInfo queue) {
        return queue.parent == null ? queue : queue.parent;
    }

    private static String kind(QueueInfo queue) {
        return queue.isLeaf() ? "project" : "department";
    }
}
