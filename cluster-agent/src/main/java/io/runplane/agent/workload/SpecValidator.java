package io.runplane.agent.workload;

import io.runplane.agent.backend.ClusterBackend;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.scheduling.SchedulerInputs;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.EnvVar;
import io.runplane.api.v1.Tool;
import io.runplane.api.v1.Toleration;
import io.runplane.api.v1.Volume;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Checks a submitted spec against the cluster; every problem is reported with its field path. */
public final class SpecValidator {

    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Set<String> METRICS = Set.of("concurrency", "throughput", "latency", "cpu-utilization", "gpu-utilization");
    private static final Set<String> PULL_POLICIES = Set.of("", "Always", "IfNotPresent", "Never");
    private static final Set<String> EFFECTS = Set.of("", "NoSchedule", "PreferNoSchedule", "NoExecute");
    static final int MAX_NAME_LENGTH = 50;

    private final ClusterFile cluster;
    private final ClusterBackend backend;
    private final Supplier<SchedulerInputs> organization;

    /** @param organization the current organization, for the projects and node pools a spec may name */
    public SpecValidator(ClusterBackend backend, Supplier<SchedulerInputs> organization) {
        this.cluster = backend.inventory();
        this.backend = backend;
        this.organization = organization;
    }

    public List<FieldProblem> validate(WorkloadSpec spec) {
        List<FieldProblem> problems = new ArrayList<>();
        if (spec.getProject().isEmpty()) {
            problems.add(new FieldProblem("spec.project", "is required"));
        } else if (organization.get().project(spec.getProject()).isEmpty()) {
            problems.add(new FieldProblem("spec.project", "unknown project \"" + spec.getProject() + "\""));
        }
        checkName("spec.name", spec.getName(), problems);
        if (spec.getType() == WorkloadType.WORKLOAD_TYPE_UNSPECIFIED || spec.getType() == WorkloadType.UNRECOGNIZED) {
            problems.add(new FieldProblem("spec.type", "is required: training, interactive, distributed or inference"));
        }
        if (spec.getImage().isBlank()) {
            problems.add(new FieldProblem("spec.image", "is required"));
        } else if (spec.getImage().chars().anyMatch(Character::isWhitespace)) {
            problems.add(new FieldProblem("spec.image", "must not contain whitespace"));
        }
        if (!PULL_POLICIES.contains(spec.getImagePullPolicy())) {
            problems.add(new FieldProblem("spec.image_pull_policy", "must be Always, IfNotPresent or Never"));
        }
        checkCompute("spec.compute", spec.getCompute(), problems);
        checkPlacement(spec, problems);
        checkEnvironment(spec.getEnvironmentList(), problems);
        checkTools(spec.getToolsList(), problems);
        checkVolumes(spec.getVolumesList(), problems);
        if (!spec.getPriorityClass().isEmpty() && PriorityClass.named(spec.getPriorityClass()).isEmpty()) {
            problems.add(new FieldProblem("spec.priority_class",
                    "unknown priority class \"" + spec.getPriorityClass() + "\"; known: train, build, build-preemptible, interactive-preemptible, inference"));
        }
        for (Map.Entry<String, String> problem : backend.annotationProblems(spec.getAnnotationsMap()).entrySet()) {
            problems.add(new FieldProblem("spec.annotations[" + problem.getKey() + "]", problem.getValue()));
        }
        for (String key : spec.getLabelsMap().keySet()) {
            if (key.isBlank()) {
                problems.add(new FieldProblem("spec.labels", "keys must not be empty"));
            }
        }
        checkTypeOptions(spec, problems);
        return problems;
    }

