package io.runplane.scheduler.framework;

import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.NodeInfo;
import io.runplane.scheduler.api.PendingReason;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.api.QueueInfo;
import io.runplane.scheduler.api.ResourceKind;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.api.TaskStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The state of one cycle: the cluster as the snapshot showed it, changed only through the
 * {@link #statement}, and the policies plugins registered when it opened.
 */
public final class Session {

    public final List<PoolInfo> pools;
    public final List<NodeInfo> nodes;
    public final List<QueueInfo> queues;
    public final List<JobInfo> jobs;
    public final List<TaskInfo> tasks;
    /** The tasks waiting for a node when the session opened, in task order. */
    public final List<TaskInfo> pendingAtOpen;
    public final long nowMillis;
    public final Statement statement;
    public final StaleGangClock staleGangClock;

    private Comparator<JobInfo> jobOrder = Comparator.comparingLong(job -> job.submitOrder);
    private BiFunction<QueueInfo, JobInfo, QueueRank> queueRanking;
    private final List<AllocationCheck> allocationChecks = new ArrayList<>();
    private final List<VictimRule> reclaimRules = new ArrayList<>();
    private final List<VictimRule> preemptRules = new ArrayList<>();
    private Function<JobInfo, List<List<TaskInfo>>> victimUnits;
    private TaskPlacer placer;
    private final Map<FailureKey, Failure> failures = new HashMap<>();
    private List<JobInfo> waitingInOrder;
    private final List<JobInfo> gangs;
    private final List<JobInfo> waitingAtOpen;
    private final List<Map<QueueInfo, List<JobInfo>>> preemptibleRunning;
    private final List<List<TaskInfo>> initiallyOnNode;
    private final UnaryOperator<String> sharedShapes;
    private boolean preemptibleSorted;
    private final Map<ExplanationKey, Explained> explanations = new HashMap<>();
    private final double[] scratch = new double[ResourceKind.COUNT];
    private final double[] lastTurnRequest = new double[ResourceKind.COUNT];
    private JobInfo lastTurnJob;
    private long lastTurnChanges;

    private record Failure(long version, PendingReason reason) {
    }

    private record FailureKey(String scope, int pool, String shape, int together) {
    }

    private record Explained(long version, String text) {
    }

    private record ExplanationKey(int pool, String shape) {
    }

    Session(List<PoolInfo> pools, List<NodeInfo> nodes, List<QueueInfo> queues, List<JobInfo> jobs,
            List<TaskInfo> tasks, List<TaskInfo> pendingAtOpen, List<JobInfo> gangs, List<JobInfo> waitingAtOpen,
            long nowMillis, Statement statement, StaleGangClock staleGangClock,
            List<Map<QueueInfo, List<JobInfo>>> preemptibleRunning, List<List<TaskInfo>> initiallyOnNode,
            UnaryOperator<String> sharedShapes) {
        this.sharedShapes = sharedShapes;
        this.preemptibleRunning = preemptibleRunning;
        this.initiallyOnNode = initiallyOnNode;
        this.pools = pools;
        this.nodes = nodes;
        this.queues = queues;
        this.jobs = jobs;
        this.tasks = tasks;
        this.pendingAtOpen = pendingAtOpen;
        this.gangs = gangs;
        this.waitingAtOpen = waitingAtOpen;
        this.nowMillis = nowMillis;
        this.statement = statement;
        this.staleGangClock = staleGangClock;
    }

    // --- registration, by plugins ---

    public void setJobOrder(Comparator<JobInfo> order) {
        jobOrder = order;
    }

    public void setQueueRanking(BiFunction<QueueInfo, JobInfo, QueueRank> ranking) {
        queueRanking = ranking;
    }

    public void addAllocationCheck(AllocationCheck check) {
        allocationChecks.add(check);
    }

    public void addReclaimRule(VictimRule rule) {
        reclaimRules.add(rule);
    }

    public void addPreemptRule(VictimRule rule) {
        preemptRules.add(rule);
    }

    /** How running jobs break into victim units. */
    public void setVictimUnits(Function<JobInfo, List<List<TaskInfo>>> units) {
        victimUnits = units;
    }

    public void setPlacer(TaskPlacer taskPlacer) {
        placer = taskPlacer;
    }

    // --- use, by actions ---

    public QueueRank rank(QueueInfo queue, JobInfo nextJob) {
        return queueRanking.apply(queue, nextJob);
    }

    public TaskPlacer placer() {
        return placer;
    }

    public List<VictimRule> reclaimRules() {
        return reclaimRules;
    }

    public List<VictimRule> preemptRules() {
        return preemptRules;
    }

    /**
     * Ways to evict a job, first choice first: single pods while it runs above its minimum (only
     * one of them is taken before asking again), the whole gang last.
     */
    public List<List<TaskInfo>> victimUnits(JobInfo job) {
        return victimUnits.apply(job);
    }

    /** The pools a job may use now, in its order of preference (a running gang stays in its pool). */
    public List<PoolInfo> poolsFor(JobInfo job) {
        PoolInfo running = job.activePool();
        return running != null ? running.alone : job.pools;
    }

    /**
     * The job's tasks waiting for a node, in declaration order (not those evicted this cycle); a
     * list to read, not to change (for a job with nothing placed it is the job's own task list).
     */
    public List<TaskInfo> waitingTasks(JobInfo job) {
        if (job.active == 0 && allPending(job.tasks)) {
            return job.tasks;
        }
        List<TaskInfo> waiting = new ArrayList<>(job.pendingCount());
        for (TaskInfo task : job.tasks) {
            if (task.status == TaskStatus.PENDING) {
                waiting.add(task);
            }
        }
        return waiting;
    }

    private static boolean allPending(List<TaskInfo> tasks) {
        for (int i = 0, n = tasks.size(); i < n; i++) {
            if (tasks.get(i).status != TaskStatus.PENDING) {
                return false;
            }
        }
        return true;
    }

    /** What the first {@code count} of {@code waiting} would take in {@code pool}. */
    public double[] request(List<TaskInfo> waiting, int count, PoolInfo pool) {
        double[] total = new double[ResourceKind.COUNT];
        for (int i = 0; i < count; i++) {
            waiting.get(i).charge(pool, scratch);
            for (int r = 0; r < ResourceKind.COUNT; r++) {
                total[r] += scratch[r];
            }
        }
        return total;
    }

    /**
     * What the job's next allocate turn asks for (its gang minimum, or one pod) in its first pool:
     * the session's own array, to be read before the next call and not changed.
     */
    public double[] nextTurnRequest(JobInfo job) {
        if (job == lastTurnJob && statement.changes() == lastTurnChanges) {
            return lastTurnRequest;
        }
        double[] total = lastTurnRequest;
        Arrays.fill(total, 0);
        PoolInfo pool = poolsFor(job).getFirst();
        int wanted = Math.max(1, job.gangShortfall());
        for (int i = 0, n = job.tasks.size(); i < n && wanted > 0; i++) {
            TaskInfo task = job.tasks.get(i);
            if (task.status == TaskStatus.PENDING) {
                task.charge(pool, scratch);
                for (int r = 0; r < ResourceKind.COUNT; r++) {
                    total[r] += scratch[r];
                }
                wanted--;
            }
        }
        lastTurnJob = job;
        lastTurnChanges = statement.changes();
        return total;
    }

    public String allocationRefusal(JobInfo job, PoolInfo pool, double[] request) {
        return allocationRefusal(job, pool, request, false);
    }

    /** Whether {@link #allocationRefusal(JobInfo, PoolInfo, double[], boolean)} is null, without writing a refusal. */
    public boolean allocationAllowed(JobInfo job, PoolInfo pool, double[] request, boolean beforePreemption) {
        for (int i = 0, n = allocationChecks.size(); i < n; i++) {
            AllocationCheck check = allocationChecks.get(i);
            if (!(beforePreemption && check.liftedByPreemption()) && !check.allows(job, pool, request)) {
                return false;
            }
        }
        return true;
    }

    /** Like {@link #allocationRefusal(JobInfo, PoolInfo, double[])}, optionally skipping checks preemption can lift. */
    public String allocationRefusal(JobInfo job, PoolInfo pool, double[] request, boolean beforePreemption) {
        for (AllocationCheck check : allocationChecks) {
            if (beforePreemption && check.liftedByPreemption()) {
                continue;
            }
            String refusal = check.refusal(job, pool, request);
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    /**
     * Places the first {@code count} waiting tasks of the job in the pool, all or none.
     *
     * @return null when all were placed, else why not (and nothing was placed)
     */
    public PendingReason placeTogether(JobInfo job, List<TaskInfo> waiting, int count, PoolInfo pool) {
        PendingReason remembered = rememberedFailure("place", job, pool);
        if (remembered != null) {
            return remembered;
        }
        long version = pool.version();
        int checkpoint = statement.checkpoint();
        for (int i = 0; i < count; i++) {
            TaskInfo task = waiting.get(i);
            if (!placer.place(this, task, pool)) {
                statement.rollback(checkpoint);
                PendingReason why = explanation(task, pool);
                PendingReason reason = count == 1 ? why : why.prefixed("gang of " + count
                        + " pods does not fit in pool " + pool.name + " (only " + i + " could be placed together): ");
                remember("place", job, pool, version, reason);
                return reason;
            }
        }
        return null;
    }

    /**
     * Why the task fits no node of the pool, written when read (at the end of the cycle) and shared
     * by all tasks of the same shape.
     */
    public PendingReason explanation(TaskInfo task, PoolInfo pool) {
        ExplanationKey key = new ExplanationKey(pool.index, task.placementShape());
        return PendingReason.lazy(() -> {
            Explained explained = explanations.get(key);
            if (explained == null || explained.version != pool.version()) {
                explained = new Explained(pool.version(), placer.explain(task, pool));
                explanations.put(key, explained);
            }
            return explained.text;
        });
    }

    /** Like {@link #placeTogether} but without explaining a failure: for trial placements. */
    public boolean fitsTogether(JobInfo job, List<TaskInfo> waiting, int count, PoolInfo pool) {
        if (rememberedFailure("place", job, pool) != null) {
            return false;
        }
        int checkpoint = statement.checkpoint();
        for (int i = 0; i < count; i++) {
            if (!placer.place(this, waiting.get(i), pool)) {
                statement.rollback(checkpoint);
                return false;
            }
        }
        return true;
    }

    /** A failure remembered for jobs of the same shape while the pool has not changed. */
    public PendingReason rememberedFailure(String scope, JobInfo job, PoolInfo pool) {
        Failure failure = failures.get(failureKey(scope, job, pool));
        return failure != null && failure.version == versionFor(scope, pool) ? failure.reason : null;
    }

    public void remember(String scope, JobInfo job, PoolInfo pool, long version, PendingReason reason) {
        failures.put(failureKey(scope, job, pool), new Failure(version, reason));
    }

    /** Jobs of one shape that need the same number of pods placed at once share their failures. */
    private FailureKey failureKey(String scope, JobInfo job, PoolInfo pool) {
        return new FailureKey(scope, pool.index, job.shapeKey(sharedShapes), Math.max(1, job.gangShortfall()));
    }

    /**
     * The version a remembered failure is valid for: the pool's for placement and consolidation
     * (they depend on the pool's nodes only), the whole cluster's otherwise.
     */
    public long versionFor(String scope, PoolInfo pool) {
        if ("place".equals(scope) || "consolidate".equals(scope)) {
            return pool.version();
        }
        long sum = 0;
        for (PoolInfo p : pools) {
            sum += p.version();
        }
        return sum;
    }

    /** Jobs with a minimum above one pod (gangs), the only ones that can run below their minimum. */
    public List<JobInfo> gangs() {
        return gangs;
    }

    /**
     * Running preemptible jobs per pool, grouped by queue, lowest priority then youngest first:
     * the candidates of reclaim and preempt. Jobs evicted since the cycle began are still listed.
     */
    public List<Map<QueueInfo, List<JobInfo>>> preemptibleRunning() {
        if (!preemptibleSorted) {
            for (Map<QueueInfo, List<JobInfo>> byQueue : preemptibleRunning) {
                for (List<JobInfo> queueJobs : byQueue.values()) {
                    VictimOrder.sort(queueJobs);
                }
            }
            preemptibleSorted = true;
        }
        return preemptibleRunning;
    }

    /** The tasks running on each node when the cycle started, by node index. */
    public List<List<TaskInfo>> initiallyOnNode() {
        return initiallyOnNode;
    }

    /**
     * Jobs with a task waiting, in job order as it stood when first asked for (sorted once per
     * cycle); a job placed since is still listed, so callers skip jobs without waiting tasks.
     */
    public List<JobInfo> jobsWaiting() {
        if (waitingInOrder == null) {
            // until something changes, the jobs with a task pending at open are the only ones waiting
            List<JobInfo> candidates = statement.changes() == 0 ? waitingAtOpen : jobs;
            List<JobInfo> waiting = new ArrayList<>(candidates.size());
            for (JobInfo job : candidates) {
                if (job.pendingCount() > 0) {
                    waiting.add(job);
                }
            }
            waiting.sort(jobOrder);
            waitingInOrder = List.copyOf(waiting);
        }
        return waitingInOrder;
    }
}
