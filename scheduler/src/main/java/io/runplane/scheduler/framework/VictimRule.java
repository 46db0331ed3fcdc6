package io.runplane.scheduler.framework;

import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.api.QueueInfo;

/** Decides whether a running job's tasks may be evicted so that a pending job can run. */
@FunctionalInterface
public interface VictimRule {

    /**
     * Why nothing of {@code victimQueue} may be taken for {@code claimant}'s {@code request} in
     * {@code pool} now, or null; a cheap test before the queue's jobs are looked at one by one.
     */
    default String queueRefusal(JobInfo claimant, double[] request, QueueInfo victimQueue, PoolInfo pool) {
        return null;
    }

    /**
     * Why {@code victim} may not lose {@code victimCharge} for {@code claimant}'s {@code request} in
     * {@code pool}, or null if it may; checked again before every eviction.
     */
    String refusal(JobInfo claimant, double[] request, JobInfo victim, double[] victimCharge, PoolInfo pool);
}
