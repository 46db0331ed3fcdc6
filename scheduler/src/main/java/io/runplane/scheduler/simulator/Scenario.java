package io.runplane.scheduler.simulator;

import io.runplane.scheduler.JobSpec;
import io.runplane.scheduler.NodePoolSpec;
import io.runplane.scheduler.NodeSpec;
import io.runplane.scheduler.QueueSpec;
import io.runplane.scheduler.TimeBasedFairness;

import java.util.List;

/**
 * A validated scenario: the cluster, its queues and workloads (running tasks carry their node),
 * and how many cycles of how many simulated seconds to run.
 *
 * @param timeBasedFairness the time-based fairness variant; null = off
 */
public record Scenario(
        int rounds,
        long roundSeconds,
        long staleGangGraceSeconds,
        List<NodePoolSpec> pools,
        List<NodeSpec> nodes,
        List<QueueSpec> queues,
        List<JobSpec> workloads,
        TimeBasedFairness timeBasedFairness) {

    public static final int DEFAULT_ROUNDS = 10;
    public static final long DEFAULT_ROUND_SECONDS = 10;

    public Scenario {
        pools = List.copyOf(pools);
        nodes = List.copyOf(nodes);
        queues = List.copyOf(queues);
        workloads = List.copyOf(workloads);
    }

    /** A scenario without time-based fairness. */
    public Scenario(int rounds, long roundSeconds, long staleGangGraceSeconds, List<NodePoolSpec> pools,
                    List<NodeSpec> nodes, List<QueueSpec> queues, List<JobSpec> workloads) {
        this(rounds, roundSeconds, staleGangGraceSeconds, pools, nodes, queues, workloads, null);
    }
}
