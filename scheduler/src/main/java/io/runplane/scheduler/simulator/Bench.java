package io.runplane.scheduler.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.runplane.scheduler.Binding;
import io.runplane.scheduler.ClusterSnapshot;
import io.runplane.scheduler.CycleResult;
import io.runplane.scheduler.JobSpec;
import io.runplane.scheduler.NodePoolSpec;
import io.runplane.scheduler.NodeSpec;
import io.runplane.scheduler.QueueSpec;
import io.runplane.scheduler.Resources;
import io.runplane.scheduler.Scheduler;
import io.runplane.scheduler.TaskSpec;
import io.runplane.scheduler.plugins.priority.PriorityPlugin;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Generates a synthetic cluster (two pools, departments and projects with quotas, running and
 * pending pods: whole GPUs, fractions, gangs, elastic jobs, CPU-only pods) and times full cycles
 * over it. The same snapshot is scheduled {@code cycles} times (with new records of every job, or of
 * the jobs the last cycle decided on, if asked); the first run includes JIT warm-up.
 */
final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BenchOptions options;
    private final Random random;
    private final List<NodeSpec> nodes = new ArrayList<>();
    private final List<QueueSpec> queues = new ArrayList<>();
    private final List<String> projects = new ArrayList<>();
    private final List<JobSpec> jobs = new ArrayList<>();
    private double[][] deviceUsed;
    private long[] cpuUsed;
    private int[] cursor;
    private int poolBStart;
    private int runningPods;

    private Bench(BenchOptions options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    static String run(BenchOptions options) {
        long start = System.nanoTime();
        Bench bench = new Bench(options);
        ClusterSnapshot snapshot = bench.generate();
        double generateMillis = (System.nanoTime() - start) / 1e6;
        Scheduler scheduler = new Scheduler();
        List<Map<String, Object>> cycles = new ArrayList<>();
        double[] millis = new double[options.cycles()];
        double[] cpuMillis = new double[options.cycles()];
        double[] allocatedMiB = new double[options.cycles()];
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int bindings = 0;
        ClusterSnapshot input = snapshot;
        for (int c = 0; c < options.cycles(); c++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long allocatedStart = threads.getCurrentThreadAllocatedBytes();
            long cycleStart = System.nanoTime();
            CycleResult result = scheduler.cycle(input);
            millis[c] = (System.nanoTime() - cycleStart) / 1e6;
            cpuMillis[c] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            allocatedMiB[c] = (threads.getCurrentThreadAllocatedBytes() - allocatedStart) / 1048576.0;
            bindings = result.bindings().size();
            input = nextInput(options.records(), input, result);
            Map<String, Object> cycle = new LinkedHashMap<>();
            cycle.put("cycle", c + 1);
            cycle.put("millis", SimulationReport.millis(millis[c]));
            cycle.put("cpuMillis", SimulationReport.millis(cpuMillis[c]));
            cycle.put("allocatedMiB", Math.round(allocatedMiB[c]));
            cycle.put("bindings", bindings);
            cycle.put("evictions", result.evictions().size());
            cycle.put("pending", result.pending().size());
            cycle.put("placementsPerSecond", Math.round(bindings / (millis[c] / 1000.0)));
            cycles.add(cycle);
        }
        Runtime runtime = Runtime.getRuntime();
        long usedBeforeGc = runtime.totalMemory() - runtime.freeMemory();
        System.gc();
        long usedAfterGc = runtime.totalMemory() - runtime.freeMemory();
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double[] sortedCpu = cpuMillis.clone();
        Arrays.sort(sortedCpu);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("nodes", options.nodes());
        report.put("gpusPerNode", options.gpusPerNode());
        report.put("pods", options.pods());
        report.put("runningPods", bench.runningPods);
        report.put("pendingPods", options.pods() - bench.runningPods);
        report.put("jobs", bench.jobs.size());
        report.put("queues", bench.queues.size());
        report.put("seed", options.seed());
        report.put("generateMillis", SimulationReport.millis(generateMillis));
        report.put("cycles", cycles);
        report.put("firstCycleMillis", SimulationReport.millis(millis[0]));
        report.put("medianCycleMillis", SimulationReport.millis(median));
        report.put("bestCycleMillis", SimulationReport.millis(sorted[0]));
        report.put("medianCycleCpuMillis", SimulationReport.millis(sortedCpu[sortedCpu.length / 2]));
        double[] sortedAllocated = allocatedMiB.clone();
        Arrays.sort(sortedAllocated);
        report.put("medianCycleAllocatedMiB", Math.round(sortedAllocated[sortedAllocated.length / 2]));
        report.put("placementsPerSecond", Math.round(bindings / (median / 1000.0)));
        report.put("heapUsedMiB", usedBeforeGc >> 20);
        report.put("heapLiveAfterGcMiB", usedAfterGc >> 20);
        report.put("maxHeapMiB", runtime.maxMemory() >> 20);
        try {
            return JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The snapshot of the next cycle: the same one, with new records of the jobs that the options name. */
    private static ClusterSnapshot nextInput(BenchOptions.JobRecords records, ClusterSnapshot last, CycleResult result) {
        if (records == BenchOptions.JobRecords.SAME) {
            return last;
        }
        Set<String> decided = new HashSet<>();
        result.bindings().forEach(b -> decided.add(b.job()));
        result.evictions().forEach(e -> decided.add(e.job()));
        List<JobSpec> jobs = new ArrayList<>(last.jobs().size());
        for (JobSpec j : last.jobs()) {
            jobs.add(records == BenchOptions.JobRecords.ALL || decided.contains(j.name()) ? newRecord(j) : j);
        }
        return new ClusterSnapshot(last.pools(), last.nodes(), last.queues(), jobs, last.nowMillis());
    }

    private static JobSpec newRecord(JobSpec j) {
        List<TaskSpec> tasks = new ArrayList<>(j.tasks().size());
        for (TaskSpec t : j.tasks()) {
            tasks.add(new TaskSpec(t.name(), t.gpu(), t.gpuMemoryMiB(), t.cpuMillis(), t.memoryMiB(), t.bound(),
                    t.gpuLimit(), t.gpuInUse()));
        }
        return new JobSpec(j.name(), j.queue(), j.priority(), j.preemptible(), j.minMember(), j.nodePools(),
                j.nodeSelector(), j.tolerations(), j.submitOrder(), tasks);
    }

    private ClusterSnapshot generate() {
        int n = options.nodes();
        poolBStart = n >= 4 ? n - n / 4 : n;
        List<NodePoolSpec> pools = new ArrayList<>();
        pools.add(NodePoolSpec.binpack("pool-a"));
        if (poolBStart < n) {
            pools.add(new NodePoolSpec("pool-b", NodePoolSpec.Placement.SPREAD, NodePoolSpec.Placement.SPREAD));
        }
        for (int i = 0; i < n; i++) {
            boolean b = i >= poolBStart;
            nodes.add(new NodeSpec("node-" + i, b ? "pool-b" : "pool-a", options.gpusPerNode(), 81_920, 128_000,
                    1_048_576, Map.of("run.ai/type", b ? "a100" : "h100"), List.of(), false));
        }
        deviceUsed = new double[n][options.gpusPerNode()];
        cpuUsed = new long[n];
        cursor = new int[] {0, poolBStart};
        generateQueues();
        int pods = 0;
        long order = 0;
        while (pods < options.pods()) {
            pods += generateJob(order++, options.pods() - pods);
        }
        return new ClusterSnapshot(pools, nodes, queues, jobs, 0);
    }

    private void generateQueues() {
        int projectCount = options.queues();
        int departments = Math.max(1, projectCount / 8);
        double gpus = (double) options.nodes() * options.gpusPerNode();
        double perProject = Math.floor(gpus * 0.9 / projectCount);
        double[] departmentQuota = new double[departments];
        List<QueueSpec> leaves = new ArrayList<>();
        for (int p = 0; p < projectCount; p++) {
            int department = p % departments;
            double quota = Math.max(0, Math.round(perProject * (0.5 + random.nextDouble())));
            departmentQuota[department] += quota;
            Resources limit = p % 7 == 3 ? new Resources(quota * 2, -1, -1) : Resources.UNLIMITED;
            String name = "project-" + p;
            leaves.add(new QueueSpec(name, Optional.of("department-" + department), Resources.gpus(quota), Map.of(),
                    1 + random.nextInt(3), limit, 100));
            projects.add(name);
        }
        for (int d = 0; d < departments; d++) {
            queues.add(new QueueSpec("department-" + d, Optional.empty(), Resources.gpus(departmentQuota[d]), Map.of(),
                    1, Resources.UNLIMITED, 100));
        }
        queues.addAll(leaves);
    }

    /** Adds one job; returns its pod count. */
    private int generateJob(long order, int podsLeft) {
        String project = projects.get((int) Math.min(projects.size() - 1,
                Math.floor(Math.pow(random.nextDouble(), 1.5) * projects.size())));
        double kind = options.singleGpuOnly() ? 0 : random.nextDouble();
        int tasks = 1;
        double gpu;
        long cpu = 2_000;
        int priority = PriorityPlugin.TRAIN;
        int minMember = 1;
        if (kind < 0.12) {
            gpu = 1;
        } else if (kind < 0.42) {
            gpu = new double[] {0.1, 0.25, 0.5}[random.nextInt(3)];
            priority = random.nextInt(3) == 0 ? PriorityPlugin.BUILD : PriorityPlugin.INTERACTIVE_PREEMPTIBLE;
        } else if (kind < 0.46) {
            gpu = 1;
            tasks = Math.min(podsLeft, 2 + random.nextInt(3));
            minMember = random.nextInt(4) == 0 ? Math.max(1, tasks / 2) : tasks;
        } else if (kind < 0.465) {
            gpu = options.gpusPerNode();
        } else {
            gpu = 0;
            cpu = 1_000 + 1_000L * random.nextInt(3);
            priority = random.nextInt(2) == 0 ? PriorityPlugin.INFERENCE : PriorityPlugin.TRAIN;
        }
        int pool = random.nextInt(4) == 0 && poolBStart < options.nodes() ? 1 : 0;
        boolean running = random.nextDouble() < options.runningFraction();
        List<TaskSpec> specs = new ArrayList<>(tasks);
        List<Binding.Placement> placements = running ? placeAll(tasks, gpu, cpu, pool) : null;
        for (int t = 0; t < tasks; t++) {
            Optional<Binding.Placement> bound = placements == null ? Optional.empty() : Optional.of(placements.get(t));
            specs.add(new TaskSpec(String.valueOf(t), gpu, 0, cpu, 8_192, bound));
        }
        if (placements != null) {
            runningPods += tasks;
        }
        jobs.add(new JobSpec("job-" + order, project, priority, priority < PriorityPlugin.NON_PREEMPTIBLE_FROM,
                minMember, List.of(pool == 0 ? "pool-a" : "pool-b"), Map.of(), List.of(), order, specs));
        return tasks;
    }

    private List<Binding.Placement> placeAll(int tasks, double gpu, long cpu, int pool) {
        List<Binding.Placement> placements = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            Binding.Placement placement = placeOne(gpu, cpu, pool);
            if (placement == null) {
                for (Binding.Placement undo : placements) {
                    release(undo, gpu, cpu);
                }
                return null;
            }
            placements.add(placement);
        }
        return placements;
    }

    private Binding.Placement placeOne(double gpu, long cpu, int pool) {
        int from = pool == 0 ? 0 : poolBStart;
        int to = pool == 0 ? poolBStart : options.nodes();
        int span = to - from;
        for (int tries = 0; tries < Math.min(span, 64); tries++) {
            int node = from + (cursor[pool] - from + tries) % span;
            List<Integer> devices = devicesOn(node, gpu);
            if (devices != null && cpuUsed[node] + cpu <= 128_000) {
                for (int d : devices) {
                    deviceUsed[node][d] += gpu >= 1 ? 1 : gpu;
                }
                cpuUsed[node] += cpu;
                cursor[pool] = node;
                return new Binding.Placement("node-" + node, devices, gpu >= 1 ? 1 : gpu);
            }
        }
        cursor[pool] = from + (cursor[pool] - from + 1) % span;
        return null;
    }

    private List<Integer> devicesOn(int node, double gpu) {
        double[] used = deviceUsed[node];
        List<Integer> devices = new ArrayList<>();
        if (gpu >= 1) {
            for (int d = 0; d < used.length && devices.size() < gpu; d++) {
                if (used[d] == 0) {
                    devices.add(d);
                }
            }
            return devices.size() == (int) gpu ? devices : null;
        }
        if (gpu > 0) {
            for (int d = 0; d < used.length; d++) {
                if (used[d] > 0 && used[d] + gpu <= 1 + 1e-9) {
                    return List.of(d);
                }
            }
            for (int d = 0; d < used.length; d++) {
                if (used[d] == 0) {
                    return List.of(d);
                }
            }
            return null;
        }
        return devices;
    }

    private void release(Binding.Placement placement, double gpu, long cpu) {
        int node = Integer.parseInt(placement.node().substring("node-".length()));
        for (int d : placement.gpuIndices()) {
            deviceUsed[node][d] -= gpu >= 1 ? 1 : gpu;
        }
        cpuUsed[node] -= cpu;
    }
}
