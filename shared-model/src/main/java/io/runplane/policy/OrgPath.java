package io.runplane.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A branch of the organization tree, from the cluster down to a department and/or a project. The
 * policies that govern a workload are those whose scope lies on its project's branch.
 *
 * @param department the department, if the branch reaches one
 * @param project the project, if the branch reaches one
 */
public record OrgPath(Optional<String> department, Optional<String> project) {

    /** Checks for missing components. */
    public OrgPath {
        department = department.filter(d -> !d.isBlank());
        project = project.filter(p -> !p.isBlank());
    }

    /** The branch that holds only the cluster scope. */
    public static OrgPath cluster() {
        return new OrgPath(Optional.empty(), Optional.empty());
    }

    /** The branch down to one department. */
    public static OrgPath department(String department) {
        return new OrgPath(Optional.of(department), Optional.empty());
    }

    /** The branch down to a project, through its department when it has one. */
    public static OrgPath project(String project, Optional<String> department) {
        return new OrgPath(department, Optional.of(project));
    }

    /** The scopes on this branch, from the cluster (first) down to the lowest one (last). */
    public List<Scope> scopes() {
        List<Scope> scopes = new ArrayList<>(3);
        scopes.add(Scope.cluster());
        department.ifPresent(d -> scopes.add(new Scope.Department(d)));
        project.ifPresent(p -> scopes.add(new Scope.Project(p)));
        return List.copyOf(scopes);
    }

    /** The lowest scope of the branch. */
    public Scope target() {
        List<Scope> scopes = scopes();
        return scopes.getLast();
    }
}
