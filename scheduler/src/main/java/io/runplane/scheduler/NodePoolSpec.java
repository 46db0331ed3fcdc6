package io.runplane.scheduler;

/** A node pool and how tasks are placed inside it. */
public record NodePoolSpec(String name, Placement gpuPlacement, Placement cpuPlacement) {

    public enum Placement { BINPACK, SPREAD }

    public static NodePoolSpec binpack(String name) {
        return new NodePoolSpec(name, Placement.BINPACK, Placement.BINPACK);
    }
}
