package io.runplane.console.submit;

import java.util.Locale;

/** The fields of the new-workload form that can carry a validation message. */
public enum FormField {
    PROJECT, NAME, IMAGE, COMMAND, GPUS, GPU_PORTION, CPU, MEMORY, COMPLETIONS, PARALLELISM, WORKERS,
    MIN_REPLICAS, MAX_REPLICAS, PORT;

    /**
     * The form field a server-side field path (e.g. {@code spec.compute.gpu_devices},
     * {@code compute.gpuDevicesRequest}) refers to, or {@code null} if the form has none.
     */
    public static FormField forServerPath(String path) {
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
        if (p.contains("workers")) {
            return WORKERS;
        }
        if (p.contains("minreplicas")) {
            return MIN_REPLICAS;
        }
        if (p.contains("maxreplicas")) {
            return MAX_REPLICAS;
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
