package io.runplane.agent.backend.kubernetes;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.runplane.agent.backend.LaunchedPod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Pod object a launched pod becomes: Runplane's scheduler name (so that no other scheduler
 * binds it), labels that find it again, annotations with the placement the agent decided, and
 * {@code restartPolicy: Never} because the agent decides about restarts itself.
 */
final class PodManifest {

    static final String SCHEDULER_NAME = "runplane";
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    static final String MANAGED_BY = "runplane";
    static final String PROJECT_LABEL = "runplane.io/project";
    static final String WORKLOAD_LABEL = "runplane.io/workload";
    static final String WORKLOAD_UID_LABEL = "runplane.io/workload-uid";
    static final String POD_INDEX_LABEL = "runplane.io/pod-index";
    static final String ROLE_LABEL = "runplane.io/role";
    static final String POD_UUID_ANNOTATION = "runplane.io/pod-uuid";
    static final String RESTART_ANNOTATION = "runplane.io/restart";
    static final String GPU_FRACTION_ANNOTATION = "runplane.io/gpu-fraction";
    static final String GPU_INDICES_ANNOTATION = "runplane.io/gpu-indices";
    static final String NODE_ANNOTATION = "runplane.io/node";

    private PodManifest() {
    }

    static Pod pod(LaunchedPod launched, String namespace) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        labels.put(PROJECT_LABEL, launched.project());
        labels.put(WORKLOAD_LABEL, launched.workload());
        labels.put(WORKLOAD_UID_LABEL, launched.workloadUuid());
        labels.put(POD_INDEX_LABEL, Integer.toString(launched.index()));
        if (!launched.role().isEmpty()) {
            labels.put(ROLE_LABEL, launched.role());
        }
        Map<String, String> annotations = new LinkedHashMap<>(launched.annotations());
        annotations.put(POD_UUID_ANNOTATION, launched.uuid());
        annotations.put(RESTART_ANNOTATION, Integer.toString(launched.restarts()));
        annotations.put(NODE_ANNOTATION, launched.node());
        String indices = indices(launched.gpuIndices());
        if (!launched.gpuIndices().isEmpty()) {
            annotations.put(GPU_INDICES_ANNOTATION, indices);
            annotations.put(GPU_FRACTION_ANNOTATION, Double.toString(launched.gpuFraction()));
        }
        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        if (launched.cpuMillis() > 0) {
            requests.put("cpu", new Quantity(launched.cpuMillis() + "m"));
        }
        if (launched.memoryMiB() > 0) {
            requests.put("memory", new Quantity(launched.memoryMiB() + "Mi"));
        }
        List<EnvVar> env = new ArrayList<>(launched.environment().stream()
                .map(v -> new EnvVar(v.name(), v.value(), null)).toList());
        if (launched.gpuFraction() >= 1.0 && !launched.gpuIndices().isEmpty()) {
            limits.put(NodeInventory.GPU_RESOURCE, new Quantity(Integer.toString(launched.gpuIndices().size())));
        } else if (!launched.gpuIndices().isEmpty()) {
            // A fraction shares a device the device plugin does not hand out: name it to the container.
            env.add(new EnvVar("NVIDIA_VISIBLE_DEVICES", indices, null));
        }
        return new PodBuilder()
                .withNewMetadata()
                    .withName(launched.name())
                    .withNamespace(namespace)
                    .withLabels(labels)
                    .withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                    .withSchedulerName(SCHEDULER_NAME)
                    .withRestartPolicy("Never")
                    .withContainers(new ContainerBuilder()
                            .withName(launched.containers().isEmpty() ? launched.workload() : launched.containers().getFirst())
                            .withImage(launched.image())
                            .withEnv(env)
                            .withNewResources()
                                .withRequests(requests)
                                .withLimits(limits)
                            .endResources()
                            .build())
                .endSpec()
                .build();
    }

    /** The Binding that puts the pod on the node the agent chose. */
    static Binding binding(LaunchedPod launched, String namespace) {
        return new BindingBuilder()
                .withNewMetadata().withName(launched.name()).withNamespace(namespace).endMetadata()
                .withNewTarget().withApiVersion("v1").withKind("Node").withName(launched.node()).endTarget()
                .build();
    }

    /** The container run of the agent this pod object belongs to (the agent recreates a pod to restart it). */
    static int restart(Pod pod) {
        String value = pod.getMetadata().getAnnotations() == null ? null : pod.getMetadata().getAnnotations().get(RESTART_ANNOTATION);
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String indices(List<Integer> gpuIndices) {
        return gpuIndices.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
