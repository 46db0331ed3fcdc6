package io.runplane.scheduler.actions;

import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.api.NodeInfo;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.api.ResourceKind;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.api.TaskStatus;
import io.runplane.scheduler.framework.Action;
import io.runplane.scheduler.framework.Session;
import io.runplane.scheduler.plugins.swap.GpuMemorySwap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * GPU memory swap, when it no longer holds: a device over-committed by swap whose active
 * fractions no longer fit it (an idle one woke up) evicts active fractions of the device, the
 * lowest priority first and then the newest, until they fit; a node whose swapped-out memory
 * exceeds its swap capacity evicts idle fractions of its over-committed devices in the same order
 * until it fits. This runs first, so the room it frees is used in the same cycle. Swap is never
 * guaranteed, so non-preemptible fractions are no exception.
 */
public final class GpuMemorySwapRelief implements Action {

    private static final Comparator<TaskInfo> VICTIM_ORDER = Comparator
            .comparingInt((TaskInfo task) -> task.job.priority)
            .thenComparing(Comparator.comparingLong((TaskInfo task) -> task.job.submitOrder).reversed())
            .thenComparing(Comparator.comparingInt((TaskInfo task) -> task.index).reversed());

    @Override
    public String name() {
        return "gpu-memory-swap-relief";
    }

    @Override
    public void execute(Session session) {
        for (PoolInfo pool : session.pools) {
            for (NodeInfo node : pool.swapNodes) {
                relieve(session, node);
            }
        }
        session.statement.commit();
    }

    private static void relieve(Session session, NodeInfo node) {
        double[] idle = GpuMemorySwap.idleShares(session, node);
        for (int d = 0; d < node.gpuCount; d++) {
            double active = node.deviceUsed(d) - idle[d];
            if (node.deviceUsed(d) <= 1 + ResourceKind.EPSILON || active <= 1 + ResourceKind.EPSILON) {
                continue;
            }
            String reason = "GPU memory swap: the active workloads on device " + d + " of node " + node.name
                    + " need more than the device's memory, and only idle workloads may be swapped out";
            for (TaskInfo victim : sharers(session, node, d, false)) {
                if (active <= 1 + ResourceKind.EPSILON) {
                    break;
                }
                active -= victim.share;
                session.statement.evict(victim, Eviction.Kind.RECLAIMED, reason);
            }
        }
        if (node.swappedShares() <= node.swapShares + ResourceKind.EPSILON) {
            return;
        }
        String reason = "GPU memory swap: the memory swapped out on node " + node.name + " exceeds its swap capacity of "
                + Math.round(node.swapShares * node.gpuMemoryMiB) + " MiB";
        List<TaskInfo> idleOnOvercommitted = new ArrayList<>();
        for (int d = 0; d < node.gpuCount; d++) {
            if (node.deviceUsed(d) > 1 + ResourceKind.EPSILON) {
                idleOnOvercommitted.addAll(sharers(session, node, d, true));
            }
        }
        idleOnOvercommitted.sort(VICTIM_ORDER);
        for (TaskInfo victim : idleOnOvercommitted) {
            if (node.swappedShares() <= node.swapShares + ResourceKind.EPSILON) {
                break;
            }
            if (node.deviceUsed(victim.devices[0]) > 1 + ResourceKind.EPSILON) {
                session.statement.evict(victim, Eviction.Kind.RECLAIMED, reason);
            }
        }
    }

    /** The running fractions on the device, idle or active ones, in eviction order. */
    private static List<TaskInfo> sharers(Session session, NodeInfo node, int device, boolean idle) {
        List<TaskInfo> sharers = new ArrayList<>();
        for (TaskInfo task : session.initiallyOnNode().get(node.index)) {
            if (task.status == TaskStatus.RUNNING && task.node == node && task.devices.length == 1
                    && task.devices[0] == device && task.isFraction() && task.idle == idle) {
                sharers.add(task);
            }
        }
        sharers.sort(VICTIM_ORDER);
        return sharers;
    }
}
