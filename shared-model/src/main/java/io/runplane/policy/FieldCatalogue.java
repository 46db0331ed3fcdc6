package io.runplane.policy;

import static io.runplane.policy.Accessors.array;
import static io.runplane.policy.Accessors.bool;
import static io.runplane.policy.Accessors.integer;
import static io.runplane.policy.Accessors.itemized;
import static io.runplane.policy.Accessors.number;
import static io.runplane.policy.Accessors.optionalBool;
import static io.runplane.policy.Accessors.optionalInteger;
import static io.runplane.policy.Accessors.quantity;
import static io.runplane.policy.Accessors.string;

import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.DistributedFramework;
import io.runplane.api.v1.DistributedOptions;
import io.runplane.api.v1.EnvVar;
import io.runplane.api.v1.InferenceOptions;
import io.runplane.api.v1.Security;
import io.runplane.api.v1.Toleration;
import io.runplane.api.v1.TrainingOptions;
import io.runplane.api.v1.WorkloadSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Every field a policy can default or constrain, with its path, value type and mapping onto
 * {@link WorkloadSpec}. The order of {@link #fields()} is the canonical order of tables and
 * written manifests.
 */
public final class FieldCatalogue {

    private static final Set<WorkloadKind> ALL = EnumSet.allOf(WorkloadKind.class);
    private static final ValueType STRING = new ValueType.StringType();
    private static final ValueType INTEGER = new ValueType.IntegerType();
    private static final ValueType NUMBER = new ValueType.NumberType();
    private static final ValueType BOOLEAN = new ValueType.BooleanType();
    private static final ValueType ARRAY = new ValueType.ArrayType();
    private static final ValueType CORES = new ValueType.QuantityType(QuantityUnit.CORES);
    private static final ValueType BYTES = new ValueType.QuantityType(QuantityUnit.BYTES);

    private static final List<FieldDefinition> FIELDS = List.of(
            field("image", STRING, ALL, "The container image.",
                    string(WorkloadSpec::getImage, (s, v) -> s.toBuilder().setImage(v).build())),
            field("imagePullPolicy", STRING, ALL, "When to pull the image: Always, IfNotPresent or Never.",
                    string(WorkloadSpec::getImagePullPolicy, (s, v) -> s.toBuilder().setImagePullPolicy(v).build())),
            field("command", ARRAY, ALL, "The container's entry point, replacing the image's.",
                    array(WorkloadSpec::getCommandList, (s, v) -> s.toBuilder().clearCommand().addAllCommand(v).build())),
            field("args", ARRAY, ALL, "Arguments passed to the command.",
                    array(WorkloadSpec::getArgsList, (s, v) -> s.toBuilder().clearArgs().addAllArgs(v).build())),
            field("workingDir", STRING, ALL, "The container's working directory.",
                    string(WorkloadSpec::getWorkingDir, (s, v) -> s.toBuilder().setWorkingDir(v).build())),
            field("environmentVariables", itemizedType("name", "value", "secretRef"), ALL,
                    "Environment variables of the container, by name.",
                    itemized(FieldCatalogue::environment, FieldCatalogue::withEnvironment)),
            field("nodeType", STRING, ALL, "The node type label value the workload must run on.",
                    string(WorkloadSpec::getNodeType, (s, v) -> s.toBuilder().setNodeType(v).build())),
            field("nodePools", ARRAY, ALL, "Node pools in order of preference.",
                    array(WorkloadSpec::getNodePoolsList, (s, v) -> s.toBuilder().clearNodePools().addAllNodePools(v).build())),
            field("tolerations", itemizedType("key", "operator", "value", "effect"), ALL,
                    "Tolerations of node taints, by taint key.",
                    itemized(FieldCatalogue::tolerations, FieldCatalogue::withTolerations)),
            field("priorityClass", STRING, ALL, "The priority class; empty means the type's default.",
                    string(WorkloadSpec::getPriorityClass, (s, v) -> s.toBuilder().setPriorityClass(v).build())),
            field("preemptible", BOOLEAN, ALL, "Whether the workload may be preempted (and go over quota).",
                    optionalBool(WorkloadSpec::hasPreemptible, WorkloadSpec::getPreemptible,
                            (s, v) -> s.toBuilder().setPreemptible(v).build())),
            field("labels", itemizedType("name", "value"), ALL, "Labels set on the workload's pods, by name.",
                    itemized(s -> pairs(s.getLabelsMap()), (s, v) -> s.toBuilder().clearLabels().putAllLabels(map(v)).build())),
            field("annotations", itemizedType("name", "value"), ALL, "Annotations set on the workload's pods, by name.",
                    itemized(s -> pairs(s.getAnnotationsMap()),
                            (s, v) -> s.toBuilder().clearAnnotations().putAllAnnotations(map(v)).build())),
            compute("compute.gpuDevicesRequest", INTEGER, "Whole GPU devices per pod.",
                    integer(s -> (long) s.getCompute().getGpuDevices(), (s, v) -> compute(s, c -> c.setGpuDevices(v)))),
            compute("compute.gpuPortionRequest", NUMBER, "A portion (0 to 1) of one GPU per pod.",
                    number(s -> s.getCompute().getGpuPortion(), (s, v) -> compute(s, c -> c.setGpuPortion(v)))),
            compute("compute.gpuPortionLimit", NUMBER, "The portion a pod may burst to (dynamic fractions).",
                    number(s -> s.getCompute().getGpuPortionLimit(), (s, v) -> compute(s, c -> c.setGpuPortionLimit(v)))),
            compute("compute.gpuMemoryRequest", BYTES, "GPU memory per pod, e.g. 10G.",
                    quantity(QuantityUnit.BYTES, s -> s.getCompute().getGpuMemoryMib(),
                            (s, v) -> compute(s, c -> c.setGpuMemoryMib(v)))),
            compute("compute.cpuCoreRequest", CORES, "CPU cores guaranteed per pod, e.g. 0.5.",
                    quantity(QuantityUnit.CORES, s -> s.getCompute().getCpuMillis(),
                            (s, v) -> compute(s, c -> c.setCpuMillis(v)))),
            compute("compute.cpuCoreLimit", CORES, "The most CPU cores a pod may use.",
                    quantity(QuantityUnit.CORES, s -> s.getCompute().getCpuLimitMillis(),
                            (s, v) -> compute(s, c -> c.setCpuLimitMillis(v)))),
            compute("compute.cpuMemoryRequest", BYTES, "Memory guaranteed per pod, e.g. 20G or 512Mi.",
                    quantity(QuantityUnit.BYTES, s -> s.getCompute().getMemoryMib(),
                            (s, v) -> compute(s, c -> c.setMemoryMib(v)))),
            compute("compute.cpuMemoryLimit", BYTES, "The most memory a pod may use.",
                    quantity(QuantityUnit.BYTES, s -> s.getCompute().getMemoryLimitMib(),
                            (s, v) -> compute(s, c -> c.setMemoryLimitMib(v)))),
            compute("compute.largeShmRequest", BOOLEAN, "Mount a large /dev/shm.",
                    bool(s -> s.getCompute().getLargeShm(), (s, v) -> compute(s, c -> c.setLargeShm(v)))),
            security("security.runAsUid", INTEGER, "The user id the container runs as (0 counts as unset).",
                    integer(s -> s.getSecurity().getRunAsUid(), (s, v) -> security(s, b -> b.setRunAsUid(v)))),
            security("security.runAsGid", INTEGER, "The group id the container runs as (0 counts as unset).",
                    integer(s -> s.getSecurity().getRunAsGid(), (s, v) -> security(s, b -> b.setRunAsGid(v)))),
            security("security.capabilities", ARRAY, "Linux capabilities added to the container.",
                    array(s -> s.getSecurity().getCapabilitiesList(),
                            (s, v) -> security(s, b -> b.clearCapabilities().addAllCapabilities(v)))),
            security("security.allowPrivilegeEscalation", BOOLEAN, "Allow a process to gain more privileges.",
                    bool(s -> s.getSecurity().getAllowPrivilegeEscalation(),
                            (s, v) -> security(s, b -> b.setAllowPrivilegeEscalation(v)))),
            security("security.hostIpc", BOOLEAN, "Share the host's IPC namespace.",
                    bool(s -> s.getSecurity().getHostIpc(), (s, v) -> security(s, b -> b.setHostIpc(v)))),
            security("security.hostNetwork", BOOLEAN, "Use the host's network.",
                    bool(s -> s.getSecurity().getHostNetwork(), (s, v) -> security(s, b -> b.setHostNetwork(v)))),
            field("training.backoffLimit", INTEGER, EnumSet.of(WorkloadKind.TRAINING, WorkloadKind.DISTRIBUTED),
                    "Retries before the workload fails (6 when unset).",
                    optionalInteger(s -> s.getTraining().hasBackoffLimit(), s -> (long) s.getTraining().getBackoffLimit(),
                            (s, v) -> training(s, t -> t.setBackoffLimit(v)))),
            field("training.completions", INTEGER, EnumSet.of(WorkloadKind.TRAINING),
                    "Successful pods needed to complete the workload.",
                    integer(s -> (long) s.getTraining().getCompletions(), (s, v) -> training(s, t -> t.setCompletions(v)))),
            field("training.parallelism", INTEGER, EnumSet.of(WorkloadKind.TRAINING), "Pods run at the same time.",
                    integer(s -> (long) s.getTraining().getParallelism(), (s, v) -> training(s, t -> t.setParallelism(v)))),
            field("training.autoDeletionTimeAfterCompletionSeconds", INTEGER,
                    EnumSet.of(WorkloadKind.TRAINING, WorkloadKind.DISTRIBUTED),
                    "Seconds after completion before the workload is deleted.",
                    integer(s -> s.getTraining().getTtlAfterFinishSeconds(),
                            (s, v) -> training(s, t -> t.setTtlAfterFinishSeconds(v)))),
            field("distributed.framework", STRING, EnumSet.of(WorkloadKind.DISTRIBUTED),
                    "The framework: pytorch, tensorflow, mpi or xgboost.",
                    string(FieldCatalogue::framework, FieldCatalogue::withFramework)),
            field("distributed.workers", INTEGER, EnumSet.of(WorkloadKind.DISTRIBUTED), "The number of worker pods.",
                    integer(s -> (long) s.getDistributed().getWorkers(), (s, v) -> distributed(s, d -> d.setWorkers(v)))),
            field("distributed.cleanPodPolicy", STRING, EnumSet.of(WorkloadKind.DISTRIBUTED),
                    "Which pods are deleted when the workload ends.",
                    string(s -> s.getDistributed().getCleanPodPolicy(), (s, v) -> distributed(s, d -> d.setCleanPodPolicy(v)))),
            field("inference.minReplicas", INTEGER, EnumSet.of(WorkloadKind.INFERENCE), "The fewest replicas.",
                    integer(s -> (long) s.getInference().getMinReplicas(), (s, v) -> inference(s, i -> i.setMinReplicas(v)))),
            field("inference.maxReplicas", INTEGER, EnumSet.of(WorkloadKind.INFERENCE), "The most replicas.",
                    integer(s -> (long) s.getInference().getMaxReplicas(), (s, v) -> inference(s, i -> i.setMaxReplicas(v)))),
            field("inference.metric", STRING, EnumSet.of(WorkloadKind.INFERENCE),
                    "The autoscaling metric: concurrency, throughput, latency, cpu-utilization or gpu-utilization.",
                    string(s -> s.getInference().getMetric(), (s, v) -> inference(s, i -> i.setMetric(v)))),
            field("inference.target", NUMBER, EnumSet.of(WorkloadKind.INFERENCE), "The metric's target per replica.",
                    number(s -> s.getInference().getTarget(), (s, v) -> inference(s, i -> i.setTarget(v)))));

    private static final Map<String, FieldDefinition> BY_PATH;

    static {
        Map<String, FieldDefinition> byPath = new LinkedHashMap<>();
        for (FieldDefinition f : FIELDS) {
            byPath.put(f.path(), f);
        }
        BY_PATH = java.util.Collections.unmodifiableMap(byPath);
    }

    private FieldCatalogue() {
    }

    /** Every field, in canonical order. */
    public static List<FieldDefinition> fields() {
        return FIELDS;
    }

    /** The fields that exist for workloads of {@code kind}, in canonical order. */
    public static List<FieldDefinition> fields(WorkloadKind kind) {
        return FIELDS.stream().filter(f -> f.appliesTo(kind)).toList();
    }

    /** The field at {@code path}, if there is one. */
    public static Optional<FieldDefinition> field(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    /**
     * Whether {@code source} can provide a {@code defaultFrom} default for {@code target}: a
     * quantity from a quantity of the same unit, an integer or number from an integer or number.
     */
    public static boolean canDefaultFrom(FieldDefinition source, FieldDefinition target) {
        if (source.path().equals(target.path())) {
            return false;
        }
        return switch (target.type()) {
            case ValueType.QuantityType q -> source.type() instanceof ValueType.QuantityType s && s.unit() == q.unit();
            case ValueType.IntegerType i -> numeric(source);
            case ValueType.NumberType n -> numeric(source);
            default -> false;
        };
    }

    private static boolean numeric(FieldDefinition field) {
        return field.type() instanceof ValueType.IntegerType || field.type() instanceof ValueType.NumberType;
    }

    /** The position of a path in canonical order (unknown paths last). */
    public static int order(String path) {
        int i = 0;
        for (String p : BY_PATH.keySet()) {
            if (p.equals(path)) {
                return i;
            }
            i++;
        }
        return Integer.MAX_VALUE;
    }

    private static FieldDefinition field(String path, ValueType type, Set<WorkloadKind> kinds, String description,
            SpecAccessor accessor) {
        return new FieldDefinition(path, type, kinds, description, accessor);
    }

    private static FieldDefinition compute(String path, ValueType type, String description, SpecAccessor accessor) {
        return field(path, type, ALL, description, accessor);
    }

    private static FieldDefinition security(String path, ValueType type, String description, SpecAccessor accessor) {
        return field(path, type, ALL, description, accessor);
    }

    private static ValueType itemizedType(String key, String... attributes) {
        return new ValueType.ItemizedType(key, List.of(attributes));
    }

    private static WorkloadSpec compute(WorkloadSpec s, UnaryOperator<ComputeRequest.Builder> change) {
        return s.toBuilder().setCompute(change.apply(s.getCompute().toBuilder())).build();
    }

    private static WorkloadSpec security(WorkloadSpec s, UnaryOperator<Security.Builder> change) {
        return s.toBuilder().setSecurity(change.apply(s.getSecurity().toBuilder())).build();
    }

    private static WorkloadSpec training(WorkloadSpec s, UnaryOperator<TrainingOptions.Builder> change) {
        return s.toBuilder().setTraining(change.apply(s.getTraining().toBuilder())).build();
    }

    private static WorkloadSpec distributed(WorkloadSpec s, UnaryOperator<DistributedOptions.Builder> change) {
        return s.toBuilder().setDistributed(change.apply(s.getDistributed().toBuilder())).build();
    }

    private static WorkloadSpec inference(WorkloadSpec s, UnaryOperator<InferenceOptions.Builder> change) {
        return s.toBuilder().setInference(change.apply(s.getInference().toBuilder())).build();
    }

    private static List<Instance> environment(WorkloadSpec s) {
        List<Instance> out = new ArrayList<>();
        for (EnvVar e : s.getEnvironmentList()) {
            out.add(Instance.of(e.getName(), nonEmpty("value", e.getValue(), "secretRef", e.getSecretRef())));
        }
        return out;
    }

    private static WorkloadSpec withEnvironment(WorkloadSpec s, List<Instance> instances) {
        WorkloadSpec.Builder b = s.toBuilder().clearEnvironment();
        for (Instance i : instances) {
            b.addEnvironment(EnvVar.newBuilder().setName(i.key())
                    .setValue(i.attributes().getOrDefault("value", ""))
                    .setSecretRef(i.attributes().getOrDefault("secretRef", "")));
        }
        return b.build();
    }

    private static List<Instance> tolerations(WorkloadSpec s) {
        List<Instance> out = new ArrayList<>();
        for (Toleration t : s.getTolerationsList()) {
            out.add(Instance.of(t.getKey(),
                    nonEmpty("operator", t.getOperator(), "value", t.getValue(), "effect", t.getEffect())));
        }
        return out;
    }

    private static WorkloadSpec withTolerations(WorkloadSpec s, List<Instance> instances) {
        WorkloadSpec.Builder b = s.toBuilder().clearTolerations();
        for (Instance i : instances) {
            Map<String, String> a = i.attributes();
            b.addTolerations(Toleration.newBuilder().setKey(i.key())
                    .setOperator(a.getOrDefault("operator", "")).setValue(a.getOrDefault("value", ""))
                    .setEffect(a.getOrDefault("effect", "")));
        }
        return b.build();
    }

    private static List<Instance> pairs(Map<String, String> map) {
        return map.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> Instance.of(e.getKey(), nonEmpty("value", e.getValue()))).toList();
    }

    private static Map<String, String> map(List<Instance> instances) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Instance i : instances) {
            out.put(i.key(), i.attributes().getOrDefault("value", ""));
        }
        return out;
    }

    private static Map<String, String> nonEmpty(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!keysAndValues[i + 1].isEmpty()) {
                out.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return out;
    }

    private static String framework(WorkloadSpec s) {
        DistributedFramework f = s.getDistributed().getFramework();
        if (f == DistributedFramework.DISTRIBUTED_FRAMEWORK_UNSPECIFIED || f == DistributedFramework.UNRECOGNIZED) {
            return "";
        }
        return f.name().substring("DISTRIBUTED_FRAMEWORK_".length()).toLowerCase(Locale.ROOT);
    }

    private static WorkloadSpec withFramework(WorkloadSpec s, String name) {
        DistributedFramework f;
        try {
            f = DistributedFramework.valueOf("DISTRIBUTED_FRAMEWORK_" + name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be one of pytorch, tensorflow, mpi, xgboost", e);
        }
        if (f == DistributedFramework.DISTRIBUTED_FRAMEWORK_UNSPECIFIED) {
            throw new IllegalArgumentException("must be one of pytorch, tensorflow, mpi, xgboost");
        }
        return distributed(s, d -> d.setFramework(f));
    }
}
