package io.runplane.scheduler.framework;

import io.runplane.scheduler.Binding;
import io.runplane.scheduler.ClusterSnapshot;
import io.runplane.scheduler.JobSpec;
import io.runplane.scheduler.NodePoolSpec;
import io.runplane.scheduler.NodeSpec;
import io.runplane.scheduler.QueueSpec;
import io.runplane.scheduler.TaskSpec;
import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.NodeInfo;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.api.QueueInfo;
import io.runplane.scheduler.api.ResourceKind;
import io.runplane.scheduler.api.TaskInfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a snapshot into a session: indexes pools and nodes, links queues, loads running tasks. */
public final class SessionFactory {

    /** The pool of nodes that name none, and of snapshots that declare no pools. */
    public static final String DEFAULT_POOL = "default";

    private SessionFactory() {
    }

    /** Builds the session from the snapshot alone. */
    public static Session open(ClusterSnapshot snapshot, StaleGangClock clock, List<Plugin> plugins) {
        return open(snapshot, clock, plugins, new KnownJobs());
    }

    /**
     * Builds the session, reusing the jobs {@code known} from the last session whose specs are the
     * same objects on the same cluster, and remembers this session's jobs in {@code known}.
     */
    public static Session open(ClusterSnapshot snapshot, StaleGangClock clock, List<Plugin> plugins,
                               KnownJobs known) {
        boolean reuse = known.startMatching(snapshot);
        Map<String, PoolInfo> pools = pools(snapshot);
        List<PoolInfo> poolList = List.copyOf(pools.values());
        Map<String, NodeInfo> nodes = new HashMap<>();
        List<NodeInfo> nodeList = new ArrayList<>(snapshot.nodes().size());
        for (NodeSpec spec : snapshot.nodes()) {
            PoolInfo pool = pools.get(poolName(spec));
            NodeInfo node = new NodeInfo(nodeList.size(), spec, pool);
            if (nodes.putIfAbsent(spec.name(), node) != null) {
                throw new IllegalArgumentException("node " + spec.name() + " is listed twice");
            }
            nodeList.add(node);
            pool.addNode(node);
        }
        Map<String, QueueInfo> queues = queues(snapshot, poolList);
        List<QueueInfo> queueList = List.copyOf(queues.values());
        Statement statement = new Statement();
        List<JobSpec> specs = snapshot.jobs();
        List<JobInfo> jobs = new ArrayList<>(specs.size());
        JobInfo[] reusable = new JobInfo[specs.size()];
        ListSizes before = known.sizesBefore();
        // per node and per queue only on the very same cluster (indexes mean the same nodes and queues)
        int[] onNodeBefore = reuse ? before.onNode() : ListSizes.NONE.onNode();
        int[] victimsBefore = reuse ? before.victims() : ListSizes.NONE.victims();
        List<TaskInfo> tasks = new ArrayList<>(Math.max(specs.size(), before.tasks()) + 16);
        List<TaskInfo> pending = new ArrayList<>(before.pending() + 16);
        List<JobInfo> gangs = new ArrayList<>(before.gangs() + 16);
        List<JobInfo> waiting = new ArrayList<>(before.waiting() + 16);
        Map<List<String>, List<PoolInfo>> preferences = new HashMap<>();
        Map<List<PoolInfo>, List<PoolInfo>> poolsNow = new IdentityHashMap<>();
        double[] inUse = new double[ResourceKind.COUNT];
        List<Map<QueueInfo, List<JobInfo>>> preemptibleRunning = new ArrayList<>();
        for (int p = 0; p < poolList.size(); p++) {
            preemptibleRunning.add(new LinkedHashMap<>());
        }
        List<List<JobInfo>> victimLists =
                new ArrayList<>(Collections.nCopies(poolList.size() * queueList.size(), null));
        List<List<TaskInfo>> onNode = new ArrayList<>(nodeList.size());
        for (int i = 0; i < nodeList.size(); i++) {
            onNode.add(new ArrayList<>(ListSizes.capacity(onNodeBefore, i, 4)));
        }
        for (int position = 0; position < specs.size(); position++) {
            JobSpec spec = specs.get(position);
            JobInfo job = reuse ? known.take(spec) : null;
            boolean fresh = job == null;
            if (fresh) {
                if (spec.tasks().isEmpty()) {
                    continue;
                }
                job = job(spec, queues, pools, poolList, preferences);
            } else {
                job.reopen(queueList.get(job.queue.index),
                        poolsNow(job.pools, known.poolsBefore(), poolList, poolsNow));
            }
            boolean devicesNamed = true;
            boolean anyPending = false;
            for (int t = 0, n = fresh ? spec.tasks().size() : job.tasks.size(); t < n; t++) {
                TaskInfo task;
                if (fresh) {
                    task = task(tasks.size(), job, spec.tasks().get(t), nodes);
                    job.tasks.add(task);
                    devicesNamed &= task.initialNode == null
                            || devicesNamed(task, task.initialNode, spec.tasks().get(t).bound().get());
                } else {
                    task = job.tasks.get(t);
                    task.reopen(tasks.size(), task.initialNode == null ? null : nodeList.get(task.initialNode.index));
                }
                tasks.add(task);
                if (task.initialNode == null) {
                    pending.add(task);
                    anyPending = true;
                } else {
                    statement.loadRunning(task);
                    onNode.get(task.initialNode.index).add(task);
                    if (!task.initialNode.schedulable) {
                        task.charge(task.initialNode.pool, inUse);
                        task.initialNode.pool.addCapacityInUse(inUse);
                    }
                }
            }
            if (job.stillRunning > 0 && job.preemptible) {
                int list = job.activePool.index * queueList.size() + job.queue.index;
                List<JobInfo> victims = victimLists.get(list);
                if (victims == null) {
                    victims = new ArrayList<>(ListSizes.capacity(victimsBefore, list, 10));
                    victimLists.set(list, victims);
                    preemptibleRunning.get(job.activePool.index).put(job.queue, victims);
                }
                victims.add(job);
            }
            jobs.add(job);
            if (anyPending) {
                waiting.add(job);
            }
            if (job.minMember > 1) {
                gangs.add(job);
            }
            if (devicesNamed) {
                reusable[position] = job;
            }
        }
        for (PoolInfo pool : poolList) {
            pool.indexNodes();
        }
        known.remember(snapshot, reusable, poolList, new ListSizes(tasks.size(), pending.size(), waiting.size(),
                gangs.size(), ListSizes.of(onNode), ListSizes.of(victimLists)));
        Session session = new Session(poolList, Collections.unmodifiableList(nodeList), queueList,
                Collections.unmodifiableList(jobs), Collections.unmodifiableList(tasks),
                Collections.unmodifiableList(pending), Collections.unmodifiableList(gangs), waiting,
                snapshot.nowMillis(), statement, clock, preemptibleRunning, onNode, known::sharedShape);
        for (Plugin plugin : plugins) {
            plugin.onSessionOpen(session);
        }
        return session;
    }

