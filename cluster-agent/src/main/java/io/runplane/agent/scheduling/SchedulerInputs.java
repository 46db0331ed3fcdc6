package io.runplane.agent.scheduling;

import io.runplane.agent.cluster.ClusterFile;
import io.runplane.scheduler.NodePoolSpec;
import io.runplane.scheduler.NodeSpec;
import io.runplane.scheduler.QueueSpec;
import io.runplane.scheduler.Resources;
import io.runplane.scheduler.Taint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a scheduling snapshot that come from the cluster file: node pools, nodes, and the
 * queue tree (departments are parent queues, projects leaf queues, quotas per node pool).
 */
public final class SchedulerInputs {

    private final List<NodePoolSpec> pools;
    private final List<NodeSpec> nodes;
    private final List<QueueSpec> queues;

    public SchedulerInputs(ClusterFile cluster) {
        this.pools = cluster.nodePools().stream().map(SchedulerInputs::pool).toList();
        this.nodes = cluster.nodes().stream().map(SchedulerInputs::node).toList();
        this.queues = java.util.stream.Stream.concat(
                cluster.departments().stream().map(d -> queue(d.name(), Optional.empty(), d.quotas())),
                cluster.projects().stream().map(p -> queue(p.name(), Optional.of(p.department()), p.quotas()))).toList();
    }

    public List<NodePoolSpec> pools() {
        return pools;
    }

    public List<NodeSpec> nodes() {
        return nodes;
    }

    public List<QueueSpec> queues() {
        return queues;
    }

    private static NodePoolSpec pool(ClusterFile.NodePoolDef def) {
        return new NodePoolSpec(def.name(), placement(def.gpuPlacement()), placement(def.cpuPlacement()));
    }

    private static NodePoolSpec.Placement placement(String text) {
        return "spread".equals(text) ? NodePoolSpec.Placement.SPREAD : NodePoolSpec.Placement.BINPACK;
    }

    private static NodeSpec node(ClusterFile.NodeDef def) {
        return new NodeSpec(def.name(), def.nodePool(), def.gpus(), def.gpuMemoryMiB(), def.cpuMillis(), def.memoryMiB(),
                def.labels(), def.taints().stream().map(t -> new Taint(t.key(), t.value(), t.effect())).toList(), def.unschedulable());
    }

    private static QueueSpec queue(String name, Optional<String> parent, List<ClusterFile.QuotaDef> quotas) {
        Map<String, Resources> byPool = new HashMap<>();
        Resources limit = Resources.UNLIMITED;
        double weight = 0;
        for (ClusterFile.QuotaDef q : quotas) {
            byPool.put(q.nodePool(), new Resources(q.gpu(), q.cpuMillis(), q.memoryMiB()));
            weight = Math.max(weight, q.overQuotaWeight());
            if (q.gpuLimit() >= 0) {
                limit = new Resources(q.gpuLimit(), q.cpuLimitMillis(), q.memoryLimitMiB());
            }
        }
        return new QueueSpec(name, parent, Resources.NONE, byPool, weight, limit, 100);
    }
}
