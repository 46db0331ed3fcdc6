package io.runplane.console.organization;

import io.runplane.api.v1.OverQuotaPriority;
import io.runplane.api.v1.PoolQuota;
import io.runplane.api.v1.SchedulingRules;
import io.runplane.console.workloads.WorkloadText;
import java.util.ArrayList;
import java.util.List;

/** How the organization's values read in the console. */
public final class OrganizationText {

    private OrganizationText() {
    }

    public static String priority(OverQuotaPriority priority) {
        return switch (priority) {
            case OVER_QUOTA_PRIORITY_NONE -> "None";
            case OVER_QUOTA_PRIORITY_LOWEST -> "Lowest";
            case OVER_QUOTA_PRIORITY_LOW -> "Low";
            case OVER_QUOTA_PRIORITY_HIGH -> "High";
            default -> "Medium";
        };
    }

    public static String rule(String field) {
        return switch (field) {
            case "workspace_duration_limit_seconds" -> "Workspace duration limit";
            case "training_duration_limit_seconds" -> "Training duration limit";
            case "workspace_idle_gpu_limit_seconds" -> "Workspace idle-GPU limit";
            case "training_idle_gpu_limit_seconds" -> "Training idle-GPU limit";
            default -> field;
        };
    }

    /** The limits that are set, as "Training duration limit 2h"; "none" when there are none. */
    public static String rules(SchedulingRules rules) {
        List<String> parts = new ArrayList<>();
        add(parts, "workspace_duration_limit_seconds", rules.getWorkspaceDurationLimitSeconds());
        add(parts, "training_duration_limit_seconds", rules.getTrainingDurationLimitSeconds());
        add(parts, "workspace_idle_gpu_limit_seconds", rules.getWorkspaceIdleGpuLimitSeconds());
        add(parts, "training_idle_gpu_limit_seconds", rules.getTrainingIdleGpuLimitSeconds());
        return parts.isEmpty() ? "none" : String.join(" · ", parts);
    }

    private static void add(List<String> parts, String field, long seconds) {
        if (seconds > 0) {
            parts.add(rule(field) + " " + duration(seconds));
        }
    }

    static String duration(long seconds) {
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    public static String gpus(PoolQuota quota) {
        return quota.getDeserved().getGpu() < 0 ? "Unlimited" : WorkloadText.gpus(quota.getDeserved().getGpu());
    }

    public static String cpu(PoolQuota quota) {
        return WorkloadText.gpus(quota.getDeserved().getCpuMillis() / 1000.0) + " cores";
    }

    public static String memory(PoolQuota quota) {
        return WorkloadText.gpus(quota.getDeserved().getMemoryMib() / 1024.0) + " GiB";
    }
}