    /** This session's objects for a preference list of pools of the last session. */
    private static List<PoolInfo> poolsNow(List<PoolInfo> before, List<PoolInfo> allBefore, List<PoolInfo> all,
                                           Map<List<PoolInfo>, List<PoolInfo>> mapped) {
        if (before == allBefore) {
            return all;
        }
        if (before.size() == 1) {
            return all.get(before.getFirst().index).alone;
        }
        List<PoolInfo> now = mapped.get(before);
        if (now == null) {
            List<PoolInfo> named = new ArrayList<>(before.size());
            for (PoolInfo pool : before) {
                named.add(all.get(pool.index));
            }
            now = List.copyOf(named);
            mapped.put(before, now);
        }
        return now;
    }

    private static String poolName(NodeSpec spec) {
        return spec.pool() == null || spec.pool().isEmpty() ? DEFAULT_POOL : spec.pool();
    }

    private static Map<String, PoolInfo> pools(ClusterSnapshot snapshot) {
        Map<String, PoolInfo> pools = new LinkedHashMap<>();
        for (NodePoolSpec spec : snapshot.pools()) {
            if (pools.putIfAbsent(spec.name(), new PoolInfo(pools.size(), spec)) != null) {
                throw new IllegalArgumentException("node pool " + spec.name() + " is listed twice");
            }
        }
        for (NodeSpec node : snapshot.nodes()) {
            pools.computeIfAbsent(poolName(node), name -> new PoolInfo(pools.size(), NodePoolSpec.binpack(name)));
        }
        if (pools.isEmpty()) {
            pools.put(DEFAULT_POOL, new PoolInfo(0, NodePoolSpec.binpack(DEFAULT_POOL)));
        }
        return pools;
    }

