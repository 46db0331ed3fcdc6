package io.runplane.scheduler.actions;

import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.NodeInfo;
import io.runplane.scheduler.api.PendingReason;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.api.QueueInfo;
import io.runplane.scheduler.api.ResourceKind;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.framework.Session;
import io.runplane.scheduler.framework.VictimRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;

/**
 * Evicts victims one unit at a time (a pod above an elastic minimum, or a whole gang) until a
 * pending job fits, as one transaction. On success it retries with only the victims on the nodes
 * the job landed on, so nothing is evicted in vain; on failure it leaves no trace.
 *
 * <p>Candidates are the running preemptible jobs, grouped by pool and queue and sorted lowest
 * priority, then youngest, first. Queues are tried in the order given by {@code queueUrgency}
 * (highest first); inside a queue, pods above an elastic minimum go before whole gangs.
 */
final class VictimSearch {

    private static final int MAX_ATTEMPTS_PER_CYCLE = 512;
    private static final int MAX_UNITS_PER_ATTEMPT = 32;

    private final Session session;
    private final List<VictimRule> rules;
    private final Eviction.Kind kind;
    private final ToDoubleBiFunction<QueueInfo, PoolInfo> queueUrgency;
    private final Function<JobInfo, String> reasonFor;
    private final List<Map<QueueInfo, List<JobInfo>>> candidates;
    private final double[] unitCharge = new double[ResourceKind.COUNT];
    private final double[] taskCharge = new double[ResourceKind.COUNT];
    private int attempts;
    private String lastRefusal;
    private TaskInfo claimantTask;
    private String memoScope;
    private String[] memos;

    VictimSearch(Session session, List<VictimRule> rules, Eviction.Kind kind,
                 ToDoubleBiFunction<QueueInfo, PoolInfo> queueUrgency, Function<JobInfo, String> reasonFor) {
        this.session = session;
        this.rules = rules;
        this.kind = kind;
        this.queueUrgency = queueUrgency;
        this.reasonFor = reasonFor;
        this.candidates = session.preemptibleRunning();
    }

    /** Tries to run the job by evicting victims, pool by pool; true when it was placed. */
    boolean run(JobInfo job, String scope) {
        lastRefusal = null;
        if (job.pendingCount() == 0 || !anyHopeful(job)) {
            return false;
        }
        List<TaskInfo> waiting = session.waitingTasks(job);
        if (waiting.isEmpty() || job.gangShortfall() > waiting.size() || attempts >= MAX_ATTEMPTS_PER_CYCLE) {
            return false;
        }
        int together = Math.max(1, job.gangShortfall());
        String memo = memo(scope, job.queue);
        for (PoolInfo pool : session.poolsFor(job)) {
            if (!hopeful(job, pool) || !couldEverFit(waiting, together, pool)) {
                continue;
            }
            PendingReason remembered = session.rememberedFailure(memo, job, pool);
            if (remembered != null) {
                lastRefusal = remembered.text().isEmpty() ? lastRefusal : remembered.text();
                continue;
            }
            long version = session.versionFor(scope, pool);
            double[] request = session.request(waiting, together, pool);
            if (session.allocationAllowed(job, pool, request, kind == Eviction.Kind.PREEMPTED) && attempts++ < MAX_ATTEMPTS_PER_CYCLE
                    && tryInPool(job, waiting, together, pool, request)) {
                return true;
            }
            session.remember(memo, job, pool, version, PendingReason.of(lastRefusal == null ? "" : lastRefusal));
        }
        return false;
    }

    /** The scope of the failures remembered for the queue's jobs, written once per queue and search. */
    private String memo(String scope, QueueInfo queue) {
        if (!scope.equals(memoScope)) {
            memos = new String[session.queues.size()];
            memoScope = scope;
        }
        String memo = memos[queue.index];
        if (memo == null) {
            memo = scope + queue.name;
            memos[queue.index] = memo;
        }
        return memo;
    }

