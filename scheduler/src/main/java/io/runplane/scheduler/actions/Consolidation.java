package io.runplane.scheduler.actions;

import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.NodeInfo;
import io.runplane.scheduler.api.PendingReason;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.api.ResourceKind;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.api.TaskStatus;
import io.runplane.scheduler.framework.Action;
import io.runplane.scheduler.framework.Session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Defragments a pool for a pending job that fails only because free GPUs are scattered: moves
 * preemptible running pods off the node that needs the fewest moves, places the job, then
 * re-places every moved pod elsewhere in the pool. Either all of that happens or none of it.
 */
public final class Consolidation implements Action {

    private static final int MAX_ATTEMPTS_PER_CYCLE = 64;

    @Override
    public String name() {
        return "consolidation";
    }

    @Override
    public void execute(Session session) {
        List<JobInfo> pending = session.jobsWaiting();
        List<List<TaskInfo>> onNode = null;
        int attempts = 0;
        for (JobInfo job : pending) {
            List<TaskInfo> waiting = session.waitingTasks(job);
            if (waiting.isEmpty() || job.gangShortfall() > waiting.size()) {
                continue;
            }
            int together = Math.max(1, job.gangShortfall());
            for (PoolInfo pool : session.poolsFor(job)) {
                double[] request = session.request(waiting, together, pool);
                if (request[ResourceKind.GPU] <= ResourceKind.EPSILON
                        || pool.freeGpus() + ResourceKind.EPSILON < request[ResourceKind.GPU]
                        || !session.allocationAllowed(job, pool, request, false)
                        || session.rememberedFailure("consolidate", job, pool) != null) {
                    continue;
                }
                if (attempts++ >= MAX_ATTEMPTS_PER_CYCLE) {
                    return;
                }
                if (onNode == null) {
                    onNode = session.initiallyOnNode();
                }
                long version = session.versionFor("consolidate", pool);
                int checkpoint = session.statement.checkpoint();
                if (consolidate(session, job, waiting, together, pool, onNode)) {
                    job.pendingReason = null;
                    session.statement.commit();
                    break;
                }
                session.statement.rollback(checkpoint);
                session.remember("consolidate", job, pool, version, PendingReason.of("cannot defragment"));
            }
        }
    }

    private static boolean consolidate(Session session, JobInfo job, List<TaskInfo> waiting, int together,
                                       PoolInfo pool, List<List<TaskInfo>> onNode) {
        List<TaskInfo> moved = new ArrayList<>();
        String reason = "moved to defragment pool " + pool.name + " for workload " + job.name;
        for (int i = 0; i < together; i++) {
            TaskInfo task = waiting.get(i);
            if (session.placer().place(session, task, pool)) {
                continue;
            }
            NodeInfo target = target(session, task, job, pool, onNode);
            if (target == null) {
                return false;
            }
            boolean placed = false;
            for (TaskInfo occupant : movableByDevice(target, onNode.get(target.index), job)) {
                if (occupant.status != TaskStatus.RUNNING) {
                    continue;
                }
                session.statement.evict(occupant, Eviction.Kind.CONSOLIDATED, reason);
                moved.add(occupant);
                if (session.placer().placeOn(session, task, target)) {
                    placed = true;
                    break;
                }
            }
            if (!placed) {
                return false;
            }
        }
        for (TaskInfo task : moved) {
            if (!session.placer().place(session, task, pool)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The node that needs the fewest moves to host the task, walking nodes from the most idle GPUs
     * down and stopping once no node with fewer idle GPUs could need fewer moves.
     */
    private static NodeInfo target(Session session, TaskInfo task, JobInfo job, PoolInfo pool,
                                   List<List<TaskInfo>> onNode) {
        int devices = Math.max(1, task.wholeGpus);
        NodeInfo target = null;
        int fewestMoves = Integer.MAX_VALUE;
        for (int idle = Math.min(devices - 1, pool.maxGpusPerNode()); idle >= 0; idle--) {
            if (fewestMoves <= devices - idle) {
                break;
            }
            for (NodeInfo node = pool.firstWithFreeGpus(idle); node != null; node = PoolInfo.nextInBucket(node)) {
                if (!session.placer().admits(task, node)) {
                    continue;
                }
                int moves = movesToFree(node, onNode.get(node.index), job, devices);
                if (moves > 0 && moves < fewestMoves) {
                    fewestMoves = moves;
                    target = node;
                    if (moves == devices - idle) {
                        break;
                    }
                }
            }
        }
        return target;
    }

    /** How many pods must move for {@code devices} devices of the node to be idle; -1 if impossible. */
    private static int movesToFree(NodeInfo node, List<TaskInfo> occupants, JobInfo job, int devices) {
        int idle = node.freeWholeGpus();
        if (idle >= devices) {
            return -1;
        }
        int[] blockers = new int[node.gpuCount];
        boolean[] pinned = new boolean[node.gpuCount];
        for (TaskInfo task : occupants) {
            if (task.status != TaskStatus.RUNNING) {
                continue;
            }
            boolean movable = task.job != job && task.job.preemptible;
            for (int device : task.devices) {
                blockers[device]++;
                pinned[device] |= !movable;
            }
        }
        int[] costs = new int[node.gpuCount];
        int candidates = 0;
        for (int d = 0; d < node.gpuCount; d++) {
            if (node.deviceUsed(d) > ResourceKind.EPSILON && !pinned[d] && !node.heldByForeignPod(d)) {
                costs[candidates++] = blockers[d];
            }
        }
        if (idle + candidates < devices) {
            return -1;
        }
        Arrays.sort(costs, 0, candidates);
        int moves = 0;
        for (int i = 0; i < devices - idle; i++) {
            moves += costs[i];
        }
        return moves;
    }

    /** Movable pods of the node, those on the least crowded devices first. */
    private static List<TaskInfo> movableByDevice(NodeInfo node, List<TaskInfo> occupants, JobInfo job) {
        List<TaskInfo> movable = new ArrayList<>();
        for (TaskInfo task : occupants) {
            if (task.status == TaskStatus.RUNNING && task.job != job && task.job.preemptible) {
                movable.add(task);
            }
        }
        int[] crowd = new int[node.gpuCount];
        for (TaskInfo task : movable) {
            for (int device : task.devices) {
                crowd[device]++;
            }
        }
        movable.sort((a, b) -> Integer.compare(crowding(a, crowd), crowding(b, crowd)));
        return movable;
    }

    private static int crowding(TaskInfo task, int[] crowd) {
        int most = 0;
        for (int device : task.devices) {
            most = Math.max(most, crowd[device]);
        }
        return most;
    }
}
