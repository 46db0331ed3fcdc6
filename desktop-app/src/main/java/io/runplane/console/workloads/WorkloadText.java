package io.runplane.console.workloads;

import com.google.protobuf.Timestamp;
import io.runplane.api.v1.Resources;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How workload values read in the console. */
public final class WorkloadText {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private WorkloadText() {
    }

    public static String status(WorkloadStatus status) {
        return switch (status) {
            case WORKLOAD_STATUS_CREATING -> "Creating";
            case WORKLOAD_STATUS_PENDING -> "Pending";
            case WORKLOAD_STATUS_INITIALIZING -> "Initializing";
            case WORKLOAD_STATUS_RUNNING -> "Running";
            case WORKLOAD_STATUS_DEGRADED -> "Degraded";
            case WORKLOAD_STATUS_COMPLETED -> "Completed";
            case WORKLOAD_STATUS_FAILED -> "Failed";
            case WORKLOAD_STATUS_STOPPED -> "Stopped";
            case WORKLOAD_STATUS_DELETING -> "Deleting";
            default -> "Unknown";
        };
    }

    public static String type(WorkloadType type) {
        return switch (type) {
            case WORKLOAD_TYPE_TRAINING -> "Training";
            case WORKLOAD_TYPE_INTERACTIVE -> "Workspace";
            case WORKLOAD_TYPE_DISTRIBUTED -> "Distributed";
            case WORKLOAD_TYPE_INFERENCE -> "Inference";
            default -> "Unknown";
        };
    }

    /** A CSS-friendly name of the status: {@code running}, {@code failed}... */
    public static String statusStyle(WorkloadStatus status) {
        return status(status).toLowerCase(Locale.ROOT);
    }

    public static boolean isActive(WorkloadStatus status) {
        return switch (status) {
            case WORKLOAD_STATUS_CREATING, WORKLOAD_STATUS_PENDING, WORKLOAD_STATUS_INITIALIZING,
                 WORKLOAD_STATUS_RUNNING, WORKLOAD_STATUS_DEGRADED -> true;
            default -> false;
        };
    }

    public static String time(Timestamp timestamp) {
        if (timestamp == null || (timestamp.getSeconds() == 0 && timestamp.getNanos() == 0)) {
            return "";
        }
        return TIME.format(instant(timestamp));
    }

    public static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    public static String gpus(double gpus) {
        if (gpus == Math.rint(gpus)) {
            return Long.toString((long) gpus);
        }
        return String.format(Locale.ROOT, "%.2f", gpus);
    }

    public static String cores(long millis) {
        if (millis == 0) {
            return "0";
        }
        if (millis % 1000 == 0) {
            return Long.toString(millis / 1000);
        }
        return String.format(Locale.ROOT, "%.2f", millis / 1000.0);
    }

    public static String memory(long mib) {
        if (mib == 0) {
            return "0";
        }
        if (mib >= 1024 && mib % 1024 == 0) {
            return (mib / 1024) + " GiB";
        }
        if (mib >= 1024) {
            return String.format(Locale.ROOT, "%.1f GiB", mib / 1024.0);
        }
        return mib + " MiB";
    }

    public static String gpuRequest(Resources r) {
        return gpus(r.getGpu());
    }

    public static WorkloadRef ref(Workload workload) {
        return WorkloadRef.newBuilder()
                .setProject(workload.getSpec().getProject())
                .setName(workload.getSpec().getName())
                .build();
    }
}
