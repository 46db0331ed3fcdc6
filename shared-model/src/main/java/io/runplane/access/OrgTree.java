package io.runplane.access;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The organization as access control needs it: the departments, the projects and which department holds each. */
public interface OrgTree {

    Collection<String> departments();

    Collection<String> projects();

    Optional<String> departmentOf(String project);

    /**
     * Changes whenever the tree changes, so that what was derived from it can be cached: equal
     * (identical) versions mean the same tree. A fixed tree is its own version.
     */
    default Object version() {
        return this;
    }

    /** A fixed tree: each project mapped to its department, plus departments that have no project yet. */
    static OrgTree of(Map<String, String> departmentOfProject, String... emptyDepartments) {
        Map<String, String> projects = Map.copyOf(departmentOfProject);
        Set<String> departments = new TreeSet<>(projects.values());
        departments.addAll(Set.of(emptyDepartments));
        return new OrgTree() {
            @Override
            public Collection<String> departments() {
                return departments;
            }

            @Override
            public Collection<String> projects() {
                return new TreeSet<>(projects.keySet());
            }

            @Override
            public Optional<String> departmentOf(String project) {
                return Optional.ofNullable(projects.get(project));
            }
        };
    }

    /** Whether the scope names a department or project that exists; the cluster always does. */
    default boolean exists(Scope scope) {
        return switch (scope) {
            case Scope.Cluster c -> true;
            case Scope.Department d -> departments().contains(d.name());
            case Scope.Project p -> projects().contains(p.name());
        };
    }
}