    private boolean anyHopeful(JobInfo job) {
        for (PoolInfo pool : session.poolsFor(job)) {
            if (hopeful(job, pool)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A cheap necessary condition: preemption needs a lower-priority job of the same project in the
     * pool; reclaim needs the claimant's project to be under its fair share of GPUs for a GPU job.
     */
    private boolean hopeful(JobInfo job, PoolInfo pool) {
        Map<QueueInfo, List<JobInfo>> byQueue = candidates.get(pool.index);
        if (byQueue.isEmpty()) {
            return false;
        }
        if (kind == Eviction.Kind.PREEMPTED) {
            List<JobInfo> own = byQueue.get(job.queue);
            return own != null && own.getFirst().priority < job.priority;
        }
        int gpu = ResourceKind.GPU;
        return !job.tasks.getFirst().needsGpu()
                || job.queue.allocated[pool.index][gpu] < job.queue.fairShare[pool.index][gpu] - ResourceKind.EPSILON;
    }

    /** Whether the pool has nodes big enough for each task, were they empty. */
    private static boolean couldEverFit(List<TaskInfo> waiting, int together, PoolInfo pool) {
        for (int i = 0; i < together; i++) {
            if (waiting.get(i).wholeGpus > pool.maxGpusPerNode()) {
                return false;
            }
        }
        return true;
    }

    /** The last reason a victim was refused, to explain why a job stays pending. */
    String lastRefusal() {
        return lastRefusal;
    }

    private boolean tryInPool(JobInfo job, List<TaskInfo> waiting, int together, PoolInfo pool, double[] request) {
        claimantTask = waiting.getFirst();
        int checkpoint = session.statement.checkpoint();
        List<List<TaskInfo>> evicted = new ArrayList<>();
        while (true) {
            List<TaskInfo> unit = evicted.size() < MAX_UNITS_PER_ATTEMPT ? nextUnit(job, request, pool) : null;
            if (unit == null) {
                session.statement.rollback(checkpoint);
                return false;
            }
            evict(unit, job);
            evicted.add(unit);
            if (fits(job, waiting, together, pool, request)) {
                break;
            }
        }
        Set<NodeInfo> landed = new HashSet<>();
        for (int i = 0; i < together; i++) {
            landed.add(waiting.get(i).node);
        }
        session.statement.rollback(checkpoint);
        if (replay(job, evicted, landed, waiting, together, pool, request)) {
            commit(job);
            return true;
        }
        session.statement.rollback(checkpoint);
        if (replay(job, evicted, null, waiting, together, pool, request)) {
            commit(job);
            return true;
        }
        session.statement.rollback(checkpoint);
        return false;
    }

    private void commit(JobInfo job) {
        job.pendingReason = null;
        session.statement.commit();
    }

    private boolean replay(JobInfo job, List<List<TaskInfo>> units, Set<NodeInfo> onlyOn, List<TaskInfo> waiting,
                           int together, PoolInfo pool, double[] request) {
        for (List<TaskInfo> unit : units) {
            if (onlyOn != null && !touches(unit, onlyOn)) {
                continue;
            }
            if (refusal(job, request, unit, pool) != null) {
                return false;
            }
            evict(unit, job);
        }
        return fits(job, waiting, together, pool, request);
    }

    private static boolean touches(List<TaskInfo> unit, Set<NodeInfo> nodes) {
        for (TaskInfo task : unit) {
            if (nodes.contains(task.node)) {
                return true;
            }
        }
        return false;
    }

    private boolean fits(JobInfo job, List<TaskInfo> waiting, int together, PoolInfo pool, double[] request) {
        return session.allocationAllowed(job, pool, request, false)
                && session.fitsTogether(job, waiting, together, pool);
    }

    /** The next victim unit: the most urgent queue that has one, there pods above a minimum first. */
    private List<TaskInfo> nextUnit(JobInfo claimant, double[] request, PoolInfo pool) {
        List<QueueInfo> queues = new ArrayList<>();
        for (Map.Entry<QueueInfo, List<JobInfo>> entry : candidates.get(pool.index).entrySet()) {
            if (queueRefusal(claimant, request, entry.getKey(), pool) == null) {
                queues.add(entry.getKey());
            }
        }
        if (queues.size() > 1) {
            queues.sort(Comparator.comparingDouble((QueueInfo q) -> -queueUrgency.applyAsDouble(q, pool)));
        }
        for (QueueInfo queue : queues) {
            List<JobInfo> jobs = candidates.get(pool.index).get(queue);
            List<TaskInfo> unit = firstUnit(claimant, request, pool, jobs, true);
            if (unit == null) {
                unit = firstUnit(claimant, request, pool, jobs, false);
            }
            if (unit != null) {
                return unit;
            }
        }
        return null;
    }

    private List<TaskInfo> firstUnit(JobInfo claimant, double[] request, PoolInfo pool, List<JobInfo> jobs,
                                     boolean spareOnly) {
        boolean byPriority = kind == Eviction.Kind.PREEMPTED;
        for (int i = 0, n = jobs.size(); i < n; i++) {
            JobInfo victim = jobs.get(i);
            if (byPriority && victim.priority >= claimant.priority) {
                return null;
            }
            if (victim == claimant || victim.stillRunning == 0 || spareOnly && victim.active <= victim.minMember) {
                continue;
            }
            if (!spareOnly) {
                wholeCharge(victim);
                if (ruleRefusal(claimant, request, victim, pool) != null) {
                    continue;
                }
            }
            List<List<TaskInfo>> units = session.victimUnits(victim);
            int singles = spareOnly ? units.size() - 1 : 0;
            for (int u = spareOnly ? 0 : units.size() - 1; u < units.size() && (!spareOnly || u < singles); u++) {
                List<TaskInfo> unit = units.get(u);
                if (useful(unit, pool) && (!spareOnly || refusal(claimant, request, unit, pool) == null)) {
                    return unit;
                }
            }
        }
        return null;
    }

    /** What all of the job's placed tasks hold, into {@link #unitCharge}, without building a unit. */
    private void wholeCharge(JobInfo job) {
        Arrays.fill(unitCharge, 0);
        for (int i = 0, n = job.tasks.size(); i < n; i++) {
            TaskInfo task = job.tasks.get(i);
            if (task.status.holdsResources()) {
                task.charge(task.node.pool, taskCharge);
                for (int r = 0; r < ResourceKind.COUNT; r++) {
                    unitCharge[r] += taskCharge[r];
                }
            }
        }
    }

    /** Whether evicting the unit frees room on a node the claimant's next task could use. */
    private boolean useful(List<TaskInfo> unit, PoolInfo pool) {
        for (TaskInfo task : unit) {
            if (task.node != null && task.node.pool == pool && session.placer().admits(claimantTask, task.node)) {
                return true;
            }
        }
        return false;
    }

    private String queueRefusal(JobInfo claimant, double[] request, QueueInfo queue, PoolInfo pool) {
        for (VictimRule rule : rules) {
            String refusal = rule.queueRefusal(claimant, request, queue, pool);
            if (refusal != null) {
                lastRefusal = refusal;
                return refusal;
            }
        }
        return null;
    }

    /** Why the unit may not be evicted for the claimant, or null; remembers the last refusal. */
    private String refusal(JobInfo claimant, double[] request, List<TaskInfo> unit, PoolInfo pool) {
        Arrays.fill(unitCharge, 0);
        for (TaskInfo task : unit) {
            if (!task.status.holdsResources()) {
                return "already evicted";
            }
            task.charge(pool, taskCharge);
            for (int r = 0; r < ResourceKind.COUNT; r++) {
                unitCharge[r] += taskCharge[r];
            }
        }
        return ruleRefusal(claimant, request, unit.getFirst().job, pool);
    }

    private String ruleRefusal(JobInfo claimant, double[] request, JobInfo victim, PoolInfo pool) {
        for (VictimRule rule : rules) {
            String refusal = rule.refusal(claimant, request, victim, unitCharge, pool);
            if (refusal != null) {
                lastRefusal = refusal;
                return refusal;
            }
        }
        return null;
    }

    private void evict(List<TaskInfo> unit, JobInfo claimant) {
        String reason = reasonFor.apply(claimant);
        for (TaskInfo task : unit) {
            session.statement.evict(task, kind, reason);
        }
    }

    /** How far a queue is over what it may keep in the pool: the reclaim victim queue goes first. */
    static double overShare(QueueInfo queue, PoolInfo pool) {
        double over = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < ResourceKind.COUNT; r++) {
            double allocated = queue.allocated[pool.index][r];
            if (allocated <= ResourceKind.EPSILON) {
                continue;
            }
            double share = queue.allocatableShare(pool.index, r);
            over = Math.max(over, share <= ResourceKind.EPSILON ? 1e6 + allocated : allocated / share);
        }
        return over;
    }
}
