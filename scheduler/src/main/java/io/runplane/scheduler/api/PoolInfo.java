package io.runplane.scheduler.api;

import io.runplane.scheduler.NodePoolSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A node pool with its schedulable nodes indexed by free whole GPUs (one intrusive list per count)
 * and its nodes whose devices host fractions indexed by the room left on them, so placement never
 * scans the whole pool; CPU-only tasks use a third index, by free CPU. A node
 * that changes goes to the front of its list in a binpack pool (keep filling it) and to the back
 * in a spread pool (take turns).
 */
public final class PoolInfo {

    public final int index;
    public final String name;
    public final boolean gpuBinpack;
    public final boolean cpuBinpack;
    public final List<NodeInfo> nodes = new ArrayList<>();
    public final double[] capacity = new double[ResourceKind.COUNT];
    /** The node-level scheduler's limit of fractions per device; 1 when it is off. */
    public final int workloadsPerGpu;
    /** Schedulable nodes where idle fractions' GPU memory may be swapped out; empty for most pools. */
    public final List<NodeInfo> swapNodes = new ArrayList<>();
    /** This pool as a one-element preference list. */
    public final List<PoolInfo> alone = List.of(this);

    private NodeInfo[] bucketHeads = new NodeInfo[1];
    private NodeInfo[] bucketTails = new NodeInfo[1];
    /** Nodes with shared devices, by the room left on their emptiest shared device, in steps of 1/ROOM_STEPS. */
    public static final int ROOM_STEPS = 20;

    private final NodeInfo[] sharedHeads = new NodeInfo[ROOM_STEPS];
    /** Nodes by free CPU, as a share of the node's CPU, in steps of 1/CPU_STEPS. */
    public static final int CPU_STEPS = 32;

    private final NodeInfo[] cpuHeads = new NodeInfo[CPU_STEPS];
    private double largestCpuCapacity;
    private boolean indexed;
    private double largestDeviceMemoryMiB;
    private double freeGpus;
    private long version;

    public PoolInfo(int index, NodePoolSpec spec) {
        this.index = index;
        this.name = spec.name();
        this.gpuBinpack = spec.gpuPlacement() == NodePoolSpec.Placement.BINPACK;
        this.cpuBinpack = spec.cpuPlacement() == NodePoolSpec.Placement.BINPACK;
        this.workloadsPerGpu = spec.workloadsPerGpu();
    }

    /** Whether the node-level scheduler spreads and re-packs fractions on this pool's nodes. */
    public boolean nodeLevel() {
        return workloadsPerGpu > 1;
    }

    public void addNode(NodeInfo node) {
        nodes.add(node);
        if (!node.schedulable) {
            return;
        }
        if (node.swapEnabled) {
            swapNodes.add(node);
        }
        if (node.gpuCount >= bucketHeads.length) {
            bucketHeads = Arrays.copyOf(bucketHeads, node.gpuCount + 1);
            bucketTails = Arrays.copyOf(bucketTails, node.gpuCount + 1);
        }
        capacity[ResourceKind.GPU] += node.gpuCount - node.foreignUse[ResourceKind.GPU];
        capacity[ResourceKind.CPU] += node.cpuCapacity - node.foreignUse[ResourceKind.CPU];
        capacity[ResourceKind.MEMORY] += node.memoryCapacity - node.foreignUse[ResourceKind.MEMORY];
        largestDeviceMemoryMiB = Math.max(largestDeviceMemoryMiB, node.gpuMemoryMiB);
        largestCpuCapacity = Math.max(largestCpuCapacity, node.cpuCapacity);
    }

    /** Builds the indexes once the running tasks are loaded; from then on every change keeps them current. */
    public void indexNodes() {
        for (NodeInfo node : nodes) {
            if (node.schedulable) {
                freeGpus += node.freeGpuTotal();
                link(node);
            }
        }
        indexed = true;
    }

    /** Counts what a node that is not schedulable already runs, so fair share covers it. */
    public void addCapacityInUse(double[] amounts) {
        for (int r = 0; r < ResourceKind.COUNT; r++) {
            capacity[r] += amounts[r];
        }
    }

    public int maxGpusPerNode() {
        return bucketHeads.length - 1;
    }

    /** The first schedulable node with exactly {@code freeWholeGpus} idle devices, or null. */
    public NodeInfo firstWithFreeGpus(int freeWholeGpus) {
        return freeWholeGpus < bucketHeads.length ? bucketHeads[freeWholeGpus] : null;
    }

    /** The first node whose roomiest shared device has room in [step/ROOM_STEPS, (step+1)/ROOM_STEPS). */
    public NodeInfo firstSharedWithRoom(int step) {
        return sharedHeads[step];
    }

    public static int roomStep(double room) {
        return Math.max(0, Math.min(ROOM_STEPS - 1, (int) Math.floor(room * ROOM_STEPS + ResourceKind.EPSILON)));
    }

