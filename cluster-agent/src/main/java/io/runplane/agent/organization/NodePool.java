package io.runplane.agent.organization;

import java.util.Set;

/**
 * A node pool: the nodes labelled {@code labelKey=labelValue}, and how the scheduler places work
 * in it ({@code binpack} or {@code spread}, for GPUs and for CPUs). With {@code workloadsPerGpu} of 2
 * or more the node-level scheduler spreads fractions over a node's GPUs, at most that many per GPU,
 * and moves them onto fewer GPUs when a whole-GPU workload needs one (0, as older files have, is 1).
 */
public record NodePool(String name, String labelKey, String labelValue, String gpuPlacement, String cpuPlacement,
                       int workloadsPerGpu) {

    public static final Set<String> PLACEMENTS = Set.of("binpack", "spread");
    public static final int MAX_WORKLOADS_PER_GPU = 5;
    /** The label every simulated node carries with the pool its cluster file puts it in. */
    public static final String CLUSTER_FILE_LABEL = "runplane.io/node-pool";

    public NodePool {
        gpuPlacement = gpuPlacement == null || gpuPlacement.isEmpty() ? "binpack" : gpuPlacement;
        cpuPlacement = cpuPlacement == null || cpuPlacement.isEmpty() ? "binpack" : cpuPlacement;
        workloadsPerGpu = workloadsPerGpu == 0 ? 1 : workloadsPerGpu;
    }

    /** A pool without the node-level scheduler. */
    public NodePool(String name, String labelKey, String labelValue, String gpuPlacement, String cpuPlacement) {
        this(name, labelKey, labelValue, gpuPlacement, cpuPlacement, 1);
    }

    public boolean selects(java.util.Map<String, String> nodeLabels) {
        return labelValue.equals(nodeLabels.get(labelKey));
    }
}
