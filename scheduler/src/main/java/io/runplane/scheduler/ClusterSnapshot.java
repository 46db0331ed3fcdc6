package io.runplane.scheduler;

import java.util.List;

/** Everything one scheduling cycle looks at. */
public record ClusterSnapshot(
        List<NodePoolSpec> pools,
        List<NodeSpec> nodes,
        List<QueueSpec> queues,
        List<JobSpec> jobs,
        long nowMillis) {

    public ClusterSnapshot {
        pools = List.copyOf(pools);
        nodes = List.copyOf(nodes);
        queues = List.copyOf(queues);
        jobs = List.copyOf(jobs);
    }
}
