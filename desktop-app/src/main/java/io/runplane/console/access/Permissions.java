package io.runplane.console.access;

import io.runplane.access.Action;
import io.runplane.access.Entity;
import io.runplane.api.v1.EntityPermissions;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.ScopePermissions;
import io.runplane.api.v1.WhoAmIResponse;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the signed-in caller may do, per project, as the agent reported it in WhoAmI. The agent
 * stays the authority; this only decides what the console offers. An agent that reports no
 * permissions (one older than this field) is taken to allow everything, and refuses on the call.
 */
public final class Permissions {

    /** Everything allowed: before the agent has answered, or when it does not report permissions. */
    public static final Permissions UNREPORTED = new Permissions("", Map.of(), Map.of(), List.of(), false);

    private final String revision;
    private final Map<String, Map<Entity, Set<Action>>> byProject;
    private final Map<String, List<String>> rolesByProject;
    private final List<String> clusterRoles;
    private final boolean reported;

    private Permissions(String revision, Map<String, Map<Entity, Set<Action>>> byProject,
                        Map<String, List<String>> rolesByProject, List<String> clusterRoles, boolean reported) {
        this.revision = revision;
        this.byProject = byProject;
        this.rolesByProject = rolesByProject;
        this.clusterRoles = clusterRoles;
        this.reported = reported;
    }

    public static Permissions of(WhoAmIResponse me) {
        if (me.getPermissionsRevision().isEmpty()) {
            return UNREPORTED;
        }
        Map<String, Map<Entity, Set<Action>>> byProject = new TreeMap<>();
        Map<String, List<String>> roles = new TreeMap<>();
        List<String> clusterRoles = List.of();
        for (ScopePermissions scope : me.getPermissionsList()) {
            if (scope.getScope().getKind() == ScopeKind.SCOPE_KIND_CLUSTER) {
                clusterRoles = List.copyOf(scope.getRolesList());
            }
            if (scope.getScope().getKind() != ScopeKind.SCOPE_KIND_PROJECT) {
                continue;
            }
            Map<Entity, Set<Action>> grants = new EnumMap<>(Entity.class);
            for (EntityPermissions entity : scope.getEntitiesList()) {
                parse(Entity.class, entity.getEntity()).ifPresent(e -> {
                    Set<Action> actions = EnumSet.noneOf(Action.class);
                    entity.getActionsList().forEach(a -> parse(Action.class, a).ifPresent(actions::add));
                    grants.put(e, actions);
                });
            }
            byProject.put(scope.getScope().getName(), grants);
            roles.put(scope.getScope().getName(), List.copyOf(scope.getRolesList()));
        }
        return new Permissions(me.getPermissionsRevision(), byProject, roles, clusterRoles, true);
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
        return !reported || byProject.getOrDefault(project, Map.of()).getOrDefault(entity, Set.of()).contains(action);
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
        return !reported || byProject.values().stream().anyMatch(g -> g.getOrDefault(entity, Set.of()).contains(action));
    }

    /**
     * Why {@code action} on {@code entity} is refused in {@code project}, e.g. "You are a Viewer in
     * project team-a: creating workloads needs Workloads › Create".
     */
    public String refusal(String doing, Action action, Entity entity, String project) {
        List<String> roles = rolesByProject.getOrDefault(project, List.of());
        String who = roles.isEmpty() ? "You have no role in project " + project
                : "You are " + article(roles) + " in project " + project;
        return who + ": " + doing + " needs " + needs(action, entity);
    }

    /** Why {@code action} on {@code entity} is refused in every project. */
    public String refusalEverywhere(String doing, Action action, Entity entity) {
        if (rolesByProject.size() == 1) {
            return refusal(doing, action, entity, rolesByProject.keySet().iterator().next());
        }
        List<String> held = new java.util.ArrayList<>();
        rolesByProject.forEach((project, roles) -> {
            if (!roles.isEmpty()) {
                held.add(article(roles) + " in project " + project);
            }
        });
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
