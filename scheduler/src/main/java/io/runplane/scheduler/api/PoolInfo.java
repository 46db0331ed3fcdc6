package io.runplane.scheduler.api;

import io.runplane.scheduler.NodePoolSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * A node pool with its schedulable nodes indexed by free whole GPUs (one intrusive list per count)
 * and a list of nodes whose devices host fractions, so placement never scans the whole pool. A node
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

    private NodeInfo[] bucketHeads = new NodeInfo[1];
    private NodeInfo[] bucketTails = new NodeInfo[1];
    private NodeInfo sharedHead;
    private double largestDeviceMemoryMiB;
    private double freeGpus;
    private long version;

    public PoolInfo(int index, NodePoolSpec spec) {
        this.index = index;
        this.name = spec.name();
        this.gpuBinpack = spec.gpuPlacement() == NodePoolSpec.Placement.BINPACK;
        this.cpuBinpack = spec.cpuPlacement() == NodePoolSpec.Placement.BINPACK;
    }

    public void addNode(NodeInfo node) {
        nodes.add(node);
        if (!node.schedulable) {
            return;
        }
        if (node.gpuCount >= bucketHeads.length) {
            bucketHeads = java.util.Arrays.copyOf(bucketHeads, node.gpuCount + 1);
            bucketTails = java.util.Arrays.copyOf(bucketTails, node.gpuCount + 1);
        }
        capacity[ResourceKind.GPU] += node.gpuCount;
        capacity[ResourceKind.CPU] += node.cpuCapacity;
        capacity[ResourceKind.MEMORY] += node.memoryCapacity;
        largestDeviceMemoryMiB = Math.max(largestDeviceMemoryMiB, node.gpuMemoryMiB);
        freeGpus += node.gpuCount;
        link(node);
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

    public NodeInfo firstShared() {
        return sharedHead;
    }

    public static NodeInfo nextInBucket(NodeInfo node) {
        return node.bucketNext;
    }

    public static NodeInfo nextShared(NodeInfo node) {
        return node.sharedNext;
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
        unlink(node);
        node.add(devices, share, cpu, memory);
        if (node.schedulable) {
            freeGpus -= devices.length * share;
        }
        link(node);
        version++;
    }

    public void remove(NodeInfo node, int[] devices, double share, double cpu, double memory) {
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
        if (node.hasSharedDevices()) {
            node.inSharedList = true;
            node.sharedPrev = null;
            node.sharedNext = sharedHead;
            if (sharedHead != null) {
                sharedHead.sharedPrev = node;
            }
            sharedHead = node;
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
        if (node.inSharedList) {
            if (node.sharedPrev != null) {
                node.sharedPrev.sharedNext = node.sharedNext;
            } else {
                sharedHead = node.sharedNext;
            }
            if (node.sharedNext != null) {
                node.sharedNext.sharedPrev = node.sharedPrev;
            }
            node.inSharedList = false;
            node.sharedPrev = null;
            node.sharedNext = null;
        }
    }
}
