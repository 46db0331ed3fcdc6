package io.runplane.scheduler;

/**
 * A node pool and how tasks are placed inside it.
 *
 * @param workloadsPerGpu the node-level scheduler: with 2 or more, fractions are spread over a node's
 *                        devices, at most this many per device, and re-packed onto fewer devices when a
 *                        whole-GPU task needs one (see {@link GpuReassignment}); 1 turns it off
 */
public record NodePoolSpec(String name, Placement gpuPlacement, Placement cpuPlacement, int workloadsPerGpu) {

    public enum Placement { BINPACK, SPREAD }

    public NodePoolSpec {
        if (workloadsPerGpu < 1) {
            throw new IllegalArgumentException("node pool " + name + ": workloadsPerGpu must be 1 or more");
        }
    }

    /** A pool without the node-level scheduler. */
    public NodePoolSpec(String name, Placement gpuPlacement, Placement cpuPlacement) {
        this(name, gpuPlacement, cpuPlacement, 1);
    }

    public static NodePoolSpec binpack(String name) {
        return new NodePoolSpec(name, Placement.BINPACK, Placement.BINPACK);
    }
}
