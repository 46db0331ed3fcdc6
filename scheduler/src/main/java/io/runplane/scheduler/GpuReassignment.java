package io.runplane.scheduler;

import java.util.List;

/**
 * The node-level scheduler moves a running fraction to another device of its node, without a
 * restart, to free a whole device for a whole-GPU task.
 */
public record GpuReassignment(String job, String task, String node, List<Integer> fromGpuIndices,
                              List<Integer> toGpuIndices) {

    public GpuReassignment {
        fromGpuIndices = List.copyOf(fromGpuIndices);
        toGpuIndices = List.copyOf(toGpuIndices);
    }
}
