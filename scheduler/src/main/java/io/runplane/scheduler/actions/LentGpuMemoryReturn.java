package io.runplane.scheduler.actions;

import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.api.NodeInfo;
import io.runplane.scheduler.api.ResourceKind;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.api.TaskStatus;
import io.runplane.scheduler.framework.Action;
import io.runplane.scheduler.framework.DecisionCandidates;
import io.runplane.scheduler.framework.Session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Dynamic GPU fractions: a running fraction may use its device beyond its request, up to its
 * limit, while that memory is free; the memory is lent, not reserved. When this cycle binds a
 * fraction to a device whose lent memory is in use, so that the device's requests fit but its use
 * does not, the borrowers on the device give the memory back: they are evicted, the lowest
 * priority first and then the largest borrower, until the use fits. Borrowing is never
 * guaranteed, so a non-preemptible borrower is no exception.
 */
public final class LentGpuMemoryReturn implements Action {

    private static final Comparator<TaskInfo> VICTIM_ORDER = Comparator
            .comparingInt((TaskInfo task) -> task.job.priority)
            .thenComparing(Comparator.comparingDouble(LentGpuMemoryReturn::borrowed).reversed())
            .thenComparing(Comparator.comparingLong((TaskInfo task) -> task.job.submitOrder).reversed());

    @Override
    public String name() {
        return "lent-gpu-memory-return";
    }

    @Override
    public void execute(Session session) {
        if (anyLends(session.nodes)) {
            for (TaskInfo owner : DecisionCandidates.of(session)) {
                if (owner.status == TaskStatus.ALLOCATED && owner.isFraction() && owner.devices.length == 1
                        && owner.node.lends()) {
                    returnLentMemory(session, owner);
                }
            }
        }
        session.statement.commit();
    }

    /** Borrowers are only where memory was lent when the session opened. */
    private static boolean anyLends(List<NodeInfo> nodes) {
        for (int i = 0, n = nodes.size(); i < n; i++) {
            if (nodes.get(i).lends()) {
                return true;
            }
        }
        return false;
    }

    private static void returnLentMemory(Session session, TaskInfo owner) {
        NodeInfo node = owner.node;
        int device = owner.devices[0];
        List<TaskInfo> borrowers = new ArrayList<>();
        double borrowedTotal = 0;
        for (TaskInfo task : session.initiallyOnNode().get(node.index)) {
            if (task.status == TaskStatus.RUNNING && borrowed(task) > ResourceKind.EPSILON && holds(task, device)) {
                borrowers.add(task);
                borrowedTotal += borrowed(task);
            }
        }
        double use = node.deviceUsed(device) + borrowedTotal;
        if (use <= 1 + ResourceKind.EPSILON) {
            return;
        }
        borrowers.sort(VICTIM_ORDER);
        String reason = "gave back GPU memory borrowed above its request: device " + device + " of node " + node.name
                + " is needed for the request of workload " + owner.job.name;
        for (TaskInfo borrower : borrowers) {
            if (use <= 1 + ResourceKind.EPSILON) {
                break;
            }
            use -= borrower.share + borrowed(borrower);
            session.statement.evict(borrower, Eviction.Kind.RECLAIMED, reason);
        }
    }

    /** What a running dynamic fraction uses beyond its request. */
    static double borrowed(TaskInfo task) {
        return task.gpuLimit > 0 ? Math.max(0, Math.min(task.gpuInUse, task.gpuLimit) - task.share) : 0;
    }

    private static boolean holds(TaskInfo task, int device) {
        return task.devices.length == 1 && task.devices[0] == device;
    }
}
