package io.runplane.agent.backend.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.runplane.agent.cluster.ClusterFile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pods other schedulers placed on nodes (a {@code schedulerName} other than Runplane's, bound to
 * a node, not finished), with their requests: the effective request of a pod, as kube-scheduler
 * counts it, is the larger of its containers' sum and its largest init container.
 *
 * <p>The API does not say which devices the NVIDIA device plugin gave a pod, so a pod requesting N
 * {@code nvidia.com/gpu} is counted on the node's highest-numbered devices that neither Runplane's
 * pods (by their {@code runplane.io/gpu-indices}) nor another foreign pod (in name order) hold;
 * Runplane's binpack fills devices from the lowest. Fractions of other schedulers are not read.
 */
final class ForeignPods {

    private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024L);

    private ForeignPods() {
    }

    /** Whether a pod holds node resources for another scheduler. */
    static boolean holds(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
            return false;
        }
        if (PodManifest.SCHEDULER_NAME.equals(pod.getSpec().getSchedulerName())) {
            return false;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    /**
     * The foreign pods of each node, by node name, among all the cluster's pods; {@code gpusOf} gives
     * a node's device count.
     */
    static Map<String, List<ClusterFile.ForeignPodDef>> byNode(Collection<Pod> pods, Map<String, Integer> gpusOf) {
        Map<String, List<Pod>> grouped = new HashMap<>();
        Map<String, Set<Integer>> runplaneDevices = new HashMap<>();
        for (Pod pod : pods) {
            if (holds(pod)) {
                grouped.computeIfAbsent(pod.getSpec().getNodeName(), n -> new ArrayList<>()).add(pod);
            } else if (PodManifest.SCHEDULER_NAME.equals(pod.getSpec() == null ? null : pod.getSpec().getSchedulerName())) {
                runplaneDevices(pod, runplaneDevices);
            }
        }
        Map<String, List<ClusterFile.ForeignPodDef>> byNode = new HashMap<>();
        grouped.forEach((node, onNode) -> {
            onNode.sort(Comparator.comparing(ForeignPods::name));
            Set<Integer> taken = new HashSet<>(runplaneDevices.getOrDefault(node, Set.of()));
            int count = gpusOf.getOrDefault(node, 0);
            List<ClusterFile.ForeignPodDef> defs = new ArrayList<>();
            for (Pod pod : onNode) {
                int gpus = request(pod, NodeInventory.GPU_RESOURCE).intValue();
                List<Integer> devices = new ArrayList<>();
                for (int d = count - 1; d >= 0 && devices.size() < gpus; d--) {
                    if (taken.add(d)) {
                        devices.add(d);
                    }
                }
                defs.add(new ClusterFile.ForeignPodDef(name(pod), devices, 1.0,
                        request(pod, "cpu").multiply(BigDecimal.valueOf(1000)).longValue(),
                        request(pod, "memory").divideToIntegralValue(MIB).longValue()));
            }
            byNode.put(node, List.copyOf(defs));
        });
        return byNode;
    }

    /** The devices a live Runplane pod was given, from the annotations the agent wrote on it. */
    private static void runplaneDevices(Pod pod, Map<String, Set<Integer>> byNode) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (annotations == null || "Succeeded".equals(phase) || "Failed".equals(phase)
                || !annotations.containsKey(PodManifest.NODE_ANNOTATION) || !annotations.containsKey(PodManifest.GPU_INDICES_ANNOTATION)) {
            return;
        }
        Set<Integer> devices = byNode.computeIfAbsent(annotations.get(PodManifest.NODE_ANNOTATION), n -> new HashSet<>());
        for (String index : annotations.get(PodManifest.GPU_INDICES_ANNOTATION).split(",")) {
            try {
                devices.add(Integer.parseInt(index.trim()));
            } catch (NumberFormatException e) {
                // not an index the agent wrote: nothing to keep free for it
            }
        }
    }

    private static String name(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static BigDecimal request(Pod pod, String resource) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Container c : pod.getSpec().getContainers()) {
            sum = sum.add(request(c, resource));
        }
        BigDecimal init = BigDecimal.ZERO;
        if (pod.getSpec().getInitContainers() != null) {
            for (Container c : pod.getSpec().getInitContainers()) {
                init = init.max(request(c, resource));
            }
        }
        return sum.max(init);
    }

    /** A container's request; the limit where only a limit is set (as the API server defaults it). */
    private static BigDecimal request(Container c, String resource) {
        if (c.getResources() == null) {
            return BigDecimal.ZERO;
        }
        Quantity q = c.getResources().getRequests() == null ? null : c.getResources().getRequests().get(resource);
        if (q == null && c.getResources().getLimits() != null) {
            q = c.getResources().getLimits().get(resource);
        }
        return q == null ? BigDecimal.ZERO : q.getNumericalAmount();
    }
}
