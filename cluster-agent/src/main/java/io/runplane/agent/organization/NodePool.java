package io.runplane.agent.organization;

import java.util.Set;

/**
 * A node pool: the nodes labelled {@code labelKey=labelValue}, and how the scheduler places work
 * in it ({@code binpack} or {@code spread}, for GPUs and for CPUs).
 */
public record NodePool(String name, String labelKey, String labelValue, String gpuPlacement, String cpuPlacement) {

    public static final Set<String> PLACEMENTS = Set.of("binpack", "spread");
    /** The label every simulated node carries with the pool its cluster file puts it in. */
    public static final String CLUSTER_FILE_LABEL = "runplane.io/node-pool";

    public NodePool {
        gpuPlacement = gpuPlacement == null || gpuPlacement.isEmpty() ? "binpack" : gpuPlacement;
        cpuPlacement = cpuPlacement == null || cpuPlacement.isEmpty() ? "binpack" : cpuPlacement;
    }

    public boolean selects(java.util.Map<String, String> nodeLabels) {
        return labelValue.equals(nodeLabels.get(labelKey));
    }
}
