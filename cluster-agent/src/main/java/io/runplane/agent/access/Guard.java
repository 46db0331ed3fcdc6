package io.runplane.agent.access;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.runplane.access.Action;
import io.runplane.access.Authorizer;
import io.runplane.access.Decision;
import io.runplane.access.Entity;
import io.runplane.access.Identity;
import io.runplane.access.OrgTree;
import io.runplane.access.Permission;
import io.runplane.access.Scope;
import io.runplane.agent.auth.Caller;
import io.runplane.agent.auth.Authenticator;

import java.util.Set;
import java.util.function.Supplier;

/**
 * The permission checks of every service: whether the caller of the current gRPC call holds a
 * permission on a scope, by the access rules in force now. A refusal is {@code PERMISSION_DENIED}
 * naming the caller, the missing permission and the scope.
 */
public final class Guard {

    private final AccessRuleStore rules;
    private final OrgTree org;
    private final VisibleProjects visibility;

    public Guard(AccessRuleStore rules, OrgTree org, Supplier<? extends Authenticator> identities) {
        this.rules = rules;
        this.org = org;
        this.visibility = new VisibleProjects(rules, org, identities);
    }

    /** What each caller may view, kept current for open streams. */
    public VisibleProjects visibility() {
        return visibility;
    }

    public Identity caller() {
        return Caller.current();
    }

    public OrgTree org() {
        return org;
    }

    /** The rules and organization as they are now, for services that decide several things at once. */
    public Authorizer authorizer() {
        return new Authorizer(rules.rules(), org);
    }

    /** Throws {@code PERMISSION_DENIED} unless the caller may do {@code action} on {@code entity} in {@code scope}. */
    public void require(Action action, Entity entity, Scope scope) {
        if (authorizer().check(caller(), Permission.of(action, entity), scope) instanceof Decision.Denied denied) {
            throw denied(denied.message());
        }
    }

    public boolean can(Action action, Entity entity, Scope scope) {
        return authorizer().can(caller(), Permission.of(action, entity), scope);
    }

    /**
     * Whether the caller holds the permission on {@code scope} or anywhere below it: what a project's
     * researcher needs to see the node pools of the cluster or the policies that reach its project.
     */
    public boolean canWithin(Action action, Entity entity, Scope scope) {
        Authorizer authorizer = authorizer();
        Identity caller = caller();
        Permission permission = Permission.of(action, entity);
        if (authorizer.can(caller, permission, scope)) {
            return true;
        }
        for (String department : org.departments()) {
            Scope below = new Scope.Department(department);
            if (scope.covers(below, org) && authorizer.can(caller, permission, below)) {
                return true;
            }
        }
        for (String project : org.projects()) {
            Scope below = new Scope.Project(project);
            if (scope.covers(below, org) && authorizer.can(caller, permission, below)) {
                return true;
            }
        }
        return false;
    }

    /** Like {@link #require} but satisfied by the permission anywhere below the scope. */
    public void requireWithin(Action action, Entity entity, Scope scope) {
        if (!canWithin(action, entity, scope)) {
            throw denied(caller() + " may not " + Permission.of(action, entity) + " in " + scope
                    + " or anywhere in it: no access rule grants it");
        }
    }

    /** The projects where the caller may do {@code action} on {@code entity}, for filtering lists. */
    public Set<String> projectsWhere(Action action, Entity entity) {
        return authorizer().projectsWhere(caller(), Permission.of(action, entity));
    }

    private static StatusRuntimeException denied(String message) {
        return Status.PERMISSION_DENIED.withDescription(message).asRuntimeException();
    }
}
