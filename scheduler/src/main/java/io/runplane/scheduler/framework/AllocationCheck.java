package io.runplane.scheduler.framework;

import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.PoolInfo;

/** Decides whether a queue may take more resources for a job in a pool, whatever the nodes. */
@FunctionalInterface
public interface AllocationCheck {

    /** Why {@code request} may not be added for {@code job} in {@code pool}, or null if it may. */
    String refusal(JobInfo job, PoolInfo pool, double[] request);

    /**
     * Whether {@code request} may be added, exactly when {@link #refusal} is null; a check asked
     * often (trial placements) overrides it to answer without writing the refusal.
     */
    default boolean allows(JobInfo job, PoolInfo pool, double[] request) {
        return refusal(job, pool, request) == null;
    }

    /** Whether evicting preemptible jobs of the same queue can lift a refusal (a limit can, an in-quota rule cannot). */
    default boolean liftedByPreemption() {
        return false;
    }
}
