package io.runplane.agent.server;

import io.runplane.access.Action;
import io.runplane.access.Entity;
import io.runplane.access.Permission;
import io.runplane.access.Scope;
import io.runplane.agent.access.Guard;
import io.runplane.agent.access.VisibleProjects;
import io.runplane.agent.workload.WorkloadController;
import io.runplane.agent.workload.WorkloadException;
import io.runplane.api.v1.WorkloadType;

/**
 * Workload permissions: inference workloads are their own entity (an ML engineer manages them but
 * only views the others), and every permission is held in the workload's project.
 */
final class WorkloadAccess {

    private final Guard guard;
    private final WorkloadController controller;

    WorkloadAccess(Guard guard, WorkloadController controller) {
        this.guard = guard;
        this.controller = controller;
    }

    static Entity entityOf(WorkloadType type) {
        return type == WorkloadType.WORKLOAD_TYPE_INFERENCE ? Entity.INFERENCE_WORKLOADS : Entity.WORKLOADS;
    }

    /** For a new workload. An empty project is left to validation, which names the field. */
    void requireToCreate(String project, WorkloadType type) {
        if (!project.isEmpty()) {
            guard.require(Action.CREATE, entityOf(type), new Scope.Project(project));
        }
    }

    /** For an existing workload; one that does not exist is checked as a workload, so a denial does not reveal it. */
    void require(Action action, String project, String name) {
        if (project.isEmpty()) {
            return;
        }
        guard.require(action, entityOfExisting(project, name), new Scope.Project(project));
    }

    /** The permission to view an existing workload (checked as a workload if there is none). */
    Permission viewPermission(String project, String name) {
        return Permission.of(Action.VIEW, entityOfExisting(project, name));
    }

    private Entity entityOfExisting(String project, String name) {
        try {
            return entityOf(controller.get(project, name).getSpec().getType());
        } catch (WorkloadException e) {
            return Entity.WORKLOADS;
        }
    }

    /**
     * What the caller may view, under the rules in force now. Asking for one project where the
     * caller may view no workload at all is refused rather than answered with nothing.
     */
    Visible visible(String project) {
        Visible visible = new Visible(guard.visibility().of(guard.caller()));
        if (!project.isEmpty() && !visible.view().workloads().contains(project) && !visible.view().inference().contains(project)) {
            guard.require(Action.VIEW, Entity.WORKLOADS, new Scope.Project(project));
        }
        return visible;
    }

    record Visible(VisibleProjects.View view) {
        boolean allows(String project, WorkloadType type) {
            return view.allows(project, type == WorkloadType.WORKLOAD_TYPE_INFERENCE);
        }
    }
}
