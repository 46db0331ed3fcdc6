package io.runplane.scheduler.api;

import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.TaskSpec;

import java.util.Arrays;

/** One task and its state in the session: where it runs now and where it ran at the start. */
public final class TaskInfo {

    private static final int[] NO_DEVICES = new int[0];

    /** Position in the session's task list. */
    public int index;
    public final String name;
    public final JobInfo job;
    /** Whole devices; 0 for a fraction or a CPU-only task. */
    public final int wholeGpus;
    /** Share of one device for a portion-sized fraction; 0 otherwise. */
    public final double gpuFraction;
    /** Device memory for a memory-sized fraction; 0 otherwise. */
    public final double gpuMemoryMiB;
    public final double gpuLimit;
    /** The share of its device a running dynamic fraction uses now; above {@link #share} it is borrowed. */
    public final double gpuInUse;
    /** A running fraction that does not use its device now: on a swap-enabled node its memory may be swapped out. */
    public final boolean idle;
    public final double cpu;
    public final double memory;
    /** Where the task runs when the session opens; null for a pending task. */
    public NodeInfo initialNode;

    public TaskStatus status;
    public NodeInfo node;
    public int[] devices = NO_DEVICES;
    public int[] initialDevices = NO_DEVICES;
    public double initialShare;
    /** The share of each of {@link #devices} the task holds. */
    public double share;
    public Eviction.Kind evictionKind;
    public String evictionReason;
    private String placementShape;

    public TaskInfo(int index, JobInfo job, TaskSpec spec, NodeInfo initialNode) {
        this.index = index;
        this.name = spec.name();
        this.job = job;
        boolean whole = spec.gpu() >= 1;
        this.wholeGpus = whole ? (int) spec.gpu() : 0;
        this.gpuFraction = whole ? 0 : spec.gpu();
        this.gpuMemoryMiB = whole ? 0 : spec.gpuMemoryMiB();
        this.gpuLimit = spec.gpuLimit();
        this.gpuInUse = spec.gpuInUse();
        this.idle = spec.idle();
        this.cpu = spec.cpuMillis();
        this.memory = spec.memoryMiB();
        this.initialNode = initialNode;
        this.status = initialNode == null ? TaskStatus.PENDING : TaskStatus.RUNNING;
    }

    /**
     * Puts the task back as the snapshot shows it, for a new session that reuses it: at
     * {@code position} in the task list, on the session's object for its initial node.
     */
    public void reopen(int position, NodeInfo startNode) {
        index = position;
        initialNode = startNode;
        status = startNode == null ? TaskStatus.PENDING : TaskStatus.RUNNING;
        node = startNode;
        devices = initialDevices;
        share = initialShare;
        evictionKind = null;
        evictionReason = null;
    }

    public boolean isFraction() {
        return gpuFraction > 0 || gpuMemoryMiB > 0;
    }

    public boolean needsGpu() {
        return wholeGpus > 0 || isFraction();
    }

    /** GPUs this task is charged on {@code node}, or for a pending task, in {@code pool}. */
    public double gpuCharge(NodeInfo on, PoolInfo pool) {
        if (wholeGpus > 0) {
            return wholeGpus;
        }
        if (gpuMemoryMiB > 0) {
            double deviceMemory = on != null ? on.gpuMemoryMiB : pool.deviceMemoryMiB();
            return Math.min(1.0, gpuMemoryMiB / deviceMemory);
        }
        return gpuFraction;
    }

    /** What the task holds (when placed) or would hold in {@code pool}, into {@code amounts}. */
    public void charge(PoolInfo pool, double[] amounts) {
        amounts[ResourceKind.GPU] = node != null ? devices.length * share : gpuCharge(null, pool);
        amounts[ResourceKind.CPU] = cpu;
        amounts[ResourceKind.MEMORY] = memory;
    }

    /**
     * Identifies tasks that fit the same nodes: the same request, node selector and tolerations
     * (amounts by their bits: equal amounts, equal keys, without formatting a decimal).
     */
    public String placementShape() {
        if (placementShape == null) {
            placementShape = new StringBuilder(96).append(wholeGpus).append('|')
                    .append(Double.doubleToLongBits(gpuFraction)).append('|')
                    .append(Double.doubleToLongBits(gpuMemoryMiB)).append('|')
                    .append(Double.doubleToLongBits(cpu)).append('|')
                    .append(Double.doubleToLongBits(memory)).append('|')
                    .append(job.filtersKey()).toString();
        }
        return placementShape;
    }

    /** Whether the task ends the cycle somewhere else than it started (or not at all), by a restart. */
    public boolean movedOrEvicted() {
        return initialNode != null && (status == TaskStatus.RELEASING || node != initialNode
                || status != TaskStatus.RUNNING && !Arrays.equals(devices, initialDevices));
    }

    /** Whether the node-level scheduler moved the running task to other devices of its node, without a restart. */
    public boolean reassigned() {
        return status == TaskStatus.RUNNING && !Arrays.equals(devices, initialDevices);
    }

    @Override
    public String toString() {
        return job.name + "/" + name;
    }
}
