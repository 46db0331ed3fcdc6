package io.runplane.agent.workload;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.EnvVar;
import io.runplane.api.v1.Pod;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.manifest.Namespaces;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cluster objects a workload becomes, as multi-document YAML: its custom resource, the PodGroup
 * (gang with minMember) and one Pod per pod of the workload, with the scheduler name, GPU
 * annotations, the environment the containers get and the init containers that fetch S3 and Git
 * data sources.
 */
public final class ManifestRenderer {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final ClusterFile cluster;

    public ManifestRenderer(ClusterFile cluster) {
        this.cluster = cluster;
    }

    public String render(Workload w) {
        WorkloadSpec spec = w.getSpec();
        String namespace = cluster.project(spec.getProject()).map(ClusterFile.ProjectDef::namespace).orElse(Namespaces.ofProject(spec.getProject()));
        List<Map<String, Object>> docs = new ArrayList<>();
        docs.add(resource(w, namespace));
        docs.add(podGroup(w, namespace));
        for (Pod pod : w.getPodsList()) {
            docs.add(pod(w, pod, namespace));
        }
        // One generator for all documents: it starts every document after the first with "---".
        StringWriter out = new StringWriter(1024 * docs.size());
        out.write("---\n");
        try (JsonGenerator generator = YAML.createGenerator(out)) {
            for (Map<String, Object> doc : docs) {
                YAML.writeValue(generator, doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Map<String, Object> resource(Workload w, String namespace) {
        WorkloadSpec spec = w.getSpec();
        String kind = switch (spec.getType()) {
            case WORKLOAD_TYPE_INTERACTIVE -> "InteractiveWorkload";
            case WORKLOAD_TYPE_DISTRIBUTED -> "DistributedWorkload";
            case WORKLOAD_TYPE_INFERENCE -> "InferenceWorkload";
            default -> "TrainingWorkload";
        };
        Map<String, Object> specMap = new LinkedHashMap<>();
        specMap.put("image", spec.getImage());
        if (spec.getCommandCount() > 0) {
            specMap.put("command", spec.getCommandList());
        }
        if (spec.getArgsCount() > 0) {
            specMap.put("args", spec.getArgsList());
        }
        specMap.put("compute", compute(spec.getCompute()));
        if (spec.getEnvironmentCount() > 0) {
            specMap.put("env", declaredEnvironment(spec));
        }
        if (spec.getVolumesCount() > 0) {
            specMap.put("volumes", PodVolumes.volumes(spec.getName(), spec.getVolumesList()));
            specMap.put("volumeMounts", PodVolumes.mounts(spec.getVolumesList()));
            List<Map<String, Object>> initContainers = PodVolumes.initContainers(spec.getVolumesList());
            if (!initContainers.isEmpty()) {
                specMap.put("initContainers", initContainers);
            }
        }
        specMap.put("priorityClassName", PriorityClass.resolve(spec.getType(), spec.getPriorityClass(),
                spec.hasPreemptible() ? java.util.Optional.of(spec.getPreemptible()) : java.util.Optional.empty()).className());
        specMap.put("preemptible", w.getPreemptible());
        if (spec.getNodePoolsCount() > 0) {
            specMap.put("nodePools", spec.getNodePoolsList());
        }
        if (!spec.getNodeType().isEmpty()) {
            specMap.put("nodeType", spec.getNodeType());
        }
        return object("runplane.io/v1", kind, spec.getName(), namespace, labels(w), Map.of("spec", specMap));
    }

    private static Map<String, Object> podGroup(Workload w, String namespace) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("minMember", WorkloadController.requiredRunningFor(w));
        spec.put("queue", w.getSpec().getProject());
        spec.put("priorityClassName", "p" + w.getPriority());
        return object("scheduling.runplane.io/v1", "PodGroup", "pg-" + w.getSpec().getName(), namespace, labels(w), Map.of("spec", spec));
    }

    private static Map<String, Object> pod(Workload w, Pod pod, String namespace) {
        WorkloadSpec spec = w.getSpec();
        List<Map<String, Object>> containers = new ArrayList<>();
        for (String name : pod.getContainersList()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", name);
            c.put("image", name.equals(spec.getName()) ? spec.getImage() : "runplane/queue-proxy:1.0");
            if (name.equals(spec.getName())) {
                c.put("env", environment(spec, pod));
                if (spec.getVolumesCount() > 0) {
                    c.put("volumeMounts", PodVolumes.mounts(spec.getVolumesList()));
                }
                Map<String, Object> requests = new LinkedHashMap<>();
                if (spec.getCompute().getCpuMillis() > 0) {
                    requests.put("cpu", spec.getCompute().getCpuMillis() + "m");
                }
                if (spec.getCompute().getMemoryMib() > 0) {
                    requests.put("memory", spec.getCompute().getMemoryMib() + "Mi");
                }
                Map<String, Object> resources = new LinkedHashMap<>();
                resources.put("requests", requests);
                if (spec.getCompute().getGpuDevices() > 0) {
                    resources.put("limits", Map.of("nvidia.com/gpu", spec.getCompute().getGpuDevices()));
                }
                c.put("resources", resources);
            }
            containers.add(c);
        }
        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("schedulerName", "runplane");
        podSpec.put("restartPolicy", spec.getType() == io.runplane.api.v1.WorkloadType.WORKLOAD_TYPE_TRAINING
                || spec.getType() == io.runplane.api.v1.WorkloadType.WORKLOAD_TYPE_DISTRIBUTED ? "Never" : "Always");
        if (!spec.getNodeType().isEmpty()) {
            podSpec.put("nodeSelector", Map.of(SnapshotLabels.NODE_TYPE, spec.getNodeType()));
        }
        List<Map<String, Object>> initContainers = PodVolumes.initContainers(spec.getVolumesList());
        if (!initContainers.isEmpty()) {
            podSpec.put("initContainers", initContainers);
        }
        podSpec.put("containers", containers);
        if (spec.getVolumesCount() > 0) {
            podSpec.put("volumes", PodVolumes.volumes(spec.getName(), spec.getVolumesList()));
        }
        Map<String, String> labels = labels(w);
        labels.put("runplane.io/pod-index", Integer.toString(pod.getIndex()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("spec", podSpec);
        Map<String, Object> doc = object("v1", "Pod", pod.getName(), namespace, labels, body);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) doc.get("metadata");
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("pod-group-name", "pg-" + spec.getName());
        if (spec.getCompute().getGpuPortion() > 0) {
            annotations.put("gpu-fraction", String.format(Locale.ROOT, "%s", spec.getCompute().getGpuPortion()));
        }
        if (spec.getCompute().getGpuMemoryMib() > 0) {
            annotations.put("gpu-memory", Long.toString(spec.getCompute().getGpuMemoryMib()));
        }
        metadata.put("annotations", annotations);
        return doc;
    }

    private static List<Map<String, Object>> declaredEnvironment(WorkloadSpec spec) {
        List<Map<String, Object>> env = new ArrayList<>();
        for (EnvVar v : spec.getEnvironmentList()) {
            env.add(v.getSecretRef().isEmpty() ? PodVolumes.ordered("name", v.getName(), "value", v.getValue())
                    : fromSecret(v.getName(), v.getSecretRef()));
        }
        return env;
    }

    private static Map<String, Object> fromSecret(String name, String secretRef) {
        String[] secretAndKey = secretRef.split("/", 2);
        return PodVolumes.ordered("name", name, "valueFrom",
                Map.of("secretKeyRef", PodVolumes.ordered("name", secretAndKey[0], "key", secretAndKey[1])));
    }

    /** Variables from a secret are rendered as references to it, never with a value. */
    private static List<Map<String, Object>> environment(WorkloadSpec spec, Pod pod) {
        Map<String, String> fromSecrets = new LinkedHashMap<>();
        for (EnvVar v : spec.getEnvironmentList()) {
            if (!v.getSecretRef().isEmpty()) {
                fromSecrets.put(v.getName(), v.getSecretRef());
            }
        }
        List<Map<String, Object>> env = new ArrayList<>();
        for (EnvVar v : pod.getEnvironmentList()) {
            String secretRef = fromSecrets.get(v.getName());
            env.add(secretRef == null ? Map.of("name", v.getName(), "value", v.getValue()) : fromSecret(v.getName(), secretRef));
        }
        return env;
    }

    private static Map<String, Object> compute(ComputeRequest c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (c.getGpuDevices() > 0) {
            m.put("gpuDevicesRequest", c.getGpuDevices());
        }
        if (c.getGpuPortion() > 0) {
            m.put("gpuPortionRequest", c.getGpuPortion());
        }
        if (c.getGpuMemoryMib() > 0) {
            m.put("gpuMemoryRequest", c.getGpuMemoryMib() + "Mi");
        }
        if (c.getCpuMillis() > 0) {
            m.put("cpuCoreRequest", c.getCpuMillis() / 1000.0);
        }
        if (c.getMemoryMib() > 0) {
            m.put("cpuMemoryRequest", c.getMemoryMib() + "Mi");
        }
        return m;
    }

    private static Map<String, String> labels(Workload w) {
        Map<String, String> labels = new LinkedHashMap<>(w.getSpec().getLabelsMap());
        labels.put("runplane.io/project", w.getSpec().getProject());
        labels.put("runplane.io/workload", w.getSpec().getName());
        labels.put("runplane.io/workload-uuid", w.getUuid());
        return labels;
    }

    private static Map<String, Object> object(String apiVersion, String kind, String name, String namespace, Map<String, String> labels,
                                              Map<String, Object> body) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", apiVersion);
        doc.put("kind", kind);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        metadata.put("labels", labels);
        doc.put("metadata", metadata);
        doc.putAll(body);
        return doc;
    }
}
