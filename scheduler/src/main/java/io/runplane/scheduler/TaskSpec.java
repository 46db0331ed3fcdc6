package io.runplane.scheduler;

import java.util.Optional;

/**
 * One pod of a job. {@code gpu} is whole devices (an integer >= 1), a fraction of one device
 * (0 < gpu < 1), or 0 with {@code gpuMemoryMiB} set for a memory-sized fraction.
 * {@code bound} is present when the task already runs on a node.
 *
 * @param gpuLimit dynamic fractions: the share of the device the task may burst to (0 = same as
 *                 the request). The task is placed and charged by its request; the span up to the
 *                 limit is lent and reported, never reserved.
 * @param gpuInUse dynamic fractions: the share of its device a running task uses now (0 = unknown).
 *                 What it uses above its request is borrowed: when a task placed on the device
 *                 needs its request, borrowers give the memory back by being evicted.
 * @param idle     a running fraction that uses its device not at all now: on a swap-enabled node its
 *                 GPU memory may be swapped out, letting the device's fractions sum above 1
 */
public record TaskSpec(
        String name,
        double gpu,
        long gpuMemoryMiB,
        long cpuMillis,
        long memoryMiB,
        Optional<Binding.Placement> bound,
        double gpuLimit,
        double gpuInUse,
        boolean idle) {

    /** A task that is not known to be idle. */
    public TaskSpec(String name, double gpu, long gpuMemoryMiB, long cpuMillis, long memoryMiB,
                    Optional<Binding.Placement> bound, double gpuLimit, double gpuInUse) {
        this(name, gpu, gpuMemoryMiB, cpuMillis, memoryMiB, bound, gpuLimit, gpuInUse, false);
    }

    /** A task whose current GPU use is not known. */
    public TaskSpec(String name, double gpu, long gpuMemoryMiB, long cpuMillis, long memoryMiB,
                    Optional<Binding.Placement> bound, double gpuLimit) {
        this(name, gpu, gpuMemoryMiB, cpuMillis, memoryMiB, bound, gpuLimit, 0);
    }

    /** A task without a dynamic GPU limit. */
    public TaskSpec(String name, double gpu, long gpuMemoryMiB, long cpuMillis, long memoryMiB,
                    Optional<Binding.Placement> bound) {
        this(name, gpu, gpuMemoryMiB, cpuMillis, memoryMiB, bound, 0);
    }

    public static TaskSpec pending(String name, double gpu) {
        return new TaskSpec(name, gpu, 0, 0, 0, Optional.empty());
    }

    public boolean isBound() {
        return bound.isPresent();
    }
}
