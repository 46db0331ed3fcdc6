package io.runplane.agent.scheduling;

import io.runplane.scheduler.ClusterSnapshot;
import io.runplane.scheduler.CycleResult;
import io.runplane.scheduler.Scheduler;

/** One scheduling cycle over a snapshot; the agent holds one long-lived scheduler behind it. */
@FunctionalInterface
public interface SchedulingCycle {

    CycleResult run(ClusterSnapshot snapshot);

    static SchedulingCycle of(Scheduler scheduler) {
        return scheduler::cycle;
    }
}