    public static NodeInfo nextInBucket(NodeInfo node) {
        return node.bucketNext;
    }

    public static NodeInfo nextShared(NodeInfo node) {
        return node.sharedNext;
    }

    /** The first node whose free CPU share is in [step/CPU_STEPS, (step+1)/CPU_STEPS). */
    public NodeInfo firstWithFreeCpu(int step) {
        return cpuHeads[step];
    }

    public static NodeInfo nextByCpu(NodeInfo node) {
        return node.cpuNext;
    }

    /** The lowest CPU step in which a node could have {@code cpu} millicores free. */
    public int cpuStepFor(double cpu) {
        return largestCpuCapacity <= 0 ? 0 : cpuStep(cpu / largestCpuCapacity);
    }

    private static int cpuStep(double share) {
        return Math.max(0, Math.min(CPU_STEPS - 1, (int) Math.floor(share * CPU_STEPS + ResourceKind.EPSILON)));
    }

    /** Device memory used to size a pending memory-based fraction before it has a node. */
    public double deviceMemoryMiB() {
        return largestDeviceMemoryMiB > 0 ? largestDeviceMemoryMiB : 81_920;
    }

    public double freeGpus() {
        return freeGpus;
    }

    /** Changes whenever anything in the pool is placed or released. */
    public long version() {
        return version;
    }

    public void add(NodeInfo node, int[] devices, double share, double cpu, double memory) {
        if (!indexed) {
            node.add(devices, share, cpu, memory);
            return;
        }
        unlink(node);
        node.add(devices, share, cpu, memory);
        if (node.schedulable) {
            freeGpus -= devices.length * share;
        }
        link(node);
        version++;
    }

    public void remove(NodeInfo node, int[] devices, double share, double cpu, double memory) {
        if (!indexed) {
            node.remove(devices, share, cpu, memory);
            return;
        }
        unlink(node);
        node.remove(devices, share, cpu, memory);
        if (node.schedulable) {
            freeGpus += devices.length * share;
        }
        link(node);
        version++;
    }

    private void link(NodeInfo node) {
        if (!node.schedulable) {
            return;
        }
        int bucket = node.freeWholeGpus();
        node.bucket = bucket;
        if (gpuBinpack || bucketTails[bucket] == null) {
            node.bucketPrev = null;
            node.bucketNext = bucketHeads[bucket];
            if (node.bucketNext != null) {
                node.bucketNext.bucketPrev = node;
            } else {
                bucketTails[bucket] = node;
            }
            bucketHeads[bucket] = node;
        } else {
            node.bucketPrev = bucketTails[bucket];
            node.bucketNext = null;
            bucketTails[bucket].bucketNext = node;
            bucketTails[bucket] = node;
        }
        int cpu = cpuStep(node.cpuCapacity <= 0 ? 0 : node.freeCpu() / node.cpuCapacity);
        node.cpuBucket = cpu;
        node.cpuPrev = null;
        node.cpuNext = cpuHeads[cpu];
        if (node.cpuNext != null) {
            node.cpuNext.cpuPrev = node;
        }
        cpuHeads[cpu] = node;
        if (node.hasSharedDevices()) {
            int step = roomStep(node.largestSharedRoom());
            node.sharedBucket = step;
            node.sharedPrev = null;
            node.sharedNext = sharedHeads[step];
            if (node.sharedNext != null) {
                node.sharedNext.sharedPrev = node;
            }
            sharedHeads[step] = node;
        }
    }

    private void unlink(NodeInfo node) {
        if (node.bucket < 0) {
            return;
        }
        if (node.bucketPrev != null) {
            node.bucketPrev.bucketNext = node.bucketNext;
        } else {
            bucketHeads[node.bucket] = node.bucketNext;
        }
        if (node.bucketNext != null) {
            node.bucketNext.bucketPrev = node.bucketPrev;
        } else {
            bucketTails[node.bucket] = node.bucketPrev;
        }
        node.bucket = -1;
        node.bucketPrev = null;
        node.bucketNext = null;
        if (node.cpuPrev != null) {
            node.cpuPrev.cpuNext = node.cpuNext;
        } else {
            cpuHeads[node.cpuBucket] = node.cpuNext;
        }
        if (node.cpuNext != null) {
            node.cpuNext.cpuPrev = node.cpuPrev;
        }
        node.cpuBucket = -1;
        node.cpuPrev = null;
        node.cpuNext = null;
        if (node.sharedBucket >= 0) {
            if (node.sharedPrev != null) {
                node.sharedPrev.sharedNext = node.sharedNext;
            } else {
                sharedHeads[node.sharedBucket] = node.sharedNext;
            }
            if (node.sharedNext != null) {
                node.sharedNext.sharedPrev = node.sharedPrev;
            }
            node.sharedBucket = -1;
            node.sharedPrev = null;
            node.sharedNext = null;
        }
    }
}
