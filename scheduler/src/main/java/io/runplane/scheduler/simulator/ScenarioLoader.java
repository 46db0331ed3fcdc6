package io.runplane.scheduler.simulator;

import io.runplane.scheduler.Binding;
import io.runplane.scheduler.ForeignPod;
import io.runplane.scheduler.JobSpec;
import io.runplane.scheduler.NodePoolSpec;
import io.runplane.scheduler.NodeSpec;
import io.runplane.scheduler.QueueSpec;
import io.runplane.scheduler.Resources;
import io.runplane.scheduler.Scheduler;
import io.runplane.scheduler.Taint;
import io.runplane.scheduler.TaskSpec;
import io.runplane.scheduler.TimeBasedFairness;
import io.runplane.scheduler.Toleration;
import io.runplane.scheduler.plugins.placement.PlacementPlugin;
import io.runplane.scheduler.plugins.priority.PriorityPlugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads and validates a scenario file; any problem is a {@link ScenarioException} naming field and line. */
public final class ScenarioLoader {

    private static final Map<String, Integer> PRIORITY_CLASSES = Map.of(
            "train", PriorityPlugin.TRAIN,
            "build-preemptible", PriorityPlugin.BUILD_PREEMPTIBLE,
            "interactive-preemptible", PriorityPlugin.INTERACTIVE_PREEMPTIBLE,
            "build", PriorityPlugin.BUILD,
            "inference", PriorityPlugin.INFERENCE);
    private static final Set<String> TAINT_EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private final Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    private final Map<String, QueueSpec> queues = new LinkedHashMap<>();
    private final Set<String> pools = new HashSet<>();
    private final Map<String, double[]> deviceUse = new HashMap<>();
    /** Devices that a running whole-GPU task or another scheduler's pod holds: swap never over-commits them. */
    private final Map<String, boolean[]> wholeDevices = new HashMap<>();
    private final Map<TaskSpec, List<Integer>> runningDevices = new IdentityHashMap<>();

    private ScenarioLoader() {
    }

