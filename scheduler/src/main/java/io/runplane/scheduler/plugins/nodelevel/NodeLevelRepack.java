package io.runplane.scheduler.plugins.nodelevel;

import io.runplane.scheduler.api.NodeInfo;
import io.runplane.scheduler.api.ResourceKind;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.api.TaskStatus;
import io.runplane.scheduler.framework.Session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The node-level scheduler's re-pack: when a whole-GPU task needs more idle devices than a node
 * has, the fractions spread over the node's devices move onto fewer of them, without a restart,
 * so that enough devices become idle. The devices holding the least fraction load are emptied;
 * their fractions go, largest first, to the fullest other shared device with room, within the
 * pool's limit of fractions per device and a device's whole (never over-committed by swap). Only
 * a re-pack that frees enough devices is made; fractions never move apart again, so there is no
 * moving back and forth across cycles.
 */
public final class NodeLevelRepack {

    private NodeLevelRepack() {
    }

    /** Moves fractions on {@code node} so that it has {@code wholeGpus} idle devices; false (nothing moved) if it cannot. */
    public static boolean repack(Session session, NodeInfo node, int wholeGpus) {
        int missing = wholeGpus - node.freeWholeGpus();
        if (missing <= 0 || wholeGpus > node.gpuCount) {
            return missing <= 0;
        }
        List<List<TaskInfo>> onDevice = fractionsByDevice(session, node);
        double[] movable = new double[node.gpuCount];
        List<Integer> emptiable = new ArrayList<>();
        for (int d = 0; d < node.gpuCount; d++) {
            for (TaskInfo task : onDevice.get(d)) {
                movable[d] += task.share;
            }
            double used = node.deviceUsed(d);
            if (used > ResourceKind.EPSILON && used - movable[d] <= ResourceKind.EPSILON && !node.heldByForeignPod(d)) {
                emptiable.add(d);
            }
        }
        if (emptiable.size() < missing) {
            return false;
        }
        emptiable.sort(Comparator.comparingDouble((Integer d) -> movable[d]).thenComparingInt(d -> d));
        boolean[] emptied = new boolean[node.gpuCount];
        List<TaskInfo> moving = new ArrayList<>();
        for (int i = 0; i < missing; i++) {
            emptied[emptiable.get(i)] = true;
            moving.addAll(onDevice.get(emptiable.get(i)));
        }
        moving.sort(Comparator.comparingDouble((TaskInfo task) -> task.share).reversed()
                .thenComparingInt(task -> task.index));
        double[] used = new double[node.gpuCount];
        int[] count = new int[node.gpuCount];
        for (int d = 0; d < node.gpuCount; d++) {
            used[d] = node.deviceUsed(d);
            count[d] = node.fractionsOn(d);
        }
        int[] target = new int[moving.size()];
        for (int i = 0; i < moving.size(); i++) {
            double share = moving.get(i).share;
            int best = -1;
            for (int d = 0; d < node.gpuCount; d++) {
                if (emptied[d] || used[d] <= ResourceKind.EPSILON || used[d] + share > 1 + ResourceKind.EPSILON
                        || count[d] >= node.pool.workloadsPerGpu) {
                    continue;
                }
                if (best < 0 || used[d] > used[best] + ResourceKind.EPSILON) {
                    best = d;
                }
            }
            if (best < 0) {
                return false;
            }
            used[best] += share;
            count[best]++;
            target[i] = best;
        }
        for (int i = 0; i < moving.size(); i++) {
            session.statement.move(moving.get(i), new int[] {target[i]});
        }
        return true;
    }

    /** The fractions on each device of the node: those running there and those placed there this cycle. */
    private static List<List<TaskInfo>> fractionsByDevice(Session session, NodeInfo node) {
        List<List<TaskInfo>> onDevice = new ArrayList<>(node.gpuCount);
        for (int d = 0; d < node.gpuCount; d++) {
            onDevice.add(new ArrayList<>());
        }
        for (TaskInfo task : session.initiallyOnNode().get(node.index)) {
            addIfFraction(task, node, onDevice);
        }
        for (TaskInfo task : session.pendingAtOpen) {
            addIfFraction(task, node, onDevice);
        }
        return onDevice;
    }

    private static void addIfFraction(TaskInfo task, NodeInfo node, List<List<TaskInfo>> onDevice) {
        if (task.node == node && task.status.holdsResources() && task.isFraction() && task.devices.length == 1
                && task.share < 1) {
            List<TaskInfo> list = onDevice.get(task.devices[0]);
            if (!list.contains(task)) {
                list.add(task);
            }
        }
    }
}
