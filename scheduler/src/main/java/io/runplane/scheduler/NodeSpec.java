package io.runplane.scheduler;

import java.util.List;
import java.util.Map;

/**
 * One node as the scheduler sees it: whole GPU devices plus CPU and memory.
 *
 * @param foreignPods what pods of other schedulers use on the node; it is neither capacity nor a victim
 * @param swapMiB     on a node labelled {@value #SWAP_LABEL}{@code =true}: the CPU memory reserved for
 *                    GPU memory swapped out of idle fractions (0 = no limit)
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
        List<ForeignPod> foreignPods,
        long swapMiB) {

    /** The label that lets idle fractions' GPU memory be swapped out to CPU memory on a node. */
    public static final String SWAP_LABEL = "run.ai/swap-enabled";

    public NodeSpec {
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
        foreignPods = List.copyOf(foreignPods);
    }

    /** A node without memory reserved for swap. */
    public NodeSpec(String name, String pool, int gpus, long gpuMemoryMiB, long cpuMillis, long memoryMiB,
                    Map<String, String> labels, List<Taint> taints, boolean unschedulable, List<ForeignPod> foreignPods) {
        this(name, pool, gpus, gpuMemoryMiB, cpuMillis, memoryMiB, labels, taints, unschedulable, foreignPods, 0);
    }

    /** Whether GPU memory of idle fractions may be swapped out here, so that a device is over-committed. */
    public boolean swapEnabled() {
        return "true".equals(labels.get(SWAP_LABEL));
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
