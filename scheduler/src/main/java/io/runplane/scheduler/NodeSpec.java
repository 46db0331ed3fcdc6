package io.runplane.scheduler;

import java.util.List;
import java.util.Map;

/**
 * One node as the scheduler sees it: whole GPU devices plus CPU and memory.
 *
 * @param foreignPods what pods of other schedulers use on the node; it is neither capacity nor a victim
 */
public record NodeSpec(
        String name,
        String pool,
        int gpus,
        long gpuMemoryMiB,
        long cpuMillis,
        long memoryMiB,
        Map<String, String> labels,
        List<Taint> taints,
        boolean unschedulable,
        List<ForeignPod> foreignPods) {

    public NodeSpec {
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
        foreignPods = List.copyOf(foreignPods);
    }

    /** A node that only Runplane schedules onto. */
    public NodeSpec(String name, String pool, int gpus, long gpuMemoryMiB, long cpuMillis, long memoryMiB,
                    Map<String, String> labels, List<Taint> taints, boolean unschedulable) {
        this(name, pool, gpus, gpuMemoryMiB, cpuMillis, memoryMiB, labels, taints, unschedulable, List.of());
    }

    public static NodeSpec of(String name, String pool, int gpus) {
        return new NodeSpec(name, pool, gpus, 81_920, 64_000, 524_288, Map.of(), List.of(), false);
    }
}
