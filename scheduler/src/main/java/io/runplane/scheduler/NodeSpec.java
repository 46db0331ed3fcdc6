package io.runplane.scheduler;

import java.util.List;
import java.util.Map;

/** One node as the scheduler sees it: whole GPU devices plus CPU and memory. */
public record NodeSpec(
        String name,
        String pool,
        int gpus,
        long gpuMemoryMiB,
        long cpuMillis,
        long memoryMiB,
        Map<String, String> labels,
        List<Taint> taints,
        boolean unschedulable) {

    public NodeSpec {
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
    }

    public static NodeSpec of(String name, String pool, int gpus) {
        return new NodeSpec(name, pool, gpus, 81_920, 64_000, 524_288, Map.of(), List.of(), false);
    }
}
