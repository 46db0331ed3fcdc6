package io.runplane.scheduler.plugins.placement;

import io.runplane.scheduler.Taint;
import io.runplane.scheduler.Toleration;
import io.runplane.scheduler.api.NodeInfo;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.framework.Plugin;
import io.runplane.scheduler.framework.Session;
import io.runplane.scheduler.framework.TaskPlacer;
import io.runplane.scheduler.plugins.gpusharing.GpuSharingPlugin;
import io.runplane.scheduler.plugins.nodelevel.NodeLevelRepack;
import io.runplane.scheduler.plugins.swap.GpuMemorySwap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Node choice per pool: binpack takes the feasible node with the fewest free GPUs (or CPU for
 * CPU-only tasks), spread the one with the most. GPU tasks walk the pool's index of nodes by free
 * whole GPUs, fractions first look at nodes whose devices are already shared. Filters: schedulable,
 * node selector (including the {@code run.ai/type} node type), taints, device count and memory.
 * Only when no node takes a task so: a whole-GPU task in a pool with the node-level scheduler
 * tries the nodes whose fractions can be re-packed, and a fraction tries the swap-enabled nodes.
 */
public final class PlacementPlugin implements Plugin, TaskPlacer {

    /** The label that names a node's type. */
    public static final String NODE_TYPE_LABEL = "run.ai/type";

    private final double[] share = new double[1];

    @Override
    public void onSessionOpen(Session session) {
        session.setPlacer(this);
    }

    @Override
    public boolean place(Session session, TaskInfo task, PoolInfo pool) {
        NodeInfo node = choose(task, pool);
        if (node != null && placeOn(session, task, node)) {
            return true;
        }
        if (task.wholeGpus > 0 && pool.nodeLevel()) {
            return placeOnAny(session, task, pool.nodes);
        }
        return task.isFraction() && !pool.swapNodes.isEmpty() && placeOnAny(session, task, pool.swapNodes);
    }