    private static Map<String, QueueInfo> queues(ClusterSnapshot snapshot, List<PoolInfo> pools) {
        Map<String, QueueInfo> queues = new LinkedHashMap<>();
        for (QueueSpec spec : snapshot.queues()) {
            if (queues.putIfAbsent(spec.name(), new QueueInfo(queues.size(), spec, pools)) != null) {
                throw new IllegalArgumentException("queue " + spec.name() + " is listed twice");
            }
        }
        for (QueueInfo queue : queues.values()) {
            if (queue.spec.parent().isEmpty()) {
                continue;
            }
            String parentName = queue.spec.parent().get();
            QueueInfo parent = queues.get(parentName);
            if (parent == null) {
                throw new IllegalArgumentException("queue " + queue.name + " names unknown parent " + parentName);
            }
            if (parent.spec.parent().isPresent()) {
                throw new IllegalArgumentException("queue " + queue.name + ": parent " + parentName
                        + " is itself a project; departments have no parent");
            }
            queue.parent = parent;
            parent.children.add(queue);
        }
        return queues;
    }

    private static JobInfo job(JobSpec spec, Map<String, QueueInfo> queues, Map<String, PoolInfo> pools,
                               List<PoolInfo> allPools, Map<List<String>, List<PoolInfo>> preferences) {
        QueueInfo queue = queues.get(spec.queue());
        if (queue == null) {
            throw new IllegalArgumentException("job " + spec.name() + " names unknown queue " + spec.queue());
        }
        if (!queue.isLeaf()) {
            throw new IllegalArgumentException("job " + spec.name() + " is in department " + spec.queue()
                    + "; jobs belong to projects (leaf queues)");
        }
        List<String> names = spec.nodePools();
        List<PoolInfo> preferred = names.isEmpty() ? allPools
                : names.size() == 1 && pools.get(names.getFirst()) != null ? pools.get(names.getFirst()).alone
                : preferences.get(names);
        if (preferred == null) {
            List<PoolInfo> named = new ArrayList<>();
            for (String name : spec.nodePools()) {
                PoolInfo pool = pools.get(name);
                if (pool == null) {
                    throw new IllegalArgumentException("job " + spec.name() + " names unknown node pool " + name);
                }
                named.add(pool);
            }
            preferred = named.isEmpty() ? allPools : List.copyOf(named);
            preferences.put(spec.nodePools(), preferred);
        }
        return new JobInfo(spec, queue, preferred);
    }

    private static TaskInfo task(int index, JobInfo job, TaskSpec spec, Map<String, NodeInfo> nodes) {
        if (spec.bound().isEmpty()) {
            return new TaskInfo(index, job, spec, null);
        }
        Binding.Placement placement = spec.bound().get();
        NodeInfo node = nodes.get(placement.node());
        if (node == null) {
            throw new IllegalArgumentException("task " + job.name + "/" + spec.name() + " runs on unknown node "
                    + placement.node());
        }
        TaskInfo task = new TaskInfo(index, job, spec, node);
        task.node = node;
        task.share = task.wholeGpus > 0 ? 1.0
                : placement.gpuFraction() > 0 && placement.gpuFraction() < 1 ? placement.gpuFraction()
                : node.shareOf(task);
        task.initialShare = task.share;
        task.devices = devices(task, node, placement);
        task.initialDevices = task.devices;
        return task;
    }

    /**
     * Whether the placement names every device the task holds; if not, the missing ones are chosen
     * by what the node holds when the task is loaded, and the task may not be reused.
     */
    private static boolean devicesNamed(TaskInfo task, NodeInfo node, Binding.Placement placement) {
        int wanted = task.wholeGpus > 0 ? task.wholeGpus : task.isFraction() ? 1 : 0;
        int named = 0;
        for (int index : placement.gpuIndices()) {
            if (index >= 0 && index < node.gpuCount) {
                named++;
            }
        }
        return named >= wanted;
    }

    private static int[] devices(TaskInfo task, NodeInfo node, Binding.Placement placement) {
        int wanted = task.wholeGpus > 0 ? task.wholeGpus : task.isFraction() ? 1 : 0;
        int[] devices = new int[wanted];
        int given = 0;
        List<Integer> indices = placement.gpuIndices();
        for (int i = 0, n = indices.size(); i < n && given < wanted; i++) {
            int index = indices.get(i);
            if (index >= 0 && index < node.gpuCount) {
                devices[given++] = index;
            }
        }
        if (given < wanted) {
            int[] chosen = new int[wanted - given];
            if (task.wholeGpus > 0) {
                node.idleDevices(chosen.length, chosen);
            } else {
                int shared = node.sharedDeviceFor(task.share, true);
                chosen[0] = shared >= 0 ? shared : 0;
                if (shared < 0) {
                    node.idleDevices(1, chosen);
                }
            }
            System.arraycopy(chosen, 0, devices, given, chosen.length);
        }
        return devices;
    }
}
