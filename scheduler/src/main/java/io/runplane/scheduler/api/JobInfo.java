package io.runplane.scheduler.api;

import io.runplane.scheduler.JobSpec;
import io.runplane.scheduler.Toleration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A gang of tasks in one leaf queue, with counts the session keeps current. */
public final class JobInfo {

    public final String name;
    public QueueInfo queue;
    public final int priority;
    public final boolean preemptible;
    public final int minMember;
    /** The pools the job may use, in its order of preference. */
    public List<PoolInfo> pools;
    public final Map<String, String> nodeSelector;
    public final List<Toleration> tolerations;
    public final long submitOrder;
    public final List<TaskInfo> tasks;

    /** Tasks holding resources (running or bound by this cycle). */
    public int active;
    /** The pool the gang's active tasks are in, or null while none is active. */
    public PoolInfo activePool;
    /** Tasks that were running at the start of the cycle and still are. */
    public int stillRunning;
    public PendingReason pendingReason;
    private String shapeKey;
    private boolean shapeKeyShared;
    private String filtersKey;

    public JobInfo(JobSpec spec, QueueInfo queue, List<PoolInfo> pools) {
        this.name = spec.name();
        this.queue = queue;
        this.priority = spec.priority();
        this.preemptible = spec.preemptible();
        this.minMember = Math.max(1, Math.min(spec.minMember() <= 0 ? spec.tasks().size() : spec.minMember(),
                spec.tasks().size()));
        this.pools = pools;
        this.nodeSelector = spec.nodeSelector();
        this.tolerations = spec.tolerations();
        this.submitOrder = spec.submitOrder();
        this.tasks = new ArrayList<>(spec.tasks().size());
    }

    /**
     * Clears what a session changed, for a new session that reuses the job: in {@code inQueue},
     * preferring {@code inPools}, with nothing of it counted as running yet.
     */
    public void reopen(QueueInfo inQueue, List<PoolInfo> inPools) {
        queue = inQueue;
        pools = inPools;
        active = 0;
        activePool = null;
        stillRunning = 0;
        pendingReason = null;
    }

    public int pendingCount() {
        return tasks.size() - active;
    }

    /** How many more tasks must be placed at once for the gang to run. */
    public int gangShortfall() {
        return Math.max(0, minMember - active);
    }

    /** The pool the gang runs in, or null while nothing of it runs. */
    public PoolInfo activePool() {
        return activePool;
    }

    /**
     * Identifies jobs that ask for the same thing, so a failure can be remembered for all of them
     * (amounts by their bits: equal amounts, equal keys, without formatting a decimal).
     */
    public String shapeKey() {
        if (shapeKey == null) {
            StringBuilder key = new StringBuilder(64 + 96 * tasks.size()).append(minMember).append('|');
            for (TaskInfo task : tasks) {
                key.append(task.wholeGpus).append(',').append(Double.doubleToLongBits(task.gpuFraction)).append(',')
                        .append(Double.doubleToLongBits(task.gpuMemoryMiB)).append(',')
                        .append(Double.doubleToLongBits(task.cpu)).append(',')
                        .append(Double.doubleToLongBits(task.memory)).append(';');
            }
            key.append(filtersKey()).append(pools.size());
            for (PoolInfo pool : pools) {
                key.append(',').append(pool.index);
            }
            shapeKey = key.toString();
        }
        return shapeKey;
    }

    /**
     * {@link #shapeKey()} as the instance {@code shared} keeps for the shape (asked once per job),
     * so that the keys of jobs of one shape compare by identity instead of by their text.
     */
    public String shapeKey(UnaryOperator<String> shared) {
        if (!shapeKeyShared) {
            shapeKey = shared.apply(shapeKey());
            shapeKeyShared = true;
        }
        return shapeKey;
    }

    /** The node selector and tolerations as text, a part of the shape keys of the job and its tasks. */
    String filtersKey() {
        if (filtersKey == null) {
            filtersKey = nodeSelector + "|" + tolerations;
        }
        return filtersKey;
    }

    @Override
    public String toString() {
        return name;
    }
}
