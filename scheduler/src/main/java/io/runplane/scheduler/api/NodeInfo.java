package io.runplane.scheduler.api;

import io.runplane.scheduler.ForeignPod;
import io.runplane.scheduler.NodeSpec;
import io.runplane.scheduler.Taint;

import java.util.List;
import java.util.Map;

/** A node with its per-device GPU usage and free CPU and memory, kept current by the session. */
public final class NodeInfo {

    public final int index;
    public final String name;
    public final PoolInfo pool;
    public final Map<String, String> labels;
    public final List<Taint> taints;
    public final boolean schedulable;
    public final int gpuCount;
    public final double gpuMemoryMiB;
    public final double cpuCapacity;
    public final double memoryCapacity;
    /** What pods of other schedulers hold here, per resource: taken from the node, never from a queue. */
    public final double[] foreignUse = new double[ResourceKind.COUNT];
    /** Whether idle fractions' GPU memory may be swapped out here, so that a device's fractions sum above 1. */
    public final boolean swapEnabled;
    /** The swap capacity in shares of a device; infinite when the node reserves no fixed amount. */
    public final double swapShares;

    private final double[] deviceUsed;
    private final boolean[] heldByForeignPod;
    /** Fractions per device, kept only in a pool with the node-level scheduler. */
    private final int[] fractions;
    private final int fractionLimit;
    /** Memory lent to dynamic fractions, per device, as the session opened; null while none is. */
    private double[] borrowed;
    private int freeWholeGpus;
    private int sharedDevices;
    private double cpuUsed;
    private double memoryUsed;

    int bucket = -1;
    NodeInfo bucketPrev;
    NodeInfo bucketNext;
    int cpuBucket = -1;
    NodeInfo cpuPrev;
    NodeInfo cpuNext;
    int sharedBucket = -1;
    NodeInfo sharedPrev;
    NodeInfo sharedNext;

    public NodeInfo(int index, NodeSpec spec, PoolInfo pool) {
        this.index = index;
        this.name = spec.name();
        this.pool = pool;
        this.labels = spec.labels();
        this.taints = spec.taints();
        this.schedulable = !spec.unschedulable();
        this.gpuCount = spec.gpus();
        this.gpuMemoryMiB = spec.gpuMemoryMiB();
        this.cpuCapacity = spec.cpuMillis();
        this.memoryCapacity = spec.memoryMiB();
        this.deviceUsed = new double[gpuCount];
        this.heldByForeignPod = new boolean[gpuCount];
        this.fractionLimit = pool.workloadsPerGpu;
        this.fractions = pool.nodeLevel() ? new int[gpuCount] : null;
        this.swapEnabled = spec.swapEnabled();
        this.swapShares = spec.swapMiB() > 0 ? spec.swapMiB() / (double) spec.gpuMemoryMiB() : Double.POSITIVE_INFINITY;
        this.freeWholeGpus = gpuCount;
        for (ForeignPod pod : spec.foreignPods()) {
            holdForeign(pod);
        }
    }

    private void holdForeign(ForeignPod pod) {
        for (int device : pod.gpuIndices()) {
            if (device < 0 || device >= gpuCount || deviceUsed[device] + pod.gpuShare() > 1 + ResourceKind.EPSILON) {
                throw new IllegalArgumentException("node " + name + ": pod " + pod.name()
                        + " of another scheduler holds device " + device + ", which does not exist or is full");
            }
            changeDevice(device, pod.gpuShare());
            heldByForeignPod[device] = true;
            foreignUse[ResourceKind.GPU] += pod.gpuShare();
        }
        cpuUsed += pod.cpuMillis();
        memoryUsed += pod.memoryMiB();
        foreignUse[ResourceKind.CPU] += pod.cpuMillis();
        foreignUse[ResourceKind.MEMORY] += pod.memoryMiB();
    }

    public int freeWholeGpus() {
        return freeWholeGpus;
    }

    public double freeCpu() {
        return cpuCapacity - cpuUsed;
    }

    public double freeMemory() {
        return memoryCapacity - memoryUsed;
    }

    public double deviceUsed(int device) {
        return deviceUsed[device];
    }

    /** Whether a pod of another scheduler holds (part of) the device: moving Runplane's pods cannot free it. */
    public boolean heldByForeignPod(int device) {
        return heldByForeignPod[device];
    }

    public boolean hasSharedDevices() {
        return sharedDevices > 0;
    }

    /** The most room left on a device that already hosts fractions; 0 if none does. */
    public double largestSharedRoom() {
        double room = 0;
        for (double used : deviceUsed) {
            if (isShared(used)) {
                room = Math.max(room, 1 - used);
            }
        }
        return room;
    }

    public double freeGpuTotal() {
        double free = 0;
        for (double used : deviceUsed) {
            free += 1 - used;
        }
        return free;
    }

    public boolean fitsCpuAndMemory(double cpu, double memory) {
        return cpu <= freeCpu() + ResourceKind.EPSILON && memory <= freeMemory() + ResourceKind.EPSILON;
    }

    /** The GPU share a task asks of one device here: its portion, or its memory over device memory. */
    public double shareOf(TaskInfo task) {
        return task.gpuMemoryMiB > 0 ? Math.min(1.0, task.gpuMemoryMiB / gpuMemoryMiB) : task.gpuFraction;
    }

