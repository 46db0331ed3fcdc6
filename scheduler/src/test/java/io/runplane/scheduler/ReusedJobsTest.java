package io.runplane.scheduler;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduler that reuses the jobs of its last cycle decides exactly as one that builds every
 * cycle from scratch: random clusters run over several cycles with the decisions applied and with
 * jobs added, removed, changed and moved, nodes changed, and time passing for stale gangs. The
 * from-scratch scheduler gets copies of every record, so it can never reuse anything.
 */
class ReusedJobsTest {

    private static final int CYCLES = 12;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void decidesAsAFullBuildOverCyclesWithChanges(long seed) {
        RandomCluster cluster = new RandomCluster(new Random(seed));
        Scheduler reusing = new Scheduler();
        Scheduler fromScratch = new Scheduler();
        int decisions = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            ClusterSnapshot snapshot = cluster.snapshot(cycle * 25_000L);
            CycleResult reused = reusing.cycle(snapshot);
            CycleResult built = fromScratch.cycle(copyOf(snapshot));
            assertThat(reused.bindings()).as("bindings of cycle %d", cycle).isEqualTo(built.bindings());
            assertThat(reused.evictions()).as("evictions of cycle %d", cycle).isEqualTo(built.evictions());
            assertThat(reused.pending()).as("pending reasons of cycle %d", cycle).isEqualTo(built.pending());
            assertThat(reused.queues()).as("queues of cycle %d", cycle).isEqualTo(built.queues());
            decisions += reused.bindings().size() + reused.evictions().size();
            cluster.apply(reused);
            cluster.change(cycle);
        }
        assertThat(decisions).as("the scenario made decisions to compare").isPositive();
    }

    private static ClusterSnapshot copyOf(ClusterSnapshot snapshot) {
        List<NodePoolSpec> pools = new ArrayList<>();
        for (NodePoolSpec pool : snapshot.pools()) {
            pools.add(new NodePoolSpec(pool.name(), pool.gpuPlacement(), pool.cpuPlacement()));
        }
        List<NodeSpec> nodes = new ArrayList<>();
        for (NodeSpec n : snapshot.nodes()) {
            nodes.add(new NodeSpec(n.name(), n.pool(), n.gpus(), n.gpuMemoryMiB(), n.cpuMillis(), n.memoryMiB(),
                    n.labels(), n.taints(), n.unschedulable()));
        }
        List<QueueSpec> queues = new ArrayList<>();
        for (QueueSpec q : snapshot.queues()) {
            queues.add(new QueueSpec(q.name(), q.parent(), q.deserved(), q.deservedByPool(), q.overQuotaWeight(),
                    q.limit(), q.priority()));
        }
        List<JobSpec> jobs = new ArrayList<>();
        for (JobSpec j : snapshot.jobs()) {
            jobs.add(new JobSpec(j.name(), j.queue(), j.priority(), j.preemptible(), j.minMember(), j.nodePools(),
                    j.nodeSelector(), j.tolerations(), j.submitOrder(), copyOf(j.tasks())));
        }
        return new ClusterSnapshot(pools, nodes, queues, jobs, snapshot.nowMillis());
    }

    private static List<TaskSpec> copyOf(List<TaskSpec> tasks) {
        List<TaskSpec> copies = new ArrayList<>();
        for (TaskSpec t : tasks) {
            copies.add(new TaskSpec(t.name(), t.gpu(), t.gpuMemoryMiB(), t.cpuMillis(), t.memoryMiB(), t.bound(),
                    t.gpuLimit()));
        }
        return copies;
    }

    /** A small random cluster that keeps the record of every job it does not change. */
    private static final class RandomCluster {

        private static final int GPUS = 4;

        private final Random random;
        private final List<NodePoolSpec> pools = List.of(NodePoolSpec.binpack("pool-a"),
                new NodePoolSpec("pool-b", NodePoolSpec.Placement.SPREAD, NodePoolSpec.Placement.BINPACK));
        private final List<NodeSpec> nodes = new ArrayList<>();
        private final List<QueueSpec> queues = new ArrayList<>();
        private final List<JobSpec> jobs = new ArrayList<>();
        private long submitted;

        RandomCluster(Random random) {
            this.random = random;
            for (int i = 0; i < 10; i++) {
                nodes.add(node(i, false));
            }
            queues.add(QueueSpec.department("research", Resources.gpus(16)));
            queues.add(QueueSpec.department("product", Resources.gpus(16)));
            for (int p = 0; p < 5; p++) {
                Resources limit = p == 3 ? new Resources(12, -1, -1) : Resources.UNLIMITED;
                queues.add(new QueueSpec("project-" + p, Optional.of(p % 2 == 0 ? "research" : "product"),
                        Resources.gpus(2 + random.nextInt(8)), Map.of(), random.nextInt(4), limit, 100));
            }
            for (int j = 0; j < 45; j++) {
                jobs.add(job(random.nextDouble() < 0.6));
            }
        }

        ClusterSnapshot snapshot(long nowMillis) {
            return new ClusterSnapshot(pools, nodes, queues, jobs, nowMillis);
        }

        private NodeSpec node(int i, boolean unschedulable) {
            return new NodeSpec("node-" + i, i < 7 ? "pool-a" : "pool-b", GPUS, 40_960, 32_000, 262_144,
                    Map.of("run.ai/type", i % 3 == 0 ? "a100" : "h100"), List.of(), unschedulable);
        }

        private JobSpec job(boolean running) {
            long order = submitted++;
            double kind = random.nextDouble();
            int tasks = 1;
            int minMember = 1;
            double gpu;
            long gpuMemory = 0;
            long cpu = 1_000;
            if (kind < 0.25) {
                gpu = 1 + random.nextInt(2);
            } else if (kind < 0.5) {
                gpu = new double[] {0.1, 0.25, 0.5}[random.nextInt(3)];
            } else if (kind < 0.58) {
                gpu = 0;
                gpuMemory = 10_240;
            } else if (kind < 0.78) {
                gpu = 1;
                tasks = 2 + random.nextInt(3);
                minMember = random.nextBoolean() ? tasks : 1 + random.nextInt(tasks);
            } else if (kind < 0.82) {
                gpu = GPUS;
            } else {
                gpu = 0;
                cpu = 2_000 + 1_000L * random.nextInt(4);
            }
            int priority = new int[] {50, 75, 100, 125}[random.nextInt(4)];
            List<String> preference = switch (random.nextInt(4)) {
                case 0 -> List.of();
                case 1 -> List.of("pool-b", "pool-a");
                default -> List.of("pool-a");
            };
            Map<String, String> selector = random.nextInt(6) == 0 ? Map.of("run.ai/type", "h100") : Map.of();
            List<TaskSpec> specs = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                specs.add(new TaskSpec("pod-" + t, gpu, gpuMemory, cpu, 4_096, Optional.empty()));
            }
            JobSpec job = new JobSpec("job-" + order, "project-" + random.nextInt(5), priority, priority < 100,
                    minMember, preference, selector, List.of(), order, specs);
            return running ? placedAnywhere(job) : job;
        }

        /** The job as running on random nodes, device indices given or (sometimes) left to the scheduler. */
        private JobSpec placedAnywhere(JobSpec job) {
            List<TaskSpec> tasks = new ArrayList<>();
            for (TaskSpec t : job.tasks()) {
                int node = random.nextInt(nodes.size());
                List<Integer> devices = new ArrayList<>();
                int wanted = t.gpu() >= 1 ? (int) t.gpu() : t.gpu() > 0 || t.gpuMemoryMiB() > 0 ? 1 : 0;
                if (random.nextInt(8) > 0) {
                    for (int d = 0; d < wanted; d++) {
                        devices.add((random.nextInt(GPUS) + d) % GPUS);
                    }
                }
                double share = t.gpu() >= 1 ? 1 : t.gpu();
                tasks.add(new TaskSpec(t.name(), t.gpu(), t.gpuMemoryMiB(), t.cpuMillis(), t.memoryMiB(),
                        Optional.of(new Binding.Placement("node-" + node, devices, share)), t.gpuLimit()));
            }
            return withTasks(job, tasks, job.priority());
        }

        private static JobSpec withTasks(JobSpec job, List<TaskSpec> tasks, int priority) {
            return new JobSpec(job.name(), job.queue(), priority, priority < 100, job.minMember(), job.nodePools(),
                    job.nodeSelector(), job.tolerations(), job.submitOrder(), tasks);
        }

        /** What the caller of a scheduler does with its decisions: evict, then bind; only touched jobs change. */
        void apply(CycleResult result) {
            Map<String, Map<String, Optional<Binding.Placement>>> changes = new HashMap<>();
            for (Eviction eviction : result.evictions()) {
                changes.computeIfAbsent(eviction.job(), j -> new HashMap<>()).put(eviction.task(), Optional.empty());
            }
            for (Binding binding : result.bindings()) {
                changes.computeIfAbsent(binding.job(), j -> new HashMap<>()).put(binding.task(),
                        Optional.of(binding.placement()));
            }
            for (int i = 0; i < jobs.size(); i++) {
                JobSpec job = jobs.get(i);
                Map<String, Optional<Binding.Placement>> change = changes.get(job.name());
                if (change == null) {
                    continue;
                }
                List<TaskSpec> tasks = new ArrayList<>();
                for (TaskSpec t : job.tasks()) {
                    tasks.add(new TaskSpec(t.name(), t.gpu(), t.gpuMemoryMiB(), t.cpuMillis(), t.memoryMiB(),
                            change.getOrDefault(t.name(), t.bound()), t.gpuLimit()));
                }
                jobs.set(i, withTasks(job, tasks, job.priority()));
            }
        }

        /** Changes between cycles: jobs end, arrive, change priority and move; now and then a node changes. */
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
                jobs.set(i, withTasks(job, job.tasks(), job.priority() == 50 ? 75 : 50));
            }
            if (random.nextBoolean() && jobs.size() > 1) {
                jobs.add(jobs.remove(random.nextInt(jobs.size())));
            }
            if (cycle % 4 == 3) {
                int i = random.nextInt(nodes.size());
                nodes.set(i, node(i, !nodes.get(i).unschedulable()));
            }
        }
    }
}