    public static Scenario load(Path file) throws ScenarioException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ScenarioException("cannot read the file: " + e.getMessage());
        }
        return parse(text);
    }

    public static Scenario parse(String yaml) throws ScenarioException {
        return new ScenarioLoader().read(Fields.root(YamlDocument.parse(yaml)));
    }

    private Scenario read(Fields root) throws ScenarioException {
        int rounds = (int) root.integer("rounds", Scenario.DEFAULT_ROUNDS, 1);
        long roundSeconds = root.integer("roundSeconds", Scenario.DEFAULT_ROUND_SECONDS, 0);
        long grace = root.integer("staleGangGraceSeconds", Scheduler.DEFAULT_STALE_GANG_GRACE.toSeconds(), 0);
        boolean poolsDeclared = root.has("nodePools");
        List<NodePoolSpec> poolSpecs = new ArrayList<>();
        for (Fields pool : root.objects("nodePools")) {
            poolSpecs.add(pool(pool));
        }
        for (Fields node : root.objects("nodes")) {
            NodeSpec spec = node(node, poolsDeclared);
            if (nodes.putIfAbsent(spec.name(), spec) != null) {
                throw node.error("name", "node " + spec.name() + " is listed twice");
            }
        }
        if (!poolsDeclared) {
            List<String> implicit = new ArrayList<>();
            for (NodeSpec node : nodes.values()) {
                if (!implicit.contains(node.pool())) {
                    implicit.add(node.pool());
                    pools.add(node.pool());
                }
            }
            for (String name : implicit) {
                poolSpecs.add(NodePoolSpec.binpack(name));
            }
        }
        List<Fields> queueFields = root.objects("queues");
        for (Fields queue : queueFields) {
            QueueSpec spec = queue(queue);
            if (queues.putIfAbsent(spec.name(), spec) != null) {
                throw queue.error("name", "queue " + spec.name() + " is listed twice");
            }
        }
        checkHierarchy(queueFields);
        List<JobSpec> workloads = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Fields> workloadFields = root.objects("workloads");
        for (int i = 0; i < workloadFields.size(); i++) {
            JobSpec job = workload(workloadFields.get(i), i);
            if (!names.add(job.name())) {
                throw workloadFields.get(i).error("name", "workload " + job.name() + " is listed twice");
            }
            workloads.add(job);
        }
        TimeBasedFairness fairness = timeBasedFairness(root.object("timeBasedFairness"));
        root.rejectUnknown();
        return new Scenario(rounds, roundSeconds, grace, poolSpecs, List.copyOf(nodes.values()),
                List.copyOf(queues.values()), workloads, fairness);
    }

    private TimeBasedFairness timeBasedFairness(Fields f) throws ScenarioException {
        if (f == null) {
            return null;
        }
        long window = f.integer("windowSeconds", 3600, 1);
        double weight = f.number("usageWeight", 1);
        if (weight < 0) {
            throw f.error("usageWeight", "must be 0 or more");
        }
        Map<String, Resources> pastUsage = new LinkedHashMap<>();
        Fields past = f.object("pastUsage");
        if (past != null) {
            for (String queue : past.remainingKeys()) {
                if (!queues.containsKey(queue)) {
                    throw past.error(queue, "names unknown queue '" + queue + "'");
                }
                Resources used = resources(past, queue, Resources.NONE);
                if (used.gpu() < 0 || used.cpuMillis() < 0 || used.memoryMiB() < 0) {
                    throw past.error(queue, "usage must be 0 or more");
                }
                pastUsage.put(queue, used);
            }
        }
        f.rejectUnknown();
        return new TimeBasedFairness(Duration.ofSeconds(window), weight, pastUsage);
    }

    private NodePoolSpec pool(Fields f) throws ScenarioException {
        String name = f.requiredString("name");
        NodePoolSpec.Placement gpu = placement(f, "placement", NodePoolSpec.Placement.BINPACK);
        NodePoolSpec.Placement cpu = placement(f, "cpuPlacement", gpu);
        int workloadsPerGpu = (int) f.integer("workloadsPerGpu", 1, 1);
        if (workloadsPerGpu > 5) {
            throw f.error("workloadsPerGpu", "must be from 1 (off) to 5, not " + workloadsPerGpu);
        }
        f.rejectUnknown();
        if (!pools.add(name)) {
            throw f.error("name", "node pool " + name + " is listed twice");
        }
        return new NodePoolSpec(name, gpu, cpu, workloadsPerGpu);
    }

    private static NodePoolSpec.Placement placement(Fields f, String key, NodePoolSpec.Placement fallback)
            throws ScenarioException {
        String value = f.string(key, null);
        if (value == null) {
            return fallback;
        }
        return switch (value) {
            case "binpack" -> NodePoolSpec.Placement.BINPACK;
            case "spread" -> NodePoolSpec.Placement.SPREAD;
            default -> throw f.error(key, "must be binpack or spread, not '" + value + "'");
        };
    }

    private NodeSpec node(Fields f, boolean poolsDeclared) throws ScenarioException {
        String name = f.requiredString("name");
        String pool = f.string("pool", "default");
        if (poolsDeclared && !pools.contains(pool)) {
            throw f.error("pool", "names node pool '" + pool + "', which nodePools does not declare");
        }
        int gpus = (int) f.integer("gpus", 0, 0);
        long gpuMemory = f.integer("gpuMemoryMiB", 81_920, 1);
        long cpu = f.integer("cpuMillis", 64_000, 0);
        long memory = f.integer("memoryMiB", 524_288, 0);
        Map<String, String> labels = f.stringMap("labels");
        boolean unschedulable = Boolean.TRUE.equals(f.bool("unschedulable"));
        List<Taint> taints = new ArrayList<>();
        for (Fields t : f.objects("taints")) {
            String effect = t.string("effect", "NoSchedule");
            if (!TAINT_EFFECTS.contains(effect)) {
                throw t.error("effect", "must be NoSchedule, PreferNoSchedule or NoExecute, not '" + effect + "'");
            }
            taints.add(new Taint(t.requiredString("key"), t.string("value", ""), effect));
            t.rejectUnknown();
        }
        double[] used = new double[gpus];
        List<ForeignPod> foreign = new ArrayList<>();
        List<Fields> foreignFields = f.objects("foreignPods");
        for (int i = 0; i < foreignFields.size(); i++) {
            foreign.add(foreignPod(foreignFields.get(i), i, name, gpus, used));
        }
        boolean[] heldByOthers = new boolean[gpus];
        for (ForeignPod pod : foreign) {
            for (int device : pod.gpuIndices()) {
                heldByOthers[device] = true;
            }
        }
        wholeDevices.put(name, heldByOthers);
        long swap = f.integer("swapMiB", 0, 1);
        if (swap > 0 && !"true".equals(labels.get(NodeSpec.SWAP_LABEL))) {
            throw f.error("swapMiB", "applies to a node labelled " + NodeSpec.SWAP_LABEL + ": \"true\"");
        }
        f.rejectUnknown();
        deviceUse.put(name, used);
        return new NodeSpec(name, pool, gpus, gpuMemory, cpu, memory, labels, taints, unschedulable, foreign, swap);
    }

    /** A pod of another scheduler on the node; claims its devices so Runplane's running tasks cannot overfill them. */
    private static ForeignPod foreignPod(Fields f, int index, String node, int gpus, double[] used)
            throws ScenarioException {
        String name = f.string("name", "foreign-" + index);
        double gpu = f.number("gpu", 0);
        if (gpu < 0 || (gpu >= 1 && gpu != Math.rint(gpu))) {
            throw f.error("gpu", "must be a whole number of devices (1 or more) or a fraction between 0 and 1, not "
                    + gpu);
        }
        List<Long> indices = f.integerList("gpuIndices");
        long cpu = f.integer("cpuMillis", 0, 0);
        long memory = f.integer("memoryMiB", 0, 0);
        f.rejectUnknown();
        int wanted = gpu >= 1 ? (int) gpu : gpu > 0 ? 1 : 0;
        double share = gpu >= 1 ? 1.0 : gpu;
        if (!indices.isEmpty() && indices.size() != wanted) {
            throw f.error("gpuIndices", "lists " + indices.size() + " devices for a pod of " + wanted);
        }
        List<Integer> devices = new ArrayList<>();
        for (long i : indices) {
            if (i < 0 || i >= gpus) {
                throw f.error("gpuIndices", "device " + i + " does not exist on node " + node + " (" + gpus + " GPUs)");
            }
            if (devices.contains((int) i) || used[(int) i] + share > 1 + 1e-9) {
                throw f.error("gpuIndices", "device " + i + " of node " + node + " would be used beyond its whole");
            }
            devices.add((int) i);
        }
        for (int d = 0; d < gpus && devices.size() < wanted; d++) {
            if (used[d] + share <= 1 + 1e-9 && (share < 1 || used[d] == 0)) {
                devices.add(d);
            }
        }
        if (devices.size() < wanted) {
            throw f.error("gpu", "node " + node + " has no room left for this pod");
        }
        for (int d : devices) {
            used[d] += share;
        }
        return new ForeignPod(name, devices, wanted == 0 ? 0 : share, cpu, memory);
    }

    private QueueSpec queue(Fields f) throws ScenarioException {
        String name = f.requiredString("name");
        Optional<String> parent = Optional.ofNullable(f.string("parent", null));
        Resources deserved = resources(f, "deserved", Resources.NONE);
        Map<String, Resources> byPool = new LinkedHashMap<>();
        Fields perPool = f.object("deservedByPool");
        if (perPool != null) {
            for (String pool : perPool.remainingKeys()) {
                if (!pools.contains(pool)) {
                    throw perPool.error(pool, "names unknown node pool '" + pool + "'");
                }
                byPool.put(pool, resources(perPool, pool, Resources.NONE));
            }
        }
        double weight = f.number("overQuotaWeight", 1);
        if (weight < 0) {
            throw f.error("overQuotaWeight", "must be 0 or more");
        }
        Resources limit = resources(f, "limit", Resources.UNLIMITED);
        int priority = (int) f.integer("priority", 100, Integer.MIN_VALUE);
        f.rejectUnknown();
        return new QueueSpec(name, parent, deserved, byPool, weight, limit, priority);
    }

    private static Resources resources(Fields owner, String key, Resources missing) throws ScenarioException {
        Fields f = owner.object(key);
        if (f == null) {
            return missing;
        }
        double gpu = f.number("gpu", missing.gpu());
        long cpu = f.integer("cpuMillis", missing.cpuMillis(), -1);
        long memory = f.integer("memoryMiB", missing.memoryMiB(), -1);
        if (gpu < 0 && gpu != -1) {
            throw f.error("gpu", "must be -1 (unlimited) or 0 or more");
        }
        f.rejectUnknown();
        return new Resources(gpu, cpu, memory);
    }

    private void checkHierarchy(List<Fields> queueFields) throws ScenarioException {
        int i = 0;
        for (QueueSpec queue : queues.values()) {
            Fields f = queueFields.get(i++);
            if (queue.parent().isEmpty()) {
                continue;
            }
            QueueSpec parent = queues.get(queue.parent().get());
            if (parent == null) {
                throw f.error("parent", "names unknown queue '" + queue.parent().get() + "'");
            }
            if (parent.parent().isPresent()) {
                throw f.error("parent", "'" + parent.name() + "' is a project; a parent must be a department "
                        + "(a queue without parent)");
            }
        }
    }

    private boolean isLeaf(String queue) {
        for (QueueSpec q : queues.values()) {
            if (q.parent().isPresent() && q.parent().get().equals(queue)) {
                return false;
            }
        }
        return true;
    }

    private JobSpec workload(Fields f, int index) throws ScenarioException {
        String name = f.requiredString("name");
        String queue = f.requiredString("queue");
        if (!queues.containsKey(queue)) {
            throw f.error("queue", "names unknown queue '" + queue + "'");
        }
        if (!isLeaf(queue)) {
            throw f.error("queue", "'" + queue + "' is a department; workloads belong to projects (leaf queues)");
        }
        int priority = priority(f);
        Boolean preemptible = f.bool("preemptible");
        List<String> nodePools = f.stringList("nodePools");
        for (int i = 0; i < nodePools.size(); i++) {
            if (!pools.contains(nodePools.get(i))) {
                throw f.error("nodePools[" + i + "]", "names unknown node pool '" + nodePools.get(i) + "'");
            }
        }
        Map<String, String> selector = f.stringMap("nodeSelector");
        String nodeType = f.string("nodeType", null);
        if (nodeType != null) {
            selector.put(PlacementPlugin.NODE_TYPE_LABEL, nodeType);
        }
        List<Toleration> tolerations = new ArrayList<>();
        for (Fields t : f.objects("tolerations")) {
            tolerations.add(toleration(t));
        }
        long submitOrder = f.integer("submitOrder", index, Long.MIN_VALUE);
        long replicas = f.integer("replicas", 0, 1);
        List<Fields> taskFields = f.objects("tasks");
        if (taskFields.isEmpty()) {
            throw f.error("tasks", "needs at least one task");
        }
        if (replicas > 0 && taskFields.size() != 1) {
            throw f.error("replicas", "needs exactly one task entry to copy, not " + taskFields.size());
        }
        List<TaskSpec> tasks = new ArrayList<>();
        if (replicas > 0) {
            Fields template = taskFields.getFirst();
            TaskSpec first = task(template, name, 0);
            tasks.add(first);
            for (int i = 1; i < replicas; i++) {
                TaskSpec copy = new TaskSpec(String.valueOf(i), first.gpu(), first.gpuMemoryMiB(), first.cpuMillis(),
                        first.memoryMiB(), first.bound(), first.gpuLimit(), first.gpuInUse(), first.idle());
                if (copy.bound().isPresent()) {
                    claimDevices(template, copy, nodes.get(copy.bound().get().node()));
                }
                tasks.add(copy);
            }
        } else {
            for (int i = 0; i < taskFields.size(); i++) {
                tasks.add(task(taskFields.get(i), name, i));
            }
        }
        long minMember = f.integer("minMember", tasks.size(), 1);
        if (minMember > tasks.size()) {
            throw f.error("minMember", "is " + minMember + " but the workload has only " + tasks.size() + " tasks");
        }
        f.rejectUnknown();
        return new JobSpec(name, queue, priority, preemptible != null ? preemptible
                : priority < PriorityPlugin.NON_PREEMPTIBLE_FROM, (int) minMember, nodePools, selector, tolerations,
                submitOrder, withRunningDevices(tasks));
    }

    private static int priority(Fields f) throws ScenarioException {
        String priorityClass = f.string("priorityClass", null);
        if (priorityClass != null && !PRIORITY_CLASSES.containsKey(priorityClass)) {
            throw f.error("priorityClass", "must be one of train, build-preemptible, interactive-preemptible, build, "
                    + "inference; not '" + priorityClass + "'");
        }
        long explicit = f.integer("priority", Long.MIN_VALUE, Integer.MIN_VALUE);
        if (explicit != Long.MIN_VALUE) {
            return (int) explicit;
        }
        return priorityClass == null ? PriorityPlugin.TRAIN : PRIORITY_CLASSES.get(priorityClass);
    }

    private static Toleration toleration(Fields t) throws ScenarioException {
        String key = t.string("key", "");
        String value = t.string("value", "");
        String operator = t.string("operator", value.isEmpty() ? "Exists" : "Equal");
        if (!operator.equals("Exists") && !operator.equals("Equal")) {
            throw t.error("operator", "must be Equal or Exists, not '" + operator + "'");
        }
        String effect = t.string("effect", "");
        if (!effect.isEmpty() && !TAINT_EFFECTS.contains(effect)) {
            throw t.error("effect", "must be NoSchedule, PreferNoSchedule or NoExecute, not '" + effect + "'");
        }
        t.rejectUnknown();
        return new Toleration(key, operator, value, effect);
    }

    private TaskSpec task(Fields f, String workload, int index) throws ScenarioException {
        String name = f.string("name", String.valueOf(index));
        double gpu = f.number("gpu", 0);
        long gpuMemory = f.integer("gpuMemoryMiB", 0, 0);
        if (gpu < 0 || (gpu >= 1 && gpu != Math.rint(gpu))) {
            throw f.error("gpu", "must be a whole number of devices (1 or more) or a fraction between 0 and 1, not "
                    + gpu);
        }
        if (gpu > 0 && gpuMemory > 0) {
            throw f.error("gpuMemoryMiB", "give either gpu or gpuMemoryMiB, not both");
        }
        double gpuLimit = f.number("gpuLimit", 0);
        if (gpuLimit != 0 && (gpu <= 0 || gpu >= 1 || gpuLimit < gpu || gpuLimit > 1)) {
            throw f.error("gpuLimit", "applies to a gpu fraction and must lie between its request and 1");
        }
        double gpuInUse = f.number("gpuInUse", 0);
        long cpu = f.integer("cpuMillis", 0, 0);
        long memory = f.integer("memoryMiB", 0, 0);
        String nodeName = f.string("node", null);
        if (gpuInUse != 0 && (gpuLimit == 0 || nodeName == null || gpuInUse < 0 || gpuInUse > gpuLimit)) {
            throw f.error("gpuInUse", "applies to a running task with gpuLimit and must lie between 0 and that limit");
        }
        boolean idle = Boolean.TRUE.equals(f.bool("idle"));
        if (idle && (nodeName == null || gpu >= 1 || gpu == 0 && gpuMemory == 0)) {
            throw f.error("idle", "applies to a running GPU fraction (with node)");
        }
        List<Long> indices = f.integerList("gpuIndices");
        f.rejectUnknown();
        Optional<Binding.Placement> bound = Optional.empty();
        if (nodeName != null) {
            NodeSpec node = nodes.get(nodeName);
            if (node == null) {
                throw f.error("node", "names unknown node '" + nodeName + "'");
            }
            List<Integer> devices = new ArrayList<>();
            for (long i : indices) {
                if (i < 0 || i >= node.gpus()) {
                    throw f.error("gpuIndices", "device " + i + " does not exist on node " + nodeName + " ("
                            + node.gpus() + " GPUs)");
                }
                devices.add((int) i);
            }
            double fraction = gpu >= 1 ? 1.0 : gpu > 0 ? gpu
                    : gpuMemory > 0 ? Math.min(1.0, (double) gpuMemory / node.gpuMemoryMiB()) : 0;
            bound = Optional.of(new Binding.Placement(nodeName, devices, fraction));
        } else if (!indices.isEmpty()) {
            throw f.error("gpuIndices", "is only for running tasks (with node)");
        }
        TaskSpec task = new TaskSpec(name, gpu, gpuMemory, cpu, memory, bound, gpuLimit, gpuInUse, idle);
        if (bound.isPresent()) {
            claimDevices(f, task, nodes.get(nodeName));
        }
        return task;
    }

    /** Checks that running tasks fit their node's devices, and gives them devices where none were named. */
    private void claimDevices(Fields f, TaskSpec task, NodeSpec node) throws ScenarioException {
        double[] used = deviceUse.computeIfAbsent(node.name(), n -> new double[node.gpus()]);
        Binding.Placement placement = task.bound().orElseThrow();
        int wanted = task.gpu() >= 1 ? (int) task.gpu() : placement.gpuFraction() > 0 ? 1 : 0;
        double share = task.gpu() >= 1 ? 1.0 : placement.gpuFraction();
        if (wanted > node.gpus()) {
            throw f.error("node", "node " + node.name() + " has " + node.gpus() + " GPUs, the task needs " + wanted);
        }
        List<Integer> devices = placement.gpuIndices();
        if (!devices.isEmpty() && devices.size() != wanted) {
            throw f.error("gpuIndices", "lists " + devices.size() + " devices for a task of " + wanted);
        }
        boolean[] whole = wholeDevices.computeIfAbsent(node.name(), n -> new boolean[node.gpus()]);
        boolean swapped = share < 1 && node.swapEnabled();
        for (int device : devices) {
            if (used[device] + share > 1 + 1e-9 && !(swapped && !whole[device])) {
                throw f.error("gpuIndices", "device " + device + " of node " + node.name()
                        + " would be used beyond its whole");
            }
            used[device] += share;
            whole[device] |= share >= 1;
        }
        if (devices.isEmpty() && wanted > 0) {
            List<Integer> chosen = new ArrayList<>();
            for (int d = 0; d < node.gpus() && chosen.size() < wanted; d++) {
                if (used[d] + share <= 1 + 1e-9 && (share < 1 || used[d] == 0)) {
                    chosen.add(d);
                }
            }
            if (chosen.size() < wanted) {
                throw f.error("node", "node " + node.name() + " has no room left for this running task");
            }
            for (int d : chosen) {
                used[d] += share;
                whole[d] |= share >= 1;
            }
            runningDevices.put(task, chosen);
        }
    }

    private List<TaskSpec> withRunningDevices(List<TaskSpec> tasks) {
        List<TaskSpec> result = new ArrayList<>(tasks.size());
        for (TaskSpec task : tasks) {
            List<Integer> devices = runningDevices.get(task);
            if (devices == null) {
                result.add(task);
            } else {
                Binding.Placement was = task.bound().orElseThrow();
                result.add(new TaskSpec(task.name(), task.gpu(), task.gpuMemoryMiB(), task.cpuMillis(), task.memoryMiB(),
                        Optional.of(new Binding.Placement(was.node(), devices, was.gpuFraction())), task.gpuLimit(),
                        task.gpuInUse(), task.idle()));
            }
        }
        return result;
    }
}