    /**
     * A device that already hosts fractions and has room for {@code share}: the fullest one for
     * binpack, the emptiest for spread; -1 if none.
     */
    public int sharedDeviceFor(double share, boolean binpack) {
        if (borrowed != null) {
            int free = sharedDeviceFor(share, binpack, true);
            return free >= 0 ? free : sharedDeviceFor(share, binpack, false);
        }
        int best = -1;
        for (int d = 0; d < gpuCount; d++) {
            double used = deviceUsed[d];
            if (used <= ResourceKind.EPSILON || used + share > 1 + ResourceKind.EPSILON || atFractionLimit(d)) {
                continue;
            }
            if (best < 0 || (binpack ? used > deviceUsed[best] : used < deviceUsed[best])) {
                best = d;
            }
        }
        return best;
    }

    /** Like {@link #sharedDeviceFor(double, boolean)}, only among devices whose lent memory is free enough. */
    private int sharedDeviceFor(double share, boolean binpack, boolean withoutReturn) {
        int best = -1;
        for (int d = 0; d < gpuCount; d++) {
            double used = deviceUsed[d];
            if (used <= ResourceKind.EPSILON || used + share > 1 + ResourceKind.EPSILON || atFractionLimit(d)
                    || withoutReturn && needsLentMemory(d, share)) {
                continue;
            }
            if (best < 0 || (binpack ? used > deviceUsed[best] : used < deviceUsed[best])) {
                best = d;
            }
        }
        return best;
    }

    /** Whether the device holds as many fractions as the node-level scheduler allows. */
    public boolean atFractionLimit(int device) {
        return fractions != null && fractions[device] >= fractionLimit;
    }

    /** How many fractions the device holds; 0 unless the pool has the node-level scheduler. */
    public int fractionsOn(int device) {
        return fractions == null ? 0 : fractions[device];
    }

    /**
     * The node-level scheduler's device for a fraction: the least used device with room for
     * {@code share} and below the limit of fractions, idle devices included, so that fractions
     * spread over the node; -1 if none.
     */
    public int spreadDeviceFor(double share) {
        int best = -1;
        for (int d = 0; d < gpuCount; d++) {
            double used = deviceUsed[d];
            if (used + share > 1 + ResourceKind.EPSILON || atFractionLimit(d) || heldByForeignPod[d]) {
                continue;
            }
            if (best < 0 || used < deviceUsed[best] - ResourceKind.EPSILON) {
                best = d;
            }
        }
        return best;
    }

    /** GPU memory swapped out on this node now, in shares of a device: what the devices hold above their whole. */
    public double swappedShares() {
        double swapped = 0;
        for (double used : deviceUsed) {
            if (used > 1) {
                swapped += used - 1;
            }
        }
        return swapped;
    }

    /**
     * Records memory of the device that a running dynamic fraction uses above its request, as the
     * session opens; placement then prefers devices where a new request needs none of it back.
     */
    public void lend(int device, double amount) {
        if (borrowed == null) {
            borrowed = new double[gpuCount];
        }
        borrowed[device] += amount;
    }

    /** Forgets the memory lent on this node, before the running fractions of a new session are recorded. */
    public void clearLent() {
        borrowed = null;
    }

    /** Whether running dynamic fractions on this node borrowed memory above their requests when the session opened. */
    public boolean lends() {
        return borrowed != null;
    }

    /** Whether placing {@code share} on the device needs memory back that running fractions borrowed. */
    public boolean needsLentMemory(int device, double share) {
        return borrowed != null && deviceUsed[device] + borrowed[device] + share > 1 + ResourceKind.EPSILON;
    }

    /** Fills {@code into} with the first {@code count} idle devices. */
    public void idleDevices(int count, int[] into) {
        int found = 0;
        for (int d = 0; d < gpuCount && found < count; d++) {
            if (deviceUsed[d] <= ResourceKind.EPSILON) {
                into[found++] = d;
            }
        }
    }

    void add(int[] devices, double share, double cpu, double memory) {
        for (int device : devices) {
            changeDevice(device, share);
        }
        if (fractions != null && share < 1 && devices.length == 1) {
            fractions[devices[0]]++;
        }
        cpuUsed += cpu;
        memoryUsed += memory;
    }

    void remove(int[] devices, double share, double cpu, double memory) {
        for (int device : devices) {
            changeDevice(device, -share);
        }
        if (fractions != null && share < 1 && devices.length == 1) {
            fractions[devices[0]]--;
        }
        cpuUsed -= cpu;
        memoryUsed -= memory;
    }

    private void changeDevice(int device, double delta) {
        double before = deviceUsed[device];
        double after = before + delta;
        if (Math.abs(after) < ResourceKind.EPSILON) {
            after = 0;
        }
        deviceUsed[device] = after;
        boolean idleBefore = before <= ResourceKind.EPSILON;
        boolean idleAfter = after <= ResourceKind.EPSILON;
        if (idleBefore != idleAfter) {
            freeWholeGpus += idleAfter ? 1 : -1;
        }
        boolean sharedBefore = isShared(before);
        boolean sharedAfter = isShared(after);
        if (sharedBefore != sharedAfter) {
            sharedDevices += sharedAfter ? 1 : -1;
        }
    }

    private static boolean isShared(double used) {
        return used > ResourceKind.EPSILON && used < 1 - ResourceKind.EPSILON;
    }

    @Override
    public String toString() {
        return name;
    }
}
