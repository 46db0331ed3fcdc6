package io.runplane.scheduler;

import java.util.Optional;

/**
 * One pod of a job. {@code gpu} is whole devices (an integer >= 1), a fraction of one device
 * (0 < gpu < 1), or 0 with {@code gpuMemoryMiB} set for a memory-sized fraction.
 * {@code bound} is present when the task already runs on a node.
 */
public record TaskSpec(
        String name,
        double gpu,
        long gpuMemoryMiB,
        long cpuMillis,
        long memoryMiB,
        Optional<Binding.Placement> bound) {

    public static TaskSpec pending(String name, double gpu) {
        return new TaskSpec(name, gpu, 0, 0, 0, Optional.empty());
    }

    public boolean isBound() {
        return bound.isPresent();
    }
}
