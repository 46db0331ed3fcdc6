package io.runplane.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Decides what a caller may do where, from the access rules and the organization tree. */
public final class Authorizer {

    private final List<AccessRule> rules;
    private final OrgTree tree;

    public Authorizer(List<AccessRule> rules, OrgTree tree) {
        this.rules = List.copyOf(rules);
        this.tree = tree;
    }

    public Decision check(Identity caller, Permission permission, Scope target) {
        for (AccessRule rule : rules) {
            if (rule.subject().matches(caller) && rule.role().grants(permission)
                    && rule.scope().covers(target, tree)) {
                return Decision.ALLOWED;
            }
        }
        return new Decision.Denied(caller, permission, target);
    }

    public boolean can(Identity caller, Permission permission, Scope target) {
        return check(caller, permission, target).allowed();
    }

    /** The projects in which the caller holds {@code permission}, for filtering lists. */
    public Set<String> projectsWhere(Identity caller, Permission permission) {
        Set<String> projects = new TreeSet<>();
        for (String project : tree.projects()) {
            if (can(caller, permission, new Scope.Project(project))) {
                projects.add(project);
            }
        }
        return projects;
    }

    /** The rules that name the caller directly or through one of its groups. */
    public List<AccessRule> rulesOf(Identity caller) {
        List<AccessRule> mine = new ArrayList<>();
        for (AccessRule rule : rules) {
            if (rule.subject().matches(caller)) {
                mine.add(rule);
            }
        }
        return mine;
    }
}
