package io.runplane.agent.organization;

import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.scheduling.SchedulerInputs;
import io.runplane.scheduler.ForeignPod;
import io.runplane.scheduler.NodePoolSpec;
import io.runplane.scheduler.NodeSpec;
import io.runplane.scheduler.QueueSpec;
import io.runplane.scheduler.Resources;
import io.runplane.scheduler.Taint;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the scheduler gets from one organization: its pools, the nodes each pool selects by label,
 * and the queue tree (departments over projects, deserved quota per pool, over-quota weight).
 */
public final class SchedulingView {

    private SchedulingView() {
    }

    public static SchedulerInputs of(Organization org, List<ClusterFile.NodeDef> nodes) {
        List<NodePoolSpec> pools = org.nodePools().stream()
                .map(p -> new NodePoolSpec(p.name(), placement(p.gpuPlacement()), placement(p.cpuPlacement()),
                        p.workloadsPerGpu())).toList();
        List<NodeSpec> nodeSpecs = nodes.stream().map(n -> new NodeSpec(n.name(), poolOf(org, n), n.gpus(), n.gpuMemoryMiB(),
                n.cpuMillis(), n.memoryMiB(), n.labels(), n.taints().stream().map(t -> new Taint(t.key(), t.value(), t.effect())).toList(),
                n.unschedulable(), foreignPods(n), n.swapMiB())).toList();
        List<QueueSpec> queues = Stream.concat(
                org.departments().stream().map(d -> queue(d.name(), Optional.empty(), d.quotas(), d.overQuota())),
                org.projects().stream().map(p -> queue(p.name(), Optional.of(p.department()), p.quotas(), p.overQuota()))).toList();
        Map<String, SchedulerInputs.ProjectPlacement> projects = new LinkedHashMap<>();
        for (Project p : org.projects()) {
            projects.put(p.name(), new SchedulerInputs.ProjectPlacement(p.department(), p.nodePools(), p.nodeType()));
        }
        return new SchedulerInputs(org.revision(), pools, nodeSpecs, queues, projects);
    }

    /**
     * The pool of a node: the first pool (other than {@code default}) whose label the node carries,
     * else {@code default}. Nodes carry {@value NodePool#CLUSTER_FILE_LABEL} with their cluster file pool.
     */
    static String poolOf(Organization org, ClusterFile.NodeDef node) {
        Map<String, String> labels = new HashMap<>(node.labels());
        labels.putIfAbsent(NodePool.CLUSTER_FILE_LABEL, node.nodePool());
        return org.nodePools().stream()
                .filter(p -> !p.name().equals(Organization.DEFAULT_POOL) && p.selects(labels))
                .map(NodePool::name).findFirst().orElse(Organization.DEFAULT_POOL);
    }

    private static List<ForeignPod> foreignPods(ClusterFile.NodeDef node) {
        return node.foreignPods().stream()
                .map(p -> new ForeignPod(p.name(), p.gpuIndices(), p.gpuShare(), p.cpuMillis(), p.memoryMiB())).toList();
    }

    private static NodePoolSpec.Placement placement(String text) {
        return "spread".equals(text) ? NodePoolSpec.Placement.SPREAD : NodePoolSpec.Placement.BINPACK;
    }

    private static QueueSpec queue(String name, Optional<String> parent, List<Quota> quotas, OverQuota overQuota) {
        Map<String, Resources> byPool = new HashMap<>();
        for (Quota q : quotas) {
            byPool.put(q.nodePool(), new Resources(q.gpu(), q.cpuMillis(), q.memoryMiB()));
        }
        return new QueueSpec(name, parent, Resources.NONE, byPool, overQuota.weight(), Resources.UNLIMITED, 100);
    }
}