    static void checkName(String field, String name, List<FieldProblem> problems) {
        if (name.isEmpty()) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add(new FieldProblem(field, "must be at most " + MAX_NAME_LENGTH + " characters"));
        } else if (!DNS_1123_LABEL.matcher(name).matches()) {
            problems.add(new FieldProblem(field, "must be a DNS-1123 label: lower-case letters, digits and '-', "
                    + "starting and ending with a letter or digit"));
        }
    }

    private void checkCompute(String path, ComputeRequest c, List<FieldProblem> problems) {
        int kinds = (c.getGpuDevices() != 0 ? 1 : 0) + (c.getGpuPortion() != 0 ? 1 : 0) + (c.getGpuMemoryMib() != 0 ? 1 : 0);
        if (kinds > 1) {
            problems.add(new FieldProblem(path, "set only one of gpu_devices, gpu_portion and gpu_memory_mib"));
        }
        int largestNode = cluster.nodes().stream().mapToInt(ClusterFile.NodeDef::gpus).max().orElse(0);
        if (c.getGpuDevices() < 0) {
            problems.add(new FieldProblem(path + ".gpu_devices", "must be >= 0"));
        } else if (c.getGpuDevices() > largestNode) {
            problems.add(new FieldProblem(path + ".gpu_devices", "must be no greater than " + largestNode + " (the largest node)"));
        }
        if (!Double.isFinite(c.getGpuPortion()) || c.getGpuPortion() < 0 || c.getGpuPortion() >= 1) {
            problems.add(new FieldProblem(path + ".gpu_portion", "must be a fraction of one device: 0 < portion < 1"));
        }
        if (!Double.isFinite(c.getGpuPortionLimit()) || c.getGpuPortionLimit() < 0 || c.getGpuPortionLimit() > 1) {
            problems.add(new FieldProblem(path + ".gpu_portion_limit", "must be between 0 and 1"));
        } else if (c.getGpuPortionLimit() != 0 && c.getGpuPortion() == 0) {
            problems.add(new FieldProblem(path + ".gpu_portion_limit", "applies only to a gpu_portion (dynamic fractions)"));
        } else if (c.getGpuPortionLimit() != 0 && c.getGpuPortionLimit() < c.getGpuPortion()) {
            problems.add(new FieldProblem(path + ".gpu_portion_limit", "must be at least gpu_portion"));
        }
        long largestDevice = cluster.nodes().stream().mapToLong(ClusterFile.NodeDef::gpuMemoryMiB).max().orElse(0);
        if (c.getGpuMemoryMib() < 0 || c.getGpuMemoryMib() > largestDevice) {
            problems.add(new FieldProblem(path + ".gpu_memory_mib", "must be between 0 and " + largestDevice + " MiB (the largest device)"));
        }
        if (c.getCpuMillis() < 0) {
            problems.add(new FieldProblem(path + ".cpu_millis", "must be >= 0"));
        }
        if (c.getMemoryMib() < 0) {
            problems.add(new FieldProblem(path + ".memory_mib", "must be >= 0"));
        }
        if (c.getCpuLimitMillis() < 0 || (c.getCpuLimitMillis() > 0 && c.getCpuLimitMillis() < c.getCpuMillis())) {
            problems.add(new FieldProblem(path + ".cpu_limit_millis", "must be 0 (none) or at least cpu_millis"));
        }
        if (c.getMemoryLimitMib() < 0 || (c.getMemoryLimitMib() > 0 && c.getMemoryLimitMib() < c.getMemoryMib())) {
            problems.add(new FieldProblem(path + ".memory_limit_mib", "must be 0 (none) or at least memory_mib"));
        }
    }

    private void checkPlacement(WorkloadSpec spec, List<FieldProblem> problems) {
        for (int i = 0; i < spec.getNodePoolsCount(); i++) {
            String pool = spec.getNodePools(i);
            if (organization.get().pools().stream().noneMatch(p -> p.name().equals(pool))) {
                problems.add(new FieldProblem("spec.node_pools[" + i + "]", "unknown node pool \"" + pool + "\""));
            }
        }
        if (!spec.getNodeType().isEmpty()
                && cluster.nodes().stream().noneMatch(n -> spec.getNodeType().equals(n.labels().get(SnapshotLabels.NODE_TYPE)))) {
            problems.add(new FieldProblem("spec.node_type", "no node is labelled " + SnapshotLabels.NODE_TYPE + "=" + spec.getNodeType()));
        }
        for (int i = 0; i < spec.getTolerationsCount(); i++) {
            Toleration t = spec.getTolerations(i);
            String op = t.getOperator().isEmpty() ? "Equal" : t.getOperator();
            if (!op.equals("Equal") && !op.equals("Exists")) {
                problems.add(new FieldProblem("spec.tolerations[" + i + "].operator", "must be Equal or Exists"));
            }
            if (!EFFECTS.contains(t.getEffect())) {
                problems.add(new FieldProblem("spec.tolerations[" + i + "].effect", "must be NoSchedule, PreferNoSchedule or NoExecute"));
            }
            if (t.getKey().isEmpty() && !op.equals("Exists")) {
                problems.add(new FieldProblem("spec.tolerations[" + i + "].key", "is required unless the operator is Exists"));
            }
        }
    }

    private static void checkEnvironment(List<EnvVar> environment, List<FieldProblem> problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < environment.size(); i++) {
            EnvVar env = environment.get(i);
            if (!ENV_NAME.matcher(env.getName()).matches()) {
                problems.add(new FieldProblem("spec.environment[" + i + "].name", "must be a valid environment variable name"));
            } else if (!seen.add(env.getName())) {
                problems.add(new FieldProblem("spec.environment[" + i + "].name", "duplicate variable " + env.getName()));
            }
            if (!env.getSecretRef().isEmpty() && !env.getSecretRef().matches("[^/]+/[^/]+")) {
                problems.add(new FieldProblem("spec.environment[" + i + "].secret_ref", "must be secret/key"));
            }
        }
    }

    private static void checkTools(List<Tool> tools, List<FieldProblem> problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            Tool tool = tools.get(i);
            checkName("spec.tools[" + i + "].name", tool.getName(), problems);
            if (!tool.getName().isEmpty() && !seen.add(tool.getName())) {
                problems.add(new FieldProblem("spec.tools[" + i + "].name", "duplicate tool " + tool.getName()));
            }
            if (tool.getContainerPort() < 1 || tool.getContainerPort() > 65535) {
                problems.add(new FieldProblem("spec.tools[" + i + "].container_port", "must be a port from 1 to 65535"));
            }
        }
    }

    private static void checkVolumes(List<Volume> volumes, List<FieldProblem> problems) {
        Set<String> names = new HashSet<>();
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < volumes.size(); i++) {
            Volume volume = volumes.get(i);
            checkName("spec.volumes[" + i + "].name", volume.getName(), problems);
            if (!names.add(volume.getName())) {
                problems.add(new FieldProblem("spec.volumes[" + i + "].name", "duplicate volume " + volume.getName()));
            }
            if (!volume.getMountPath().startsWith("/")) {
                problems.add(new FieldProblem("spec.volumes[" + i + "].mount_path", "must be an absolute path"));
            } else if (!paths.add(volume.getMountPath())) {
                problems.add(new FieldProblem("spec.volumes[" + i + "].mount_path", "another volume is mounted at " + volume.getMountPath()));
            }
        }
    }

    private static void checkTypeOptions(WorkloadSpec spec, List<FieldProblem> problems) {
        WorkloadType type = spec.getType();
        if (spec.hasTraining() && type != WorkloadType.WORKLOAD_TYPE_TRAINING && type != WorkloadType.WORKLOAD_TYPE_DISTRIBUTED) {
            problems.add(new FieldProblem("spec.training", "only for training and distributed workloads"));
        }
        if (spec.hasDistributed() && type != WorkloadType.WORKLOAD_TYPE_DISTRIBUTED) {
            problems.add(new FieldProblem("spec.distributed", "only for distributed workloads"));
        }
        if (spec.hasInference() && type != WorkloadType.WORKLOAD_TYPE_INFERENCE) {
            problems.add(new FieldProblem("spec.inference", "only for inference workloads"));
        }
        var training = spec.getTraining();
        if (training.getCompletions() < 0) {
            problems.add(new FieldProblem("spec.training.completions", "must be >= 0"));
        }
        if (training.getParallelism() < 0) {
            problems.add(new FieldProblem("spec.training.parallelism", "must be >= 0"));
        }
        if (training.hasBackoffLimit() && training.getBackoffLimit() < 0) {
            problems.add(new FieldProblem("spec.training.backoff_limit", "must be >= 0"));
        }
        if (training.getTtlAfterFinishSeconds() < 0) {
            problems.add(new FieldProblem("spec.training.ttl_after_finish_seconds", "must be >= 0"));
        }
        if (type == WorkloadType.WORKLOAD_TYPE_DISTRIBUTED) {
            var d = spec.getDistributed();
            if (d.getWorkers() < 1) {
                problems.add(new FieldProblem("spec.distributed.workers", "must be at least 1"));
            } else if (d.getWorkers() > 256) {
                problems.add(new FieldProblem("spec.distributed.workers", "must be no greater than 256"));
            }
            if (!d.getCleanPodPolicy().isEmpty() && !Set.of("None", "Running", "All").contains(d.getCleanPodPolicy())) {
                problems.add(new FieldProblem("spec.distributed.clean_pod_policy", "must be None, Running or All"));
            }
        }
        if (type == WorkloadType.WORKLOAD_TYPE_INFERENCE) {
            var inf = spec.getInference();
            int max = inf.getMaxReplicas() == 0 ? Math.max(1, inf.getMinReplicas()) : inf.getMaxReplicas();
            if (inf.getMinReplicas() < 0) {
                problems.add(new FieldProblem("spec.inference.min_replicas", "must be >= 0"));
            }
            if (max < inf.getMinReplicas()) {
                problems.add(new FieldProblem("spec.inference.max_replicas", "must be at least min_replicas"));
            }
            if (max > 100) {
                problems.add(new FieldProblem("spec.inference.max_replicas", "must be no greater than 100"));
            }
            if (!inf.getMetric().isEmpty() && !METRICS.contains(inf.getMetric())) {
                problems.add(new FieldProblem("spec.inference.metric", "must be one of " + METRICS));
            }
            if (!inf.getMetric().isEmpty() && !(inf.getTarget() > 0)) {
                problems.add(new FieldProblem("spec.inference.target", "must be > 0 when a metric is set"));
            }
            if (inf.getContainerPort() < 0 || inf.getContainerPort() > 65535) {
                problems.add(new FieldProblem("spec.inference.container_port", "must be a port from 1 to 65535"));
            }
        }
    }
}
