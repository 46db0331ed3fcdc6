package io.runplane.scheduler.actions;

import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.NodeInfo;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.api.QueueInfo;
import io.runplane.scheduler.api.ResourceKind;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.api.TaskStatus;
import io.runplane.scheduler.framework.Session;
import io.runplane.scheduler.framework.VictimRule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Evicts victims one unit at a time (a pod above an elastic minimum, or a whole gang) until a
 * pending job fits, as one transaction. On success it retries with only the victims on the nodes
 * the job landed on, so nothing is evicted in vain; on failure it leaves no trace.
 */
final class VictimSearch {

    private static final int MAX_ATTEMPTS_PER_CYCLE = 512;

    /** Which of two victims goes first in a pool; negative when {@code a} does. */
    @FunctionalInterface
    interface VictimOrder {
        int compare(JobInfo a, JobInfo b, PoolInfo pool);
    }

    private final Session session;
    private final List<VictimRule> rules;
    private final Eviction.Kind kind;
    private final VictimOrder victimOrder;
    private final Function<JobInfo, String> reasonFor;
    private final List<List<JobInfo>> runningByPool = new ArrayList<>();
    private final double[] unitCharge = new double[ResourceKind.COUNT];
    private int attempts;
    private String lastRefusal;

    VictimSearch(Session session, List<VictimRule> rules, Eviction.Kind kind, VictimOrder victimOrder,
                 Function<JobInfo, String> reasonFor) {
        this.session = session;
        this.rules = rules;
        this.kind = kind;
        this.victimOrder = victimOrder;
        this.reasonFor = reasonFor;
        for (int p = 0; p < session.pools.size(); p++) {
            runningByPool.add(new ArrayList<>());
        }
        for (JobInfo job : session.jobs) {
            if (job.stillRunning > 0 && job.preemptible) {
                runningByPool.get(job.activePool().index).add(job);
            }
        }
    }

    /** Tries to run the job by evicting victims, pool by pool; true when it was placed. */
    boolean run(JobInfo job, String scope) {
        lastRefusal = null;
        List<TaskInfo> waiting = session.waitingTasks(job);
        if (waiting.isEmpty() || job.gangShortfall() > waiting.size() || attempts >= MAX_ATTEMPTS_PER_CYCLE) {
            return false;
        }
        int together = Math.max(1, job.gangShortfall());
        String memo = scope + job.queue.name;
        for (PoolInfo pool : session.poolsFor(job)) {
            if (runningByPool.get(pool.index).isEmpty()) {
                continue;
            }
            String remembered = session.rememberedFailure(memo, job, pool);
            if (remembered != null) {
                lastRefusal = remembered.isEmpty() ? lastRefusal : remembered;
                continue;
            }
            attempts++;
            long version = session.versionFor(scope, pool);
            double[] request = session.request(waiting, together, pool);
            if (tryInPool(job, waiting, together, pool, request)) {
                return true;
            }
            session.remember(memo, job, pool, version, lastRefusal == null ? "" : lastRefusal);
        }
        return false;
    }

    private boolean tryInPool(JobInfo job, List<TaskInfo> waiting, int together, PoolInfo pool, double[] request) {
        int checkpoint = session.statement.checkpoint();
        List<List<TaskInfo>> evicted = new ArrayList<>();
        while (true) {
            List<TaskInfo> unit = nextUnit(job, request, pool);
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
        return session.allocationRefusal(job, pool, request) == null
                && session.placeTogether(job, waiting, together, pool) == null;
    }

    /** The next victim unit: pods above an elastic minimum before whole gangs, then by victim order. */
    private List<TaskInfo> nextUnit(JobInfo claimant, double[] request, PoolInfo pool) {
        JobInfo best = null;
        List<TaskInfo> bestUnit = null;
        boolean bestSpare = false;
        for (JobInfo victim : runningByPool.get(pool.index)) {
            if (victim == claimant || victim.stillRunning == 0) {
                continue;
            }
            boolean spare = victim.active > victim.minMember;
            if (best != null && (bestSpare && !spare
                    || bestSpare == spare && victimOrder.compare(victim, best, pool) >= 0)) {
                continue;
            }
            List<List<TaskInfo>> units = session.victimUnits(victim);
            if (!units.isEmpty() && refusal(claimant, request, units.getFirst(), pool) == null) {
                best = victim;
                bestUnit = units.getFirst();
                bestSpare = spare;
            }
        }
        return bestUnit;
    }

    /** Why the unit may not be evicted for the claimant, or null; remembers the last refusal. */
    private String refusal(JobInfo claimant, double[] request, List<TaskInfo> unit, PoolInfo pool) {
        java.util.Arrays.fill(unitCharge, 0);
        double[] one = new double[ResourceKind.COUNT];
        for (TaskInfo task : unit) {
            if (task.status != TaskStatus.RUNNING && task.status != TaskStatus.ALLOCATED) {
                return "already evicted";
            }
            task.charge(pool, one);
            for (int r = 0; r < ResourceKind.COUNT; r++) {
                unitCharge[r] += one[r];
            }
        }
        for (VictimRule rule : rules) {
            String refusal = rule.refusal(claimant, request, unit.getFirst().job, unitCharge, pool);
            if (refusal != null) {
                lastRefusal = refusal;
                return refusal;
            }
        }
        return null;
    }

    /** The last reason a victim was refused, to explain why a job stays pending. */
    String lastRefusal() {
        return lastRefusal;
    }

    private void evict(List<TaskInfo> unit, JobInfo claimant) {
        String reason = reasonFor.apply(claimant);
        for (TaskInfo task : unit) {
            session.statement.evict(task, kind, reason);
        }
    }

    /** How far a queue is over what it may keep, for picking the reclaim victim queue. */
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
