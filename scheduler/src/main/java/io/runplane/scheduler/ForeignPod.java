package io.runplane.scheduler;

import java.util.List;

/**
 * A pod on a node that another scheduler placed (another {@code schedulerName}). It uses the node's
 * resources like a running task but belongs to no queue: Runplane never places onto what it holds
 * and never evicts it.
 *
 * @param gpuIndices the devices it holds
 * @param gpuShare   the share of each of those devices it holds (1 for whole devices)
 */
public record ForeignPod(String name, List<Integer> gpuIndices, double gpuShare, long cpuMillis, long memoryMiB) {

    public ForeignPod {
        gpuIndices = List.copyOf(gpuIndices);
    }
}
