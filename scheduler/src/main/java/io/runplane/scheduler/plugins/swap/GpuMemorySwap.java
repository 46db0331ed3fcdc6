package io.runplane.scheduler.plugins.swap;

import io.runplane.scheduler.api.NodeInfo;
import io.runplane.scheduler.api.ResourceKind;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.api.TaskStatus;
import io.runplane.scheduler.framework.Session;

/**
 * GPU memory swap: on a node labelled {@code run.ai/swap-enabled=true} the GPU memory of idle
 * fractions may be swapped out to CPU memory, so a device's fractions may sum above 1 as long as
 * the active (not idle) ones fit the device and what is above the devices' whole, over the node,
 * fits the swap capacity. A fraction is placed so only when no device takes it without swap.
 */
public final class GpuMemorySwap {

    private GpuMemorySwap() {
    }

    /** A device of the swap-enabled node that takes the fraction by swapping idle fractions out; -1 if none. */
    public static int deviceFor(Session session, TaskInfo task, NodeInfo node) {
        double share = node.shareOf(task);
        double[] idle = idleShares(session, node);
        double swapped = node.swappedShares();
        int best = -1;
        double bestExtra = 0;
        for (int d = 0; d < node.gpuCount; d++) {
            double used = node.deviceUsed(d);
            if (used <= ResourceKind.EPSILON || node.heldByForeignPod(d) || node.atFractionLimit(d)
                    || used - idle[d] + share > 1 + ResourceKind.EPSILON) {
                continue;
            }
            double extra = Math.max(0, used + share - 1) - Math.max(0, used - 1);
            if (swapped + extra > node.swapShares + ResourceKind.EPSILON) {
                continue;
            }
            if (best < 0 || extra < bestExtra - ResourceKind.EPSILON) {
                best = d;
                bestExtra = extra;
            }
        }
        return best;
    }

    /** The shares of each device that idle fractions running on the node hold. */
    public static double[] idleShares(Session session, NodeInfo node) {
        double[] idle = new double[node.gpuCount];
        for (TaskInfo task : session.initiallyOnNode().get(node.index)) {
            if (isIdleHere(task, node)) {
                idle[task.devices[0]] += task.share;
            }
        }
        return idle;
    }

    /** Whether the task is an idle fraction that runs on the node now. */
    public static boolean isIdleHere(TaskInfo task, NodeInfo node) {
        return task.idle && task.status == TaskStatus.RUNNING && task.node == node && task.devices.length == 1;
    }
}
