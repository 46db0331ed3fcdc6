package io.runplane.console.access;

import io.runplane.access.Action;
import io.runplane.access.Entity;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import java.util.EnumSet;
import java.util.Set;

/**
 * The actions of the workloads screen, each allowed when the selected workload's status allows it
 * and the caller holds the permission it needs in the workload's project.
 */
public enum WorkloadAction {
    NEW("creating workloads", Action.CREATE),
    STOP("stopping workloads", Action.EDIT),
    RUN("running stopped workloads", Action.EDIT),
    CONNECT("connecting", null),
    /** Opens the form on a copy, in any project where the caller may create workloads. */
    COPY("copying a workload", Action.CREATE),
    DELETE("deleting workloads", Action.DELETE),
    DETAILS("showing details", null);

    private static final Set<WorkloadStatus> STOPPABLE = EnumSet.of(WorkloadStatus.WORKLOAD_STATUS_CREATING,
            WorkloadStatus.WORKLOAD_STATUS_PENDING, WorkloadStatus.WORKLOAD_STATUS_INITIALIZING,
            WorkloadStatus.WORKLOAD_STATUS_RUNNING, WorkloadStatus.WORKLOAD_STATUS_DEGRADED);

    private final String doing;
    private final Action needs;

    WorkloadAction(String doing, Action needs) {
        this.doing = doing;
        this.needs = needs;
    }

    /** Whether the action applies to {@code selected} (null: nothing selected) for a caller with {@code permissions}. */
    public Availability check(Workload selected, Permissions permissions) {
        if (this == NEW) {
            return permissions.canAnywhere(Action.CREATE, Entity.WORKLOADS)
                    || permissions.canAnywhere(Action.CREATE, Entity.INFERENCE_WORKLOADS)
                    ? Availability.ALLOWED
                    : Availability.refused(permissions.refusalEverywhere(doing, Action.CREATE, Entity.WORKLOADS));
        }
        if (selected == null) {
            return Availability.refused("Select a workload first");
        }
        if (this == COPY) {
            return NEW.check(null, permissions);
        }
        if (needs != null) {
            Entity entity = selected.getSpec().getType() == WorkloadType.WORKLOAD_TYPE_INFERENCE
                    ? Entity.INFERENCE_WORKLOADS : Entity.WORKLOADS;
            String project = selected.getSpec().getProject();
            if (!permissions.can(needs, entity, project)) {
                return Availability.refused(permissions.refusal(doing, needs, entity, project));
            }
        }
        String byStatus = statusRefusal(selected);
        return byStatus == null ? Availability.ALLOWED : Availability.refused(byStatus);
    }

    private String statusRefusal(Workload w) {
        WorkloadStatus status = w.getStatus();
        String shown = statusName(status);
        return switch (this) {
            case STOP -> STOPPABLE.contains(status) ? null : shown + " workloads cannot be stopped";
            case RUN -> status == WorkloadStatus.WORKLOAD_STATUS_STOPPED ? null : "Only stopped workloads can be run again";
            case DELETE -> status != WorkloadStatus.WORKLOAD_STATUS_DELETING ? null : "The workload is being deleted already";
            case CONNECT -> w.getConnectionsCount() == 0 ? "The workload has no tools to connect to"
                    : status == WorkloadStatus.WORKLOAD_STATUS_RUNNING ? null : "Connecting needs a running workload";
            default -> null;
        };
    }

    private static String statusName(WorkloadStatus status) {
        String name = status.name().substring("WORKLOAD_STATUS_".length()).toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
