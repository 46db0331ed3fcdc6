package io.runplane.agent.access;

import io.runplane.access.AccessRule;
import io.runplane.access.Action;
import io.runplane.access.Authorizer;
import io.runplane.access.Entity;
import io.runplane.access.Identity;
import io.runplane.access.OrgTree;
import io.runplane.access.Permission;
import io.runplane.access.Scope;
import io.runplane.api.v1.EntityPermissions;
import io.runplane.api.v1.ScopePermissions;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one caller may do, scope by scope, decided by the same {@link Authorizer} that guards every
 * call: the cluster, then each department and project where a rule of the caller grants something.
 */
public record EffectivePermissions(List<ScopePermissions> scopes, String revision) {

    public static EffectivePermissions of(Identity caller, Authorizer authorizer, OrgTree org) {
        List<AccessRule> mine = authorizer.rulesOf(caller);
        List<Scope> targets = new ArrayList<>();
        targets.add(Scope.CLUSTER);
        org.departments().stream().sorted().map(Scope.Department::new).forEach(targets::add);
        org.projects().stream().sorted().map(Scope.Project::new).forEach(targets::add);
        List<ScopePermissions> scopes = new ArrayList<>();
        for (Scope target : targets) {
            ScopePermissions.Builder scope = ScopePermissions.newBuilder().setScope(AccessRulesService.toApi(target));
            Set<String> roles = new TreeSet<>();
            for (AccessRule rule : mine) {
                if (rule.scope().covers(target, org)) {
                    roles.add(rule.role().displayName());
                }
            }
            scope.addAllRoles(roles);
            for (Entity entity : Entity.values()) {
                EntityPermissions.Builder allowed = EntityPermissions.newBuilder().setEntity(entity.name());
                for (Action action : Action.values()) {
                    if (authorizer.can(caller, Permission.of(action, entity), target)) {
                        allowed.addActions(action.name());
                    }
                }
                if (allowed.getActionsCount() > 0) {
                    scope.addEntities(allowed);
                }
            }
            if (scope.getEntitiesCount() > 0) {
                scopes.add(scope.build());
            }
        }
        return new EffectivePermissions(List.copyOf(scopes), revisionOf(scopes));
    }

    private static String revisionOf(List<ScopePermissions> scopes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (ScopePermissions scope : scopes) {
                digest.update(scope.toByteArray());
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

}
