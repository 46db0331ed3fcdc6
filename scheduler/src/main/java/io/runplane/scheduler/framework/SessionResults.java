package io.runplane.scheduler.framework;

import io.runplane.scheduler.Binding;
import io.runplane.scheduler.CycleResult;
import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.GpuReassignment;
import io.runplane.scheduler.PendingTask;
import io.runplane.scheduler.QueueStatus;
import io.runplane.scheduler.api.PendingReason;
import io.runplane.scheduler.api.QueueInfo;
import io.runplane.scheduler.api.ResourceKind;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.api.TaskStatus;

import java.util.ArrayList;
import java.util.List;

/** Reads a finished session's decisions: what moved relative to the snapshot, and why the rest waits. */
public final class SessionResults {

    private SessionResults() {
    }

    public static CycleResult of(Session session) {
        List<Binding> bindings = new ArrayList<>();
        List<Eviction> evictions = new ArrayList<>();
        List<PendingTask> pending = new ArrayList<>();
        List<GpuReassignment> reassignments = new ArrayList<>();
        for (TaskInfo task : DecisionCandidates.of(session)) {
            if (task.reassigned()) {
                reassignments.add(new GpuReassignment(task.job.name, task.name, task.node.name,
                        indices(task.initialDevices), indices(task.devices)));
            }
            if (task.movedOrEvicted()) {
                evictions.add(new Eviction(task.job.name, task.name, task.evictionKind, task.evictionReason));
            }
            if (task.status == TaskStatus.ALLOCATED && (task.initialNode == null || task.movedOrEvicted())) {
                bindings.add(new Binding(task.job.name, task.name, placement(task)));
            } else if (task.status == TaskStatus.RELEASING) {
                pending.add(new PendingTask(task.job.name, task.name, "evicted: " + task.evictionReason));
            } else if (task.status == TaskStatus.PENDING) {
                pending.add(new PendingTask(task.job.name, task.name, pendingReason(task)));
            }
        }
        List<QueueStatus> queues = new ArrayList<>(session.queues.size());
        for (QueueInfo queue : session.queues) {
            queues.add(status(queue));
        }
        return new CycleResult(bindings, evictions, pending, queues, reassignments);
    }

    private static String pendingReason(TaskInfo task) {
        PendingReason reason = task.job.pendingReason;
        return reason != null ? reason.text() : "waiting for a scheduling cycle in which the workload fits";
    }

    private static Binding.Placement placement(TaskInfo task) {
        return new Binding.Placement(task.node.name, indices(task.devices), task.devices.length == 0 ? 0 : task.share);
    }

    private static List<Integer> indices(int[] devices) {
        List<Integer> list = new ArrayList<>(devices.length);
        for (int device : devices) {
            list.add(device);
        }
        return list;
    }

    private static QueueStatus status(QueueInfo queue) {
        double[] deserved = new double[ResourceKind.COUNT];
        double[] fair = new double[ResourceKind.COUNT];
        double[] allocated = new double[ResourceKind.COUNT];
        double[] requested = new double[ResourceKind.COUNT];
        for (int r = 0; r < ResourceKind.COUNT; r++) {
            deserved[r] = queue.deservedTotal(r);
            fair[r] = queue.fairShareTotal(r);
            allocated[r] = queue.allocatedTotal(r);
            for (double[] pool : queue.requested) {
                requested[r] += pool[r];
            }
        }
        return new QueueStatus(queue.name, queue.parentName(), ResourceKind.toResources(deserved),
                ResourceKind.toResources(fair), ResourceKind.toResources(allocated), ResourceKind.toResources(requested));
    }
}
