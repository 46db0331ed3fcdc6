package io.runplane.access;

import java.util.Collection;
import java.util.Optional;

/** The organization as access control needs it: the departments, the projects and which department holds each. */
public interface OrgTree {

    Collection<String> departments();

    Collection<String> projects();

    Optional<String> departmentOf(String project);

    /** Whether the scope names a department or project that exists; the cluster always does. */
    default boolean exists(Scope scope) {
        return switch (scope) {
            case Scope.Cluster c -> true;
            case Scope.Department d -> departments().contains(d.name());
            case Scope.Project p -> projects().contains(p.name());
        };
    }
}
