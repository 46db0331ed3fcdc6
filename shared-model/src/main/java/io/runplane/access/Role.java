package io.runplane.access;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.runplane.access.Action.EDIT;
import static io.runplane.access.Action.VIEW;
import static io.runplane.access.Entity.ACCESS_RULES;
import static io.runplane.access.Entity.AUDIT_LOG;
import static io.runplane.access.Entity.COMPUTE_RESOURCES;
import static io.runplane.access.Entity.CREDENTIALS;
import static io.runplane.access.Entity.DATA_SOURCES;
import static io.runplane.access.Entity.DEPARTMENTS;
import static io.runplane.access.Entity.ENVIRONMENTS;
import static io.runplane.access.Entity.INFERENCE_WORKLOADS;
import static io.runplane.access.Entity.NODES;
import static io.runplane.access.Entity.NODE_POOLS;
import static io.runplane.access.Entity.POLICIES;
import static io.runplane.access.Entity.PROJECTS;
import static io.runplane.access.Entity.TEMPLATES;
import static io.runplane.access.Entity.WORKLOADS;

/**
 * The predefined roles and the permission matrix: for each role, which actions it grants on which
 * entities. A role is granted on a scope by an {@link AccessRule} and applies to everything below it.
 */
public enum Role {
    SYSTEM_ADMINISTRATOR("System administrator",
            manage(Entity.values())),
    DEPARTMENT_ADMINISTRATOR("Department administrator",
            manage(PROJECTS, WORKLOADS, INFERENCE_WORKLOADS, POLICIES, ACCESS_RULES, ENVIRONMENTS,
                    COMPUTE_RESOURCES, DATA_SOURCES, CREDENTIALS, TEMPLATES),
            grant(DEPARTMENTS, VIEW, EDIT),
            view(NODE_POOLS, NODES, AUDIT_LOG)),
    RESEARCH_MANAGER("Research manager",
            manage(WORKLOADS, INFERENCE_WORKLOADS, ENVIRONMENTS, COMPUTE_RESOURCES, DATA_SOURCES, CREDENTIALS,
                    TEMPLATES),
            view(PROJECTS, DEPARTMENTS, NODE_POOLS, NODES, POLICIES, ACCESS_RULES)),
    L1_RESEARCHER("L1 researcher",
            manage(WORKLOADS, INFERENCE_WORKLOADS, ENVIRONMENTS, COMPUTE_RESOURCES, DATA_SOURCES, CREDENTIALS,
                    TEMPLATES),
            view(PROJECTS, DEPARTMENTS, NODE_POOLS, NODES, POLICIES)),
    L2_RESEARCHER("L2 researcher",
            manage(WORKLOADS, INFERENCE_WORKLOADS),
            view(PROJECTS, NODE_POOLS, NODES, POLICIES, ENVIRONMENTS, COMPUTE_RESOURCES, DATA_SOURCES,
                    CREDENTIALS, TEMPLATES)),
    ML_ENGINEER("ML engineer",
            manage(INFERENCE_WORKLOADS),
            view(WORKLOADS, PROJECTS, NODE_POOLS, NODES, POLICIES, ENVIRONMENTS, COMPUTE_RESOURCES,
                    DATA_SOURCES, TEMPLATES)),
    EDITOR("Editor",
            manage(PROJECTS, DEPARTMENTS, WORKLOADS, INFERENCE_WORKLOADS, ENVIRONMENTS, COMPUTE_RESOURCES,
                    DATA_SOURCES, TEMPLATES),
            view(NODE_POOLS, NODES, POLICIES, CREDENTIALS, ACCESS_RULES)),
    VIEWER("Viewer",
            view(WORKLOADS, INFERENCE_WORKLOADS, PROJECTS, DEPARTMENTS, NODE_POOLS, NODES, POLICIES,
                    ENVIRONMENTS, COMPUTE_RESOURCES, DATA_SOURCES, CREDENTIALS, TEMPLATES)),
    ENVIRONMENT_ADMINISTRATOR("Environment administrator",
            manage(ENVIRONMENTS), view(PROJECTS, DEPARTMENTS)),
    COMPUTE_RESOURCE_ADMINISTRATOR("Compute resource administrator",
            manage(COMPUTE_RESOURCES), view(PROJECTS, DEPARTMENTS)),
    DATA_SOURCE_ADMINISTRATOR("Data source administrator",
            manage(DATA_SOURCES), view(PROJECTS, DEPARTMENTS)),
    CREDENTIALS_ADMINISTRATOR("Credentials administrator",
            manage(CREDENTIALS), view(PROJECTS, DEPARTMENTS)),
    TEMPLATE_ADMINISTRATOR("Template administrator",
            manage(TEMPLATES), view(PROJECTS, DEPARTMENTS, ENVIRONMENTS, COMPUTE_RESOURCES, DATA_SOURCES));

    private final String displayName;
    private final Map<Entity, Set<Action>> grants;

    @SafeVarargs
    Role(String displayName, Map<Entity, Set<Action>>... parts) {
        this.displayName = displayName;
        Map<Entity, Set<Action>> all = new EnumMap<>(Entity.class);
        for (Map<Entity, Set<Action>> part : parts) {
            part.forEach((entity, actions) ->
                    all.computeIfAbsent(entity, e -> EnumSet.noneOf(Action.class)).addAll(actions));
        }
        this.grants = all;
    }

    public String displayName() {
        return displayName;
    }

    public boolean grants(Permission permission) {
        Set<Action> actions = grants.get(permission.entity());
        return actions != null && actions.contains(permission.action());
    }

    /** The actions this role grants on an entity, empty when none. */
    public Set<Action> actionsOn(Entity entity) {
        Set<Action> actions = grants.get(entity);
        return actions == null ? Set.of() : Set.copyOf(actions);
    }

    /** Looks a role up by its display name or constant name, ignoring case, spaces and dashes. */
    public static java.util.Optional<Role> parse(String text) {
        String wanted = normalize(text);
        for (Role role : values()) {
            if (normalize(role.name()).equals(wanted) || normalize(role.displayName).equals(wanted)) {
                return java.util.Optional.of(role);
            }
        }
        return java.util.Optional.empty();
    }

    private static String normalize(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s_-]", "");
    }

    private static Map<Entity, Set<Action>> manage(Entity... entities) {
        return grantAll(entities, EnumSet.allOf(Action.class));
    }

    private static Map<Entity, Set<Action>> view(Entity... entities) {
        return grantAll(entities, EnumSet.of(VIEW));
    }

    private static Map<Entity, Set<Action>> grant(Entity entity, Action... actions) {
        return grantAll(new Entity[] {entity}, EnumSet.of(actions[0], actions));
    }

    private static Map<Entity, Set<Action>> grantAll(Entity[] entities, Set<Action> actions) {
        Map<Entity, Set<Action>> map = new EnumMap<>(Entity.class);
        for (Entity entity : entities) {
            map.put(entity, EnumSet.copyOf(actions));
        }
        return map;
    }
}
