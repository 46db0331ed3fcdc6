package io.runplane.scheduler;

import java.util.List;

/** A decision to run one task of a job on a node, on the given GPU devices. */
public record Binding(String job, String task, Placement placement) {

    /** Where a task runs: the node, the device indices and the share of each device it holds. */
    public record Placement(String node, List<Integer> gpuIndices, double gpuFraction) {
        public Placement {
            gpuIndices = List.copyOf(gpuIndices);
        }
    }
}
