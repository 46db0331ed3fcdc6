package io.runplane.console.submit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The fields of the new-workload form that can carry a validation message, each with the policy
 * field path it edits when it edits one.
 */
public enum FormField {
    PROJECT(null), NAME(null), IMAGE("image"), COMMAND(null), GPUS("compute.gpuDevicesRequest"),
    GPU_PORTION("compute.gpuPortionRequest"), CPU("compute.cpuCoreRequest"), MEMORY("compute.cpuMemoryRequest"),
    PREEMPTION("preemptible"), COMPLETIONS("training.completions"), PARALLELISM("training.parallelism"),
    FRAMEWORK("distributed.framework"), WORKERS("distributed.workers"), MIN_REPLICAS("inference.minReplicas"),
    MAX_REPLICAS("inference.maxReplicas"), PORT(null);

    private final String policyPath;

    FormField(String policyPath) {
        this.policyPath = policyPath;
    }

    /** The policy field path this form field edits, e.g. {@code compute.gpuDevicesRequest}. */
    public Optional<String> policyPath() {
        return Optional.ofNullable(policyPath);
    }

    /** The form field that edits the policy field at {@code path} (or one of its instances). */
    public static Optional<FormField> forPolicyPath(String path) {
        String field = path.contains("[") ? path.substring(0, path.indexOf('[')) : path;
        return Arrays.stream(values()).filter(f -> field.equals(f.policyPath)).findFirst();
    }

    /**
     * The form field a server-side field path (e.g. {@code spec.compute.gpu_devices},
     * {@code compute.gpuDevicesRequest}) refers to, or {@code null} if the form has none.
     */
    public static FormField forServerPath(String path) {
        Optional<FormField> policyField = forPolicyPath(path);
        if (policyField.isPresent()) {
            return policyField.get();
        }
        String p = path.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (p.startsWith("spec.")) {
            p = p.substring(5);
        }
        if (p.contains("portion")) {
            return GPU_PORTION;
        }
        if (p.contains("gpu")) {
            return GPUS;
        }
        if (p.contains("memory")) {
            return MEMORY;
        }
        if (p.contains("cpu")) {
            return CPU;
        }
        if (p.contains("imagepullpolicy")) {
            return null;
        }
        if (p.contains("image")) {
            return IMAGE;
        }
        if (p.contains("command") || p.contains("args")) {
            return COMMAND;
        }
        if (p.contains("completions")) {
            return COMPLETIONS;
        }
        if (p.contains("parallelism")) {
            return PARALLELISM;
        }
        if (p.contains("framework")) {
            return FRAMEWORK;
        }
        if (p.contains("workers")) {
            return WORKERS;
        }
        if (p.contains("minreplicas")) {
            return MIN_REPLICAS;
        }
        if (p.contains("maxreplicas")) {
            return MAX_REPLICAS;
        }
        if (p.contains("preemptible")) {
            return PREEMPTION;
        }
        if (p.contains("port")) {
            return PORT;
        }
        if (p.equals("project")) {
            return PROJECT;
        }
        if (p.equals("name")) {
            return NAME;
        }
        return null;
    }
}
