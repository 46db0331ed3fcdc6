package io.runplane.scheduler.framework;

import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.api.NodeInfo;
import io.runplane.scheduler.api.ResourceKind;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.api.TaskStatus;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Every change the session makes goes through here and is journaled, so that a decision can be
 * tried and undone: take a {@link #checkpoint()}, allocate and evict, then either keep the changes
 * or {@link #rollback(int)} to the checkpoint. It also remembers which of the tasks running at
 * open were ever changed, so that the result is written from those and the pending ones alone.
 */
public final class Statement {

    private record Change(TaskInfo task, TaskStatus status, NodeInfo node, int[] devices, double share,
                          Eviction.Kind kind, String reason) {
    }

    private final List<Change> journal = new ArrayList<>();
    private final double[] amounts = new double[ResourceKind.COUNT];
    private final BitSet changedRunning = new BitSet();
    private long changes;

    public int checkpoint() {
        return journal.size();
    }

    /** Forgets the journal (the changes stay); nothing before this point can be rolled back. */
    public void commit() {
        journal.clear();
    }

    public void rollback(int checkpoint) {
        for (int i = journal.size() - 1; i >= checkpoint; i--) {
            changes++;
            Change change = journal.remove(i);
            TaskInfo task = change.task;
            release(task);
            task.status = change.status;
            task.node = change.node;
            task.devices = change.devices;
            task.share = change.share;
            task.evictionKind = change.kind;
            task.evictionReason = change.reason;
            hold(task);
        }
    }

    public void allocate(TaskInfo task, NodeInfo node, int[] devices, double share) {
        if (task.status.holdsResources()) {
            throw new IllegalStateException(task + " is already placed");
        }
        record(task);
        task.status = TaskStatus.ALLOCATED;
        task.node = node;
        task.devices = devices;
        task.share = share;
        hold(task);
    }

    public void evict(TaskInfo task, Eviction.Kind kind, String reason) {
        if (!task.status.holdsResources()) {
            throw new IllegalStateException(task + " is not placed");
        }
        record(task);
        release(task);
        task.node = null;
        task.devices = new int[0];
        task.share = 0;
        if (task.initialNode != null) {
            task.status = TaskStatus.RELEASING;
            task.evictionKind = kind;
            task.evictionReason = reason;
        } else {
            task.status = TaskStatus.PENDING;
        }
    }

    /** Moves a placed task to other devices of its node, keeping its status: the node-level scheduler's re-pack. */
    public void move(TaskInfo task, int[] devices) {
        if (!task.status.holdsResources()) {
            throw new IllegalStateException(task + " is not placed");
        }
        record(task);
        release(task);
        task.devices = devices;
        hold(task);
    }

    /** Counts a task that runs when the session opens; not journaled. */
    void loadRunning(TaskInfo task) {
        hold(task);
    }

    /** The index of the first task from {@code from} on that ran at open and was changed since; -1 if none. */
    int nextChangedRunning(int from) {
        return changedRunning.nextSetBit(from);
    }

    /** Counts every change and every undo: equal counts, unchanged tasks. */
    long changes() {
        return changes;
    }

    private void record(TaskInfo task) {
        changes++;
        if (task.initialNode != null) {
            changedRunning.set(task.index);
        }
        journal.add(new Change(task, task.status, task.node, task.devices, task.share,
                task.evictionKind, task.evictionReason));
    }

    private void hold(TaskInfo task) {
        if (!task.status.holdsResources()) {
            return;
        }
        task.node.pool.add(task.node, task.devices, task.share, task.cpu, task.memory);
        task.charge(task.node.pool, amounts);
        task.job.queue.charge(task.node.pool.index, amounts, task.job.preemptible, 1);
        task.job.active++;
        task.job.activePool = task.node.pool;
        if (task.status == TaskStatus.RUNNING) {
            task.job.stillRunning++;
        }
    }

    private void release(TaskInfo task) {
        if (!task.status.holdsResources()) {
            return;
        }
        task.node.pool.remove(task.node, task.devices, task.share, task.cpu, task.memory);
        task.charge(task.node.pool, amounts);
        task.job.queue.charge(task.node.pool.index, amounts, task.job.preemptible, -1);
        task.job.active--;
        if (task.job.active == 0) {
            task.job.activePool = null;
        }
        if (task.status == TaskStatus.RUNNING) {
            task.job.stillRunning--;
        }
    }
}
