package io.runplane.agent.organization;

import java.util.List;
import java.util.Optional;

/**
 * One version of the organization: node pools, departments and the projects under them, and the
 * cluster-wide scheduling settings. Never changed in place; every accepted change makes a new one
 * with the next revision.
 */
public record Organization(long revision, List<NodePool> nodePools, List<Department> departments, List<Project> projects,
                           SchedulingSettings scheduling) {

    /** The pool that cannot be deleted and takes every node no other pool selects. */
    public static final String DEFAULT_POOL = "default";

    public Organization {
        nodePools = List.copyOf(nodePools);
        departments = List.copyOf(departments);
        projects = List.copyOf(projects);
        scheduling = scheduling == null ? SchedulingSettings.DEFAULTS : scheduling;
    }

    /** An organization with the default scheduling settings. */
    public Organization(long revision, List<NodePool> nodePools, List<Department> departments, List<Project> projects) {
        this(revision, nodePools, departments, projects, SchedulingSettings.DEFAULTS);
    }

    public Optional<NodePool> nodePool(String name) {
        return nodePools.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Department> department(String name) {
        return departments.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public Optional<Project> project(String name) {
        return projects.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<Project> projectsOf(String department) {
        return projects.stream().filter(p -> p.department().equals(department)).toList();
    }

    /** The rules a project's workloads run under: its own, tightened by its department's. */
    public SchedulingRules effectiveRules(Project project) {
        return department(project.department()).map(d -> project.rules().tightenedBy(d.rules())).orElse(project.rules());
    }
}
