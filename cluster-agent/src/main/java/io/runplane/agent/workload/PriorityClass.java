package io.runplane.agent.workload;

import io.runplane.api.v1.WorkloadType;

import java.util.Arrays;
import java.util.Optional;

/** The priority classes of the scheduler and the workload types they are the default for. */
public enum PriorityClass {
    TRAIN("train", 50, true),
    INTERACTIVE_PREEMPTIBLE("interactive-preemptible", 75, true),
    BUILD_PREEMPTIBLE("build-preemptible", 75, true),
    BUILD("build", 100, false),
    INFERENCE("inference", 125, false);

    private final String className;
    private final int value;
    private final boolean preemptible;

    PriorityClass(String className, int value, boolean preemptible) {
        this.className = className;
        this.value = value;
        this.preemptible = preemptible;
    }

    public String className() {
        return className;
    }

    public int value() {
        return value;
    }

    public boolean preemptibleByDefault() {
        return preemptible;
    }

    public static Optional<PriorityClass> named(String name) {
        return Arrays.stream(values()).filter(c -> c.className.equals(name)).findFirst();
    }

    public static PriorityClass defaultFor(WorkloadType type) {
        return switch (type) {
            case WORKLOAD_TYPE_INTERACTIVE -> BUILD;
            case WORKLOAD_TYPE_INFERENCE -> INFERENCE;
            default -> TRAIN;
        };
    }

    /**
     * The class a spec runs with: the named one, else the type's default; an interactive workload
     * that asks to be preemptible moves to interactive-preemptible.
     */
    public static PriorityClass resolve(WorkloadType type, String requested, Optional<Boolean> preemptible) {
        if (!requested.isEmpty()) {
            return named(requested).orElse(defaultFor(type));
        }
        PriorityClass base = defaultFor(type);
        if (base == BUILD && preemptible.orElse(false)) {
            return INTERACTIVE_PREEMPTIBLE;
        }
        return base;
    }
}
