package io.runplane.policy;

import io.runplane.api.v1.WorkloadType;
import java.util.Arrays;
import java.util.Optional;

/**
 * The four workload types a policy can govern, with the Kubernetes kinds of their workloads and
 * policies.
 */
public enum WorkloadKind {
    /** Workspaces: notebooks, IDEs, experimentation. */
    INTERACTIVE("InteractiveWorkload", "InteractivePolicy", WorkloadType.WORKLOAD_TYPE_INTERACTIVE),
    /** Batch training. */
    TRAINING("TrainingWorkload", "TrainingPolicy", WorkloadType.WORKLOAD_TYPE_TRAINING),
    /** Distributed training (PyTorch, TensorFlow, MPI, XGBoost). */
    DISTRIBUTED("DistributedWorkload", "DistributedPolicy", WorkloadType.WORKLOAD_TYPE_DISTRIBUTED),
    /** Model serving. */
    INFERENCE("InferenceWorkload", "InferencePolicy", WorkloadType.WORKLOAD_TYPE_INFERENCE);

    private final String workloadKind;
    private final String policyKind;
    private final WorkloadType apiType;

    WorkloadKind(String workloadKind, String policyKind, WorkloadType apiType) {
        this.workloadKind = workloadKind;
        this.policyKind = policyKind;
        this.apiType = apiType;
    }

    /** The Kubernetes kind of a workload of this type, e.g. {@code TrainingWorkload}. */
    public String workloadKind() {
        return workloadKind;
    }

    /** The Kubernetes kind of a policy for this type, e.g. {@code TrainingPolicy}. */
    public String policyKind() {
        return policyKind;
    }

    /** The matching gRPC contract enum value. */
    public WorkloadType apiType() {
        return apiType;
    }

    /** A short lower-case name: {@code interactive}, {@code training}, ... */
    public String displayName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The type whose policy kind is {@code kind}, if any. */
    public static Optional<WorkloadKind> ofPolicyKind(String kind) {
        return Arrays.stream(values()).filter(k -> k.policyKind.equals(kind)).findFirst();
    }

    /** The type whose workload kind is {@code kind}, if any. */
    public static Optional<WorkloadKind> ofWorkloadKind(String kind) {
        return Arrays.stream(values()).filter(k -> k.workloadKind.equals(kind)).findFirst();
    }

    /** The type matching a gRPC contract value, if it is a concrete one. */
    public static Optional<WorkloadKind> ofApiType(WorkloadType type) {
        return Arrays.stream(values()).filter(k -> k.apiType == type).findFirst();
    }
}
