package io.runplane.agent.backend.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.runplane.agent.cluster.ClusterFile;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the cluster's Nodes as the agent's inventory: GPUs from the {@code nvidia.com/gpu}
 * allocatable, the GPU model and memory from the labels of NVIDIA's GPU feature discovery, the pool
 * from the organization's pool labels, taints, and whether new pods may go there.
 */
final class NodeInventory {

    static final String GPU_RESOURCE = "nvidia.com/gpu";
    static final String GPU_PRODUCT_LABEL = "nvidia.com/gpu.product";
    static final String GPU_MEMORY_LABEL = "nvidia.com/gpu.memory";
    static final String DEFAULT_POOL = "default";

    private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024L);

    private NodeInventory() {
    }

    /**
     * The organization's pools, departments and projects over the nodes as they are now, with the
     * pods other schedulers hold on them (read from all the cluster's {@code pods}).
     */
    static ClusterFile of(ClusterFile organization, Collection<Node> nodes, Collection<Pod> pods) {
        Map<String, Integer> gpusOf = new HashMap<>();
        nodes.forEach(n -> gpusOf.put(n.getMetadata().getName(), gpus(n)));
        Map<String, List<ClusterFile.ForeignPodDef>> foreign = ForeignPods.byNode(pods, gpusOf);
        List<ClusterFile.NodeDef> defs = nodes.stream()
                .map(n -> node(n, organization.nodePools(), foreign.getOrDefault(n.getMetadata().getName(), List.of())))
                .sorted(Comparator.comparing(ClusterFile.NodeDef::name))
                .toList();
        return new ClusterFile(organization.cluster(), organization.nodePools(), defs, organization.departments(),
                organization.projects(), List.of(), organization.scheduling());
    }

    private static int gpus(Node node) {
        return node.getStatus() == null || node.getStatus().getAllocatable() == null ? 0
                : amount(node.getStatus().getAllocatable().get(GPU_RESOURCE)).intValue();
    }

    static ClusterFile.NodeDef node(Node node, List<ClusterFile.NodePoolDef> pools, List<ClusterFile.ForeignPodDef> foreignPods) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        Map<String, Quantity> allocatable = node.getStatus() == null || node.getStatus().getAllocatable() == null
                ? Map.of() : node.getStatus().getAllocatable();
        String pool = pools.stream()
                .filter(p -> p.labelValue().equals(labels.get(p.labelKey())))
                .map(ClusterFile.NodePoolDef::name)
                .findFirst().orElse(DEFAULT_POOL);
        List<ClusterFile.TaintDef> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
                : node.getSpec().getTaints().stream().map(t -> new ClusterFile.TaintDef(t.getKey(), t.getValue(), t.getEffect())).toList();
        boolean cordoned = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        return new ClusterFile.NodeDef(
                node.getMetadata().getName(),
                pool,
                amount(allocatable.get(GPU_RESOURCE)).intValue(),
                labels.getOrDefault(GPU_PRODUCT_LABEL, ""),
                mebibytesLabel(labels.get(GPU_MEMORY_LABEL)),
                amount(allocatable.get("cpu")).multiply(BigDecimal.valueOf(1000)).longValue(),
                amount(allocatable.get("memory")).divideToIntegralValue(MIB).longValue(),
                labels,
                taints,
                cordoned || !ready(node),
                0,
                foreignPods);
    }

    private static boolean ready(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return true;
        }
        return node.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()))
                .map(NodeCondition::getStatus)
                .findFirst().map("True"::equals).orElse(true);
    }

    private static BigDecimal amount(Quantity quantity) {
        return quantity == null ? BigDecimal.ZERO : quantity.getNumericalAmount();
    }

    /** GPU feature discovery labels the memory of one device in MiB. */
    private static long mebibytesLabel(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
