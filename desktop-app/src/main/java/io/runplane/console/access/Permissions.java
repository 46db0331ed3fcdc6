package io.runplane.console.access;

import io.runplane.access.Action;
import io.runplane.access.Entity;
import io.runplane.api.v1.EntityPermissions;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.ScopePermissions;
import io.runplane.api.v1.WhoAmIResponse;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the signed-in caller may do, per project, as the agent reported it in WhoAmI. The agent
 * stays the authority; this only decides what the console offers. An agent that reports no
 * permissions (one older than this field) is taken to allow everything, and refuses on the call.
 */
public final class Permissions {

    /** Everything allowed: before the agent has answered, or when it does not report permissions. */
    public static final Permissions UNREPORTED = new Permissions("", Map.of(), Map.of(), false);

    private final String revision;
    private final Map<Scope, Map<Entity, Set<Action>>> byScope;
    private final Map<Scope, List<String>> rolesByScope;
    private final boolean reported;

    private Permissions(String revision, Map<Scope, Map<Entity, Set<Action>>> byScope,
                        Map<Scope, List<String>> rolesByScope, boolean reported) {
        this.revision = revision;
        this.byScope = byScope;
        this.rolesByScope = rolesByScope;
        this.reported = reported;
    }

    public static Permissions of(WhoAmIResponse me) {
        if (me.getPermissionsRevision().isEmpty()) {
            return UNREPORTED;
        }
        Map<Scope, Map<Entity, Set<Action>>> byScope = new LinkedHashMap<>();
        Map<Scope, List<String>> roles = new LinkedHashMap<>();
        for (ScopePermissions scope : me.getPermissionsList()) {
            Map<Entity, Set<Action>> grants = new EnumMap<>(Entity.class);
            for (EntityPermissions entity : scope.getEntitiesList()) {
                parse(Entity.class, entity.getEntity()).ifPresent(e -> {
                    Set<Action> actions = EnumSet.noneOf(Action.class);
                    entity.getActionsList().forEach(a -> parse(Action.class, a).ifPresent(actions::add));
                    grants.put(e, actions);
                });
            }
            Scope key = Scope.of(scope.getScope());
            byScope.put(key, grants);
            roles.put(key, List.copyOf(scope.getRolesList()));
        }
        return new Permissions(me.getPermissionsRevision(), byScope, roles, true);
    }

    private static <E extends Enum<E>> java.util.Optional<E> parse(Class<E> type, String name) {
        try {
            return java.util.Optional.of(Enum.valueOf(type, name));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** The agent's revision of these permissions; empty when it reports none. */
    public String revision() {
        return revision;
    }

    public boolean can(Action action, Entity entity, String project) {
        return can(action, entity, Scope.project(project));
    }

    /** Whether the caller may do {@code action} on {@code entity} in {@code scope} (rules held above it count). */
    public boolean can(Action action, Entity entity, Scope scope) {
        return !reported || byScope.getOrDefault(scope, Map.of()).getOrDefault(entity, Set.of()).contains(action);
    }

    /** The projects where the caller may do {@code action} on {@code entity}, sorted; every project when unreported. */
    public Set<String> projectsWhere(Action action, Entity entity, Set<String> projects) {
        Set<String> allowed = new TreeSet<>();
        for (String project : projects) {
            if (can(action, entity, project)) {
                allowed.add(project);
            }
        }
        return allowed;
    }

    /** Whether the caller may do {@code action} on {@code entity} in at least one project. */
    public boolean canAnywhere(Action action, Entity entity) {
        return !reported || byScope.entrySet().stream().anyMatch(s -> s.getKey().kind() == ScopeKind.SCOPE_KIND_PROJECT
                && s.getValue().getOrDefault(entity, Set.of()).contains(action));
    }

    /** Whether the caller may do {@code action} on {@code entity} in at least one scope: the cluster, a department or a project. */
    public boolean canInSomeScope(Action action, Entity entity) {
        return !reported || byScope.values().stream().anyMatch(g -> g.getOrDefault(entity, Set.of()).contains(action));
    }

    /**
     * Why {@code action} on {@code entity} is refused in {@code project}, e.g. "You are a Viewer in
     * project team-a: creating workloads needs Workloads › Create".
     */
    public String refusal(String doing, Action action, Entity entity, String project) {
        return refusal(doing, action, entity, Scope.project(project));
    }

    /** Why {@code action} on {@code entity} is refused in {@code scope}, e.g. "You have no role in the cluster: …". */
    public String refusal(String doing, Action action, Entity entity, Scope scope) {
        List<String> roles = rolesByScope.getOrDefault(scope, List.of());
        String where = (scope.kind() == ScopeKind.SCOPE_KIND_CLUSTER ? " on " : " in ") + scope.describe();
        String who = roles.isEmpty() ? "You have no role" + where : "You are " + article(roles) + where;
        return who + ": " + doing + " needs " + needs(action, entity);
    }

    /** Whether {@code action} on {@code entity} is allowed in {@code scope}, and if not why. */
    public Availability check(String doing, Action action, Entity entity, Scope scope) {
        return can(action, entity, scope) ? Availability.ALLOWED : Availability.refused(refusal(doing, action, entity, scope));
    }

    /** Why {@code action} on {@code entity} is refused in every project. */
    public String refusalEverywhere(String doing, Action action, Entity entity) {
        List<Scope> projects = rolesByScope.keySet().stream().filter(s -> s.kind() == ScopeKind.SCOPE_KIND_PROJECT).toList();
        if (projects.size() == 1) {
            return refusal(doing, action, entity, projects.getFirst());
        }
        List<String> held = new java.util.ArrayList<>();
        for (Scope project : projects) {
            List<String> roles = rolesByScope.get(project);
            if (!roles.isEmpty()) {
                held.add(article(roles) + " in " + project.describe());
            }
        }
        String who = held.isEmpty() ? "You have no role in any project" : "You are " + String.join(", ", held);
        return who + ": " + doing + " needs " + needs(action, entity);
    }

    static String needs(Action action, Entity entity) {
        String name = entity.displayName();
        return Character.toUpperCase(name.charAt(0)) + name.substring(1) + " › "
                + action.name().charAt(0) + action.name().substring(1).toLowerCase(Locale.ROOT);
    }

    private static String article(List<String> roles) {
        String first = roles.getFirst();
        String joined = String.join(" and ", roles);
        boolean initialism = first.length() > 1 && !Character.isLowerCase(first.charAt(1)) && first.charAt(1) != ' ';
        boolean vowelSound = initialism ? "AEFHILMNORSX".indexOf(first.charAt(0)) >= 0
                : "AEIOUaeiou".indexOf(first.charAt(0)) >= 0;
        return (vowelSound ? "an " : "a ") + joined;
    }
}