    private boolean placeOnAny(Session session, TaskInfo task, List<NodeInfo> nodes) {
        for (NodeInfo node : nodes) {
            if (placeOn(session, task, node)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean placeOn(Session session, TaskInfo task, NodeInfo node) {
        if (!admits(task, node) || !node.fitsCpuAndMemory(task.cpu, task.memory)) {
            return false;
        }
        int[] devices = GpuSharingPlugin.devicesFor(task, node, node.pool.gpuBinpack, share);
        if (devices == null && task.wholeGpus > 0 && node.pool.nodeLevel()
                && NodeLevelRepack.repack(session, node, task.wholeGpus)) {
            devices = GpuSharingPlugin.devicesFor(task, node, node.pool.gpuBinpack, share);
        }
        if (devices == null && task.isFraction() && node.swapEnabled) {
            int device = GpuMemorySwap.deviceFor(session, task, node);
            devices = device < 0 ? null : new int[] {device};
            share[0] = node.shareOf(task);
        }
        if (devices == null) {
            return false;
        }
        session.statement.allocate(task, node, devices, share[0]);
        return true;
    }

    private NodeInfo choose(TaskInfo task, PoolInfo pool) {
        if (task.wholeGpus > 0) {
            return byFreeGpus(task, pool, task.wholeGpus);
        }
        if (task.isFraction()) {
            if (pool.gpuBinpack) {
                NodeInfo shared = firstShared(task, pool);
                return shared != null ? shared : byFreeGpus(task, pool, 1);
            }
            NodeInfo idle = byFreeGpus(task, pool, 1);
            return idle != null ? idle : firstShared(task, pool);
        }
        return byCpu(task, pool);
    }

    private NodeInfo byFreeGpus(TaskInfo task, PoolInfo pool, int needed) {
        int max = pool.maxGpusPerNode();
        if (needed > max) {
            return null;
        }
        boolean binpack = pool.gpuBinpack;
        for (int b = binpack ? needed : max; binpack ? b <= max : b >= needed; b += binpack ? 1 : -1) {
            for (NodeInfo node = pool.firstWithFreeGpus(b); node != null; node = PoolInfo.nextInBucket(node)) {
                if (admits(task, node) && node.fitsCpuAndMemory(task.cpu, task.memory)) {
                    return node;
                }
            }
        }
        return null;
    }

    /** A node with a shared device that has room: the least room that fits for binpack, the most for spread. */
    private NodeInfo firstShared(TaskInfo task, PoolInfo pool) {
        double smallestShare = task.gpuMemoryMiB > 0 ? task.gpuMemoryMiB / pool.deviceMemoryMiB() : task.gpuFraction;
        int from = PoolInfo.roomStep(smallestShare);
        boolean binpack = pool.gpuBinpack;
        for (int step = binpack ? from : PoolInfo.ROOM_STEPS - 1; binpack ? step < PoolInfo.ROOM_STEPS : step >= from;
             step += binpack ? 1 : -1) {
            for (NodeInfo node = pool.firstSharedWithRoom(step); node != null; node = PoolInfo.nextShared(node)) {
                if (admits(task, node) && node.fitsCpuAndMemory(task.cpu, task.memory)
                        && node.sharedDeviceFor(node.shareOf(task), binpack) >= 0) {
                    return node;
                }
            }
        }
        return null;
    }

    /** CPU-only tasks: the node with the least free CPU share that fits (binpack) or the most (spread). */
    private NodeInfo byCpu(TaskInfo task, PoolInfo pool) {
        int from = pool.cpuStepFor(task.cpu);
        boolean binpack = pool.cpuBinpack;
        for (int step = binpack ? from : PoolInfo.CPU_STEPS - 1; binpack ? step < PoolInfo.CPU_STEPS : step >= from;
             step += binpack ? 1 : -1) {
            for (NodeInfo node = pool.firstWithFreeCpu(step); node != null; node = PoolInfo.nextByCpu(node)) {
                if (admits(task, node) && node.fitsCpuAndMemory(task.cpu, task.memory)) {
                    return node;
                }
            }
        }
        return null;
    }

    @Override
    public boolean admits(TaskInfo task, NodeInfo node) {
        return node.schedulable && node.gpuCount >= task.wholeGpus && (!task.isFraction() || node.gpuCount > 0)
                && task.gpuMemoryMiB <= node.gpuMemoryMiB && matchesSelector(task, node) && toleratesTaints(task, node);
    }

    private static boolean matchesSelector(TaskInfo task, NodeInfo node) {
        Map<String, String> selector = task.job.nodeSelector;
        if (selector.isEmpty()) {
            return true;
        }
        for (Map.Entry<String, String> term : selector.entrySet()) {
            if (!term.getValue().equals(node.labels.get(term.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean toleratesTaints(TaskInfo task, NodeInfo node) {
        List<Taint> taints = node.taints;
        for (int i = 0, n = taints.size(); i < n; i++) {
            Taint taint = taints.get(i);
            if ("PreferNoSchedule".equals(taint.effect())) {
                continue;
            }
            boolean tolerated = false;
            for (Toleration toleration : task.job.tolerations) {
                if (toleration.tolerates(taint)) {
                    tolerated = true;
                    break;
                }
            }
            if (!tolerated) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String explain(TaskInfo task, PoolInfo pool) {
        String pod = describe(task);
        if (pool.nodes.isEmpty()) {
            return "pool " + pool.name + " has no nodes";
        }
        int unschedulable = 0;
        int selector = 0;
        int taints = 0;
        int devices = 0;
        int gpus = 0;
        int cpu = 0;
        int memory = 0;
        for (NodeInfo node : pool.nodes) {
            if (!node.schedulable) {
                unschedulable++;
            } else if (!matchesSelector(task, node)) {
                selector++;
            } else if (!toleratesTaints(task, node)) {
                taints++;
            } else if (!admits(task, node)) {
                devices++;
            } else if (task.wholeGpus > node.freeWholeGpus()
                    || task.isFraction() && node.freeWholeGpus() == 0 && !GpuSharingPlugin.fitsSharedDevice(task, node)) {
                gpus++;
            } else if (task.cpu > node.freeCpu()) {
                cpu++;
            } else if (task.memory > node.freeMemory()) {
                memory++;
            }
        }
        List<String> causes = new ArrayList<>();
        add(causes, unschedulable, "unschedulable");
        add(causes, selector, "not matching node selector " + task.job.nodeSelector);
        add(causes, taints, "with taints the workload does not tolerate");
        add(causes, devices, task.isFraction() && task.gpuMemoryMiB > 0 ? "with too little memory per GPU"
                : "with fewer than " + Math.max(1, task.wholeGpus) + " GPU devices");
        add(causes, gpus, task.wholeGpus > 0 ? "with fewer than " + task.wholeGpus + " idle GPUs"
                : "without room on any GPU for this fraction");
        add(causes, cpu, "with too little free CPU");
        add(causes, memory, "with too little free memory");
        if (causes.isEmpty()) {
            return pod + " fits in pool " + pool.name + " only once this cycle's evictions have completed";
        }
        return "no node in pool " + pool.name + " fits " + pod + ": " + pool.nodes.size() + " nodes, "
                + String.join(", ", causes);
    }

    private static void add(List<String> causes, int count, String what) {
        if (count > 0) {
            causes.add(count + " " + what);
        }
    }

    private static String describe(TaskInfo task) {
        StringBuilder pod = new StringBuilder("a pod of ");
        if (task.wholeGpus > 0) {
            pod.append(task.wholeGpus).append(task.wholeGpus == 1 ? " GPU" : " GPUs");
        } else if (task.gpuMemoryMiB > 0) {
            pod.append((long) task.gpuMemoryMiB).append(" MiB GPU memory");
        } else if (task.gpuFraction > 0) {
            pod.append(task.gpuFraction).append(" GPU");
        } else {
            pod.append((long) task.cpu).append(" CPU millicores");
        }
        return pod.toString();
    }
}
