package io.runplane.agent.organization;

import io.runplane.agent.workload.FieldProblem;
import io.runplane.agent.workload.WorkloadController;
import io.runplane.agent.workload.WorkloadException;
import io.runplane.api.v1.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Creates, updates and deletes departments, projects and node pools. Every change is checked as a
 * whole by {@link OrganizationRules}; deletions are refused while something still needs the object.
 */
public final class OrganizationChanges {

    private final OrganizationStore store;
    private final WorkloadController workloads;

    public OrganizationChanges(OrganizationStore store, WorkloadController workloads) {
        this.store = store;
        this.workloads = workloads;
    }

    public Department createDepartment(Department department) throws WorkloadException {
        Organization changed = store.change("department", department.name(), org -> new Organization(org.revision(), org.nodePools(),
                append(org.departments(), department), org.projects()));
        return changed.department(department.name()).orElseThrow();
    }

    public Department updateDepartment(Department department) throws WorkloadException {
        requireDepartment(department.name());
        Organization changed = store.change("department", department.name(), org -> new Organization(org.revision(), org.nodePools(),
                replace(org.departments(), d -> d.name().equals(department.name()), department), org.projects()));
        return changed.department(department.name()).orElseThrow();
    }

    public void deleteDepartment(String name) throws WorkloadException {
        requireDepartment(name);
        List<String> projects = store.organization().projectsOf(name).stream().map(Project::name).toList();
        if (!projects.isEmpty()) {
            throw refused("department " + name + " still has projects " + String.join(", ", projects) + "; delete or move them first");
        }
        store.change("department", name, org -> new Organization(org.revision(), org.nodePools(),
                without(org.departments(), d -> d.name().equals(name)), org.projects()));
    }

    public Project createProject(Project project) throws WorkloadException {
        Organization changed = store.change("project", project.name(), org -> new Organization(org.revision(), org.nodePools(), org.departments(),
                append(org.projects(), project)));
        return changed.project(project.name()).orElseThrow();
    }

    public Project updateProject(Project project) throws WorkloadException {
        requireProject(project.name());
        Organization changed = store.change("project", project.name(), org -> new Organization(org.revision(), org.nodePools(), org.departments(),
                replace(org.projects(), p -> p.name().equals(project.name()), project)));
        return changed.project(project.name()).orElseThrow();
    }

    /** Refused while the project has workloads of any status: they would be left without a project. */
    public void deleteProject(String name) throws WorkloadException {
        requireProject(name);
        List<Workload> left = workloads.list(w -> w.project().equals(name));
        if (!left.isEmpty()) {
            throw refused("project " + name + " still has " + left.size() + " workload(s) (" + names(left)
                    + "); delete them first");
        }
        store.change("project", name, org -> new Organization(org.revision(), org.nodePools(), org.departments(),
                without(org.projects(), p -> p.name().equals(name))));
    }

    /** A new pool starts with a quota of 0 in every department and project. */
    public NodePool createNodePool(NodePool pool) throws WorkloadException {
        Organization changed = store.change("node_pool", pool.name(), org -> new Organization(org.revision(), append(org.nodePools(), pool),
                org.departments(), org.projects()));
        return changed.nodePool(pool.name()).orElseThrow();
    }

    public NodePool updateNodePool(NodePool pool) throws WorkloadException {
        requirePool(pool.name());
        NodePool current = store.organization().nodePool(pool.name()).orElseThrow();
        if (pool.name().equals(Organization.DEFAULT_POOL)
                && !(pool.labelKey().equals(current.labelKey()) && pool.labelValue().equals(current.labelValue()))) {
            throw new WorkloadException(WorkloadException.Kind.INVALID, "the default node pool is not valid", List.of(
                    new FieldProblem("node_pool.label_value", "the default pool takes every node no other pool selects; its label cannot change")));
        }
        Organization changed = store.change("node_pool", pool.name(), org -> new Organization(org.revision(),
                replace(org.nodePools(), p -> p.name().equals(pool.name()), pool), org.departments(), org.projects()));
        return changed.nodePool(pool.name()).orElseThrow();
    }

    /**
     * Refused for {@code default} and while active workloads run in the pool or ask for it; removes
     * the pool's quotas and its place in the projects' pool order.
     */
    public void deleteNodePool(String name) throws WorkloadException {
        requirePool(name);
        if (name.equals(Organization.DEFAULT_POOL)) {
            throw refused("the default node pool cannot be deleted");
        }
        List<Workload> users = workloads.list(w -> w.active()).stream()
                .filter(w -> w.getSpec().getNodePoolsList().contains(name)
                        || w.getPodsList().stream().anyMatch(p -> !p.hasFinishedAt() && p.getNodePool().equals(name)))
                .toList();
        if (!users.isEmpty()) {
            throw refused("node pool " + name + " is still used by " + users.size() + " active workload(s) (" + names(users)
                    + "); stop or delete them first");
        }
        store.change("node_pool", name, org -> new Organization(org.revision(),
                without(org.nodePools(), p -> p.name().equals(name)),
                org.departments().stream().map(d -> d.withQuotas(without(d.quotas(), q -> q.nodePool().equals(name)))).toList(),
                org.projects().stream().map(p -> p.withPools(without(p.nodePools(), name::equals),
                        without(p.quotas(), q -> q.nodePool().equals(name)))).toList()));
    }

    private void requireDepartment(String name) throws WorkloadException {
        if (store.organization().department(name).isEmpty()) {
            throw new WorkloadException(WorkloadException.Kind.NOT_FOUND, "no department named " + name);
        }
    }

    private void requireProject(String name) throws WorkloadException {
        if (store.organization().project(name).isEmpty()) {
            throw new WorkloadException(WorkloadException.Kind.NOT_FOUND, "no project named " + name);
        }
    }

    private void requirePool(String name) throws WorkloadException {
        if (store.organization().nodePool(name).isEmpty()) {
            throw new WorkloadException(WorkloadException.Kind.NOT_FOUND, "no node pool named " + name);
        }
    }

    private static WorkloadException refused(String message) {
        return new WorkloadException(WorkloadException.Kind.FAILED_PRECONDITION, message);
    }

    private static String names(List<Workload> list) {
        Stream<String> names = list.stream().map(w -> w.getSpec().getProject() + "/" + w.getSpec().getName());
        List<String> shown = names.limit(5).toList();
        return String.join(", ", shown) + (list.size() > shown.size() ? ", ..." : "");
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }

    private static <T> List<T> replace(List<T> list, Predicate<T> which, T item) {
        return list.stream().map(t -> which.test(t) ? item : t).toList();
    }

    private static <T> List<T> without(List<T> list, Predicate<T> which) {
        return list.stream().filter(which.negate()).toList();
    }
}
