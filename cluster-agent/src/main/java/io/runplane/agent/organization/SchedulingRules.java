package io.runplane.agent.organization;

import io.runplane.api.v1.WorkloadType;

import java.time.Duration;
import java.util.Optional;

/**
 * Limits on running workloads, in seconds of simulated time; 0 = no limit of its own (a project
 * then runs under its department's). Workspaces are interactive workloads; training covers
 * training and distributed workloads; inference has no limits.
 */
public record SchedulingRules(long workspaceDurationSeconds, long trainingDurationSeconds,
                              long workspaceIdleGpuSeconds, long trainingIdleGpuSeconds) {

    public static final SchedulingRules NONE = new SchedulingRules(0, 0, 0, 0);

    /** Each limit the tighter of this one's and the other's. */
    public SchedulingRules tightenedBy(SchedulingRules other) {
        return new SchedulingRules(tighter(workspaceDurationSeconds, other.workspaceDurationSeconds),
                tighter(trainingDurationSeconds, other.trainingDurationSeconds),
                tighter(workspaceIdleGpuSeconds, other.workspaceIdleGpuSeconds),
                tighter(trainingIdleGpuSeconds, other.trainingIdleGpuSeconds));
    }

    public Optional<Duration> durationLimit(WorkloadType type) {
        return limit(type, workspaceDurationSeconds, trainingDurationSeconds);
    }

    public Optional<Duration> idleGpuLimit(WorkloadType type) {
        return limit(type, workspaceIdleGpuSeconds, trainingIdleGpuSeconds);
    }

    /** "workspace" or "training": the kind of workload the rules name for this type, if any. */
    public static Optional<String> kind(WorkloadType type) {
        return switch (type) {
            case WORKLOAD_TYPE_INTERACTIVE -> Optional.of("workspace");
            case WORKLOAD_TYPE_TRAINING, WORKLOAD_TYPE_DISTRIBUTED -> Optional.of("training");
            default -> Optional.empty();
        };
    }

    private static Optional<Duration> limit(WorkloadType type, long workspace, long training) {
        long seconds = kind(type).map(k -> k.equals("workspace") ? workspace : training).orElse(0L);
        return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
    }

    private static long tighter(long a, long b) {
        if (a == 0 || b == 0) {
            return Math.max(a, b);
        }
        return Math.min(a, b);
    }
}
