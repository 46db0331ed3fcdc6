package io.runplane.scheduler;

import io.runplane.scheduler.framework.Action;
import io.runplane.scheduler.framework.KnownJobs;
import io.runplane.scheduler.framework.Plugin;
import io.runplane.scheduler.framework.Session;
import io.runplane.scheduler.framework.SessionFactory;
import io.runplane.scheduler.framework.SessionResults;
import io.runplane.scheduler.framework.StaleGangClock;
import io.runplane.scheduler.api.NodeInfo;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.api.QueueInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session that reuses the jobs of the last one holds exactly what a full build holds, on every
 * node, pool and queue, when it opens and after the cycle, and decides the same: random clusters
 * with a node-level pool, swap-enabled nodes, pods of other schedulers and dynamic fractions run
 * over many cycles with the decisions applied (bindings, evictions, device reassignments) and with
 * pods completing, arriving and moving, and now and then a node changing. The full build gets
 * copies of every record, so it can never reuse anything.
 */
class ReusedJobsFiguresTest {

    private static final int CYCLES = 14;

    private static int evictions;
    private static int reassignments;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24})
    void holdsAndDecidesAsAFullBuildEveryCycle(long seed) {
        RandomCluster cluster = new RandomCluster(new Random(seed));
        KnownJobs known = new KnownJobs();
        List<Plugin> keptPlugins = SchedulingPipeline.plugins(null);
        List<Plugin> builtPlugins = SchedulingPipeline.plugins(null);
        StaleGangClock keptClock = new StaleGangClock(60_000);
        StaleGangClock builtClock = new StaleGangClock(60_000);
        List<Action> actions = SchedulingPipeline.actions();
        int decisions = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            ClusterSnapshot snapshot = cluster.snapshot(cycle * 25_000L);
            Session kept = SessionFactory.open(snapshot, keptClock, keptPlugins, known);
            Session built = SessionFactory.open(copyOf(snapshot), builtClock, builtPlugins);
            assertThat(figures(kept)).as("figures at the open of cycle %d", cycle).isEqualTo(figures(built));
            for (Action action : actions) {
                action.execute(kept);
                action.execute(built);
            }
            assertThat(figures(kept)).as("figures at the end of cycle %d", cycle).isEqualTo(figures(built));
            CycleResult fromKept = SessionResults.of(kept);
            CycleResult fromBuilt = SessionResults.of(built);
            assertThat(fromKept).as("decisions of cycle %d", cycle).isEqualTo(fromBuilt);
            decisions += fromKept.bindings().size() + fromKept.evictions().size();
            evictions += fromKept.evictions().size();
            reassignments += fromKept.reassignments().size();
            cluster.apply(fromKept);
            cluster.change(cycle);
        }
        assertThat(decisions).as("the scenario made decisions to compare").isPositive();
    }

    @AfterAll
    static void theSeedsEvictedAndMovedPods() {
        assertThat(evictions).as("evictions over all seeds").isPositive();
        assertThat(reassignments).as("device reassignments over all seeds").isPositive();
    }

    /** Every figure a node, pool and queue holds, written exactly. */
    private static List<String> figures(Session session) {
        List<String> figures = new ArrayList<>();
        for (NodeInfo node : session.nodes) {
            StringBuilder line = new StringBuilder(node.name).append(':');
            for (int d = 0; d < node.gpuCount; d++) {
                line.append(' ').append(node.deviceUsed(d)).append('/').append(node.fractionsOn(d));
            }
            figures.add(line.append(" whole=").append(node.freeWholeGpus()).append(" shared=")
                    .append(node.hasSharedDevices()).append(" room=").append(node.largestSharedRoom())
                    .append(" cpu=").append(node.freeCpu()).append(" memory=").append(node.freeMemory())
                    .append(" swapped=").append(node.swappedShares()).toString());
        }
        for (PoolInfo pool : session.pools) {
            figures.add(pool.name + ": free=" + pool.freeGpus() + " capacity=" + Arrays.toString(pool.capacity));
        }
        for (QueueInfo queue : session.queues) {
            figures.add(queue.name + ": allocated=" + Arrays.deepToString(queue.allocated)
                    + " nonPreemptible=" + Arrays.deepToString(queue.allocatedNonPreemptible)
                    + " requested=" + Arrays.deepToString(queue.requested)
                    + " fair=" + Arrays.deepToString(queue.fairShare));
        }
        return figures;
    }

    private static ClusterSnapshot copyOf(ClusterSnapshot snapshot) {
        List<NodePoolSpec> pools = new ArrayList<>();
        for (NodePoolSpec p : snapshot.pools()) {
            pools.add(new NodePoolSpec(p.name(), p.gpuPlacement(), p.cpuPlacement(), p.workloadsPerGpu()));
        }
        List<NodeSpec> nodes = new ArrayList<>();
        for (NodeSpec n : snapshot.nodes()) {
            nodes.add(new NodeSpec(n.name(), n.pool(), n.gpus(), n.gpuMemoryMiB(), n.cpuMillis(), n.memoryMiB(),
                    n.labels(), n.taints(), n.unschedulable(), n.foreignPods(), n.swapMiB()));
        }
        List<QueueSpec> queues = new ArrayList<>();
        for (QueueSpec q : snapshot.queues()) {
            queues.add(new QueueSpec(q.name(), q.parent(), q.deserved(), q.deservedByPool(), q.overQuotaWeight(),
                    q.limit(), q.priority()));
        }
        List<JobSpec> jobs = new ArrayList<>();
        for (JobSpec j : snapshot.jobs()) {
            List<TaskSpec> tasks = new ArrayList<>();
            for (TaskSpec t : j.tasks()) {
                tasks.add(new TaskSpec(t.name(), t.gpu(), t.gpuMemoryMiB(), t.cpuMillis(), t.memoryMiB(), t.bound(),
                        t.gpuLimit(), t.gpuInUse(), t.idle()));
            }
            jobs.add(new JobSpec(j.name(), j.queue(), j.priority(), j.preemptible(), j.minMember(), j.nodePools(),
                    j.nodeSelector(), j.tolerations(), j.submitOrder(), tasks));
        }
        return new ClusterSnapshot(pools, nodes, queues, jobs, snapshot.nowMillis());
    }

    /** A small random cluster that keeps the record of every job and node it does not change. */
    private static final class RandomCluster {

        private static final int GPUS = 4;
        private static final int NODES = 14;

        private final Random random;
        private final List<NodePoolSpec> pools = List.of(NodePoolSpec.binpack("pool-a"),
                new NodePoolSpec("pool-b", NodePoolSpec.Placement.SPREAD, NodePoolSpec.Placement.BINPACK),
                new NodePoolSpec("pool-c", NodePoolSpec.Placement.BINPACK, NodePoolSpec.Placement.BINPACK, 3));
        private final List<NodeSpec> nodes = new ArrayList<>();
        private final List<QueueSpec> queues = new ArrayList<>();
        private final List<JobSpec> jobs = new ArrayList<>();
        private long submitted;

        RandomCluster(Random random) {
            this.random = random;
            for (int i = 0; i < NODES; i++) {
                nodes.add(node(i, false));
            }
            queues.add(QueueSpec.department("research", Resources.gpus(24)));
            queues.add(QueueSpec.department("product", Resources.gpus(24)));
            for (int p = 0; p < 5; p++) {
                Resources limit = p == 3 ? new Resources(14, -1, -1) : Resources.UNLIMITED;
                queues.add(new QueueSpec("project-" + p, Optional.of(p % 2 == 0 ? "research" : "product"),
                        Resources.gpus(2 + random.nextInt(10)), Map.of(), random.nextInt(4), limit, 100));
            }
            for (int j = 0; j < 60; j++) {
                jobs.add(job(random.nextDouble() < 0.6));
            }
        }

        ClusterSnapshot snapshot(long nowMillis) {
            return new ClusterSnapshot(pools, nodes, queues, jobs, nowMillis);
        }

        private static String poolOf(int i) {
            return i < 6 ? "pool-a" : i < 10 ? "pool-b" : "pool-c";
        }

        /** Nodes 4 and 11 run a pod of another scheduler; nodes 8 and 12 may swap idle fractions out. */
        private NodeSpec node(int i, boolean unschedulable) {
            Map<String, String> labels = new HashMap<>();
            labels.put("run.ai/type", i % 3 == 0 ? "a100" : "h100");
            if (i == 8 || i == 12) {
                labels.put(NodeSpec.SWAP_LABEL, "true");
            }
            List<ForeignPod> foreign = i == 4 || i == 11
                    ? List.of(new ForeignPod("other-" + i, List.of(1), 0.5, 2_000, 8_192)) : List.of();
            return new NodeSpec("node-" + i, poolOf(i), GPUS, 40_960, 32_000, 262_144, labels, List.of(),
                    unschedulable, foreign, i == 12 ? 20_480 : 0);
        }

        private JobSpec job(boolean running) {
            long order = submitted++;
            double kind = random.nextDouble();
            int tasks = 1;
            int minMember = 1;
            double gpu;
            long gpuMemory = 0;
            long cpu = 1_000;
            double limit = 0;
            double inUse = 0;
            boolean idle = false;
            if (kind < 0.2) {
                gpu = 1 + random.nextInt(2);
            } else if (kind < 0.5) {
                gpu = new double[] {0.1, 0.25, 0.5, 0.3}[random.nextInt(4)];
                idle = random.nextInt(3) == 0;
                if (random.nextInt(4) == 0) {
                    limit = Math.min(1, gpu * 2);
                    inUse = gpu + (limit - gpu) * random.nextDouble();
                }
            } else if (kind < 0.58) {
                gpu = 0;
                gpuMemory = 10_240;
            } else if (kind < 0.76) {
                gpu = 1;
                tasks = 2 + random.nextInt(3);
                minMember = random.nextBoolean() ? tasks : 1 + random.nextInt(tasks);
            } else if (kind < 0.8) {
                gpu = GPUS;
            } else {
                gpu = 0;
                cpu = 2_000 + 1_000L * random.nextInt(4);
            }
            int priority = new int[] {50, 75, 100, 125}[random.nextInt(4)];
            List<String> preference = switch (random.nextInt(5)) {
                case 0 -> List.of();
                case 1 -> List.of("pool-b", "pool-a");
                case 2 -> List.of("pool-c");
                default -> List.of("pool-a");
            };
            Map<String, String> selector = random.nextInt(6) == 0 ? Map.of("run.ai/type", "h100") : Map.of();
            List<TaskSpec> specs = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                specs.add(new TaskSpec("pod-" + t, gpu, gpuMemory, cpu, 4_096, Optional.empty(), limit, inUse, idle));
            }
            JobSpec job = new JobSpec("job-" + order, "project-" + random.nextInt(5), priority, priority < 100,
                    minMember, preference, selector, List.of(), order, specs);
            return running ? placedAnywhere(job) : job;
        }

        /** The job as running on random nodes, device indices given or (sometimes) left to the scheduler. */
        private JobSpec placedAnywhere(JobSpec job) {
            List<TaskSpec> tasks = new ArrayList<>();
            for (TaskSpec t : job.tasks()) {
                tasks.add(withPlacement(t, Optional.of(randomPlacement(t))));
            }
            return withTasks(job, tasks, job.priority());
        }

        private Binding.Placement randomPlacement(TaskSpec t) {
            int node = random.nextInt(nodes.size());
            List<Integer> devices = new ArrayList<>();
            int wanted = t.gpu() >= 1 ? (int) t.gpu() : t.gpu() > 0 || t.gpuMemoryMiB() > 0 ? 1 : 0;
            if (random.nextInt(8) > 0) {
                for (int d = 0; d < wanted; d++) {
                    devices.add((random.nextInt(GPUS) + d) % GPUS);
                }
            }
            double share = t.gpu() >= 1 ? 1 : t.gpu();
            return new Binding.Placement("node-" + node, devices, share);
        }

        private static TaskSpec withPlacement(TaskSpec t, Optional<Binding.Placement> placement) {
            return new TaskSpec(t.name(), t.gpu(), t.gpuMemoryMiB(), t.cpuMillis(), t.memoryMiB(), placement,
                    t.gpuLimit(), t.gpuInUse(), t.idle());
        }

        private static JobSpec withTasks(JobSpec job, List<TaskSpec> tasks, int priority) {
            return new JobSpec(job.name(), job.queue(), priority, priority < 100, job.minMember(), job.nodePools(),
                    job.nodeSelector(), job.tolerations(), job.submitOrder(), tasks);
        }

        /** What the caller does with the decisions: evict, reassign devices, bind; only touched jobs change. */
        void apply(CycleResult result) {
            Map<String, Map<String, Optional<Binding.Placement>>> changes = new HashMap<>();
            for (Eviction eviction : result.evictions()) {
                changes.computeIfAbsent(eviction.job(), j -> new HashMap<>()).put(eviction.task(), Optional.empty());
            }
            Map<String, Map<String, List<Integer>>> moves = new HashMap<>();
            for (GpuReassignment move : result.reassignments()) {
                moves.computeIfAbsent(move.job(), j -> new HashMap<>()).put(move.task(), move.toGpuIndices());
            }
            for (Binding binding : result.bindings()) {
                changes.computeIfAbsent(binding.job(), j -> new HashMap<>()).put(binding.task(),
                        Optional.of(binding.placement()));
            }
            for (int i = 0; i < jobs.size(); i++) {
                JobSpec job = jobs.get(i);
                Map<String, Optional<Binding.Placement>> change = changes.getOrDefault(job.name(), Map.of());
                Map<String, List<Integer>> moved = moves.getOrDefault(job.name(), Map.of());
                if (change.isEmpty() && moved.isEmpty()) {
                    continue;
                }
                List<TaskSpec> tasks = new ArrayList<>();
                for (TaskSpec t : job.tasks()) {
                    Optional<Binding.Placement> placement = change.getOrDefault(t.name(), t.bound());
                    List<Integer> to = moved.get(t.name());
                    if (to != null && placement.isPresent()) {
                        Binding.Placement p = placement.get();
                        placement = Optional.of(new Binding.Placement(p.node(), to, p.gpuFraction()));
                    }
                    tasks.add(withPlacement(t, placement));
                }
                jobs.set(i, withTasks(job, tasks, job.priority()));
            }
        }

        /**
         * Changes between cycles: jobs complete and arrive, a running pod moves to another node, a
         * job changes priority, a job moves to the end of the list; now and then a node changes.
         */
        void change(int cycle) {
            for (int n = random.nextInt(3); n > 0 && !jobs.isEmpty(); n--) {
                jobs.remove(random.nextInt(jobs.size()));
            }
            for (int n = random.nextInt(4); n > 0; n--) {
                jobs.add(random.nextInt(jobs.size() + 1), job(random.nextInt(3) == 0));
            }
            if (random.nextBoolean() && !jobs.isEmpty()) {
                int i = random.nextInt(jobs.size());
                JobSpec job = jobs.get(i);
                List<TaskSpec> tasks = new ArrayList<>(job.tasks());
                int t = random.nextInt(tasks.size());
                if (tasks.get(t).bound().isPresent()) {
                    tasks.set(t, withPlacement(tasks.get(t), Optional.of(randomPlacement(tasks.get(t)))));
                    jobs.set(i, withTasks(job, tasks, job.priority()));
                }
            }
            if (random.nextBoolean() && !jobs.isEmpty()) {
                int i = random.nextInt(jobs.size());
                JobSpec job = jobs.get(i);
                jobs.set(i, withTasks(job, job.tasks(), job.priority() == 50 ? 75 : 50));
            }
            if (random.nextInt(3) == 0 && jobs.size() > 1) {
                jobs.add(jobs.remove(random.nextInt(jobs.size())));
            }
            if (cycle % 5 == 4) {
                int i = random.nextInt(nodes.size());
                nodes.set(i, node(i, !nodes.get(i).unschedulable()));
            }
        }
    }
}
