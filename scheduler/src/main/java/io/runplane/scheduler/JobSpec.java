package io.runplane.scheduler;

import java.util.List;
import java.util.Map;

/**
 * A gang of tasks submitted together to one leaf queue.
 *
 * @param minMember   how many tasks must run together (the gang size)
 * @param nodePools   ordered pool preference; empty = every pool
 * @param submitOrder creation order, lower is older
 */
public record JobSpec(
        String name,
        String queue,
        int priority,
        boolean preemptible,
        int minMember,
        List<String> nodePools,
        Map<String, String> nodeSelector,
        List<Toleration> tolerations,
        long submitOrder,
        List<TaskSpec> tasks) {

    public JobSpec {
        nodePools = List.copyOf(nodePools);
        nodeSelector = Map.copyOf(nodeSelector);
        tolerations = List.copyOf(tolerations);
        tasks = List.copyOf(tasks);
    }
}
