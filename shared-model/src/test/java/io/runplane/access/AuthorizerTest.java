package io.runplane.access;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizerTest {

    private static final OrgTree ORG = OrgTree.of(Map.of("team-a", "d1", "team-b", "d1", "team-c", "d2"));

    private final Authorizer authorizer = new Authorizer(List.of(
            new AccessRule(new Subject.User("root"), Role.SYSTEM_ADMINISTRATOR, Scope.CLUSTER),
            new AccessRule(new Subject.User("dana"), Role.DEPARTMENT_ADMINISTRATOR, new Scope.Department("d1")),
            new AccessRule(new Subject.User("alice"), Role.L1_RESEARCHER, new Scope.Project("team-a")),
            new AccessRule(new Subject.Group("ml-ops"), Role.ML_ENGINEER, new Scope.Project("team-c")),
            new AccessRule(new Subject.User("victor"), Role.VIEWER, Scope.CLUSTER),
            new AccessRule(new Subject.Application("ci-bot"), Role.L2_RESEARCHER, new Scope.Project("team-b"))),
            ORG);

    @ParameterizedTest(name = "{0} {1} {2} in {3}:{4} -> {5}")
    @CsvSource({
            // caller, action, entity, scope kind, scope name, allowed
            "root,   DELETE, DEPARTMENTS,         cluster,    -,      true",
            "root,   CREATE, WORKLOADS,           project,    team-c, true",
            "dana,   CREATE, PROJECTS,            department, d1,     true",
            "dana,   EDIT,   WORKLOADS,           project,    team-b, true",
            "dana,   EDIT,   WORKLOADS,           project,    team-c, false",
            "dana,   DELETE, DEPARTMENTS,         department, d1,     false",
            "dana,   CREATE, NODE_POOLS,          cluster,    -,      false",
            "alice,  CREATE, WORKLOADS,           project,    team-a, true",
            "alice,  EDIT,   WORKLOADS,           project,    team-b, false",
            "alice,  VIEW,   WORKLOADS,           project,    team-b, false",
            "alice,  CREATE, ENVIRONMENTS,        project,    team-a, true",
            "alice,  EDIT,   PROJECTS,            project,    team-a, false",
            "alice,  VIEW,   PROJECTS,            project,    team-a, true",
            "alice,  VIEW,   PROJECTS,            department, d1,     false",
            "mia,    CREATE, INFERENCE_WORKLOADS, project,    team-c, true",
            "mia,    CREATE, WORKLOADS,           project,    team-c, false",
            "mia,    VIEW,   WORKLOADS,           project,    team-c, true",
            "victor, VIEW,   WORKLOADS,           project,    team-a, true",
            "victor, EDIT,   WORKLOADS,           project,    team-a, false",
            "victor, VIEW,   AUDIT_LOG,           cluster,    -,      false",
            "ci-bot, CREATE, WORKLOADS,           project,    team-b, true",
            "ci-bot, CREATE, ENVIRONMENTS,        project,    team-b, false",
    })
    void roleActionScopeMatrix(String caller, Action action, Entity entity, String kind, String name,
                               boolean allowed) {
        Identity identity = switch (caller) {
            case "mia" -> Identity.user("mia", "ml-ops");
            case "ci-bot" -> Identity.application("ci-bot");
            default -> Identity.user(caller);
        };
        Scope scope = switch (kind) {
            case "cluster" -> Scope.CLUSTER;
            case "department" -> new Scope.Department(name);
            default -> new Scope.Project(name);
        };

        assertThat(authorizer.can(identity, Permission.of(action, entity), scope)).isEqualTo(allowed);
    }

    @Test
    void aUserNamedLikeAnApplicationDoesNotInheritItsRules() {
        assertThat(authorizer.can(Identity.user("ci-bot"), Permission.of(Action.CREATE, Entity.WORKLOADS),
                new Scope.Project("team-b"))).isFalse();
    }

    @Test
    void aDenialNamesTheCallerTheMissingPermissionAndTheScope() {
        Decision decision = authorizer.check(Identity.user("alice"), Permission.of(Action.EDIT, Entity.WORKLOADS),
                new Scope.Project("team-b"));

        assertThat(decision.allowed()).isFalse();
        assertThat(((Decision.Denied) decision).message())
                .isEqualTo("user alice may not edit workloads in project team-b: no access rule grants it");
    }

    @Test
    void listsAreFilteredToTheProjectsTheCallerMayView() {
        Permission viewWorkloads = Permission.of(Action.VIEW, Entity.WORKLOADS);

        assertThat(authorizer.projectsWhere(Identity.user("alice"), viewWorkloads)).containsExactly("team-a");
        assertThat(authorizer.projectsWhere(Identity.user("dana"), viewWorkloads)).containsExactly("team-a", "team-b");
        assertThat(authorizer.projectsWhere(Identity.user("victor"), viewWorkloads))
                .containsExactly("team-a", "team-b", "team-c");
        assertThat(authorizer.projectsWhere(Identity.user("nobody"), viewWorkloads)).isEmpty();
    }

    @Test
    void rolesParseFromDisplayOrConstantNames() {
        assertThat(Role.parse("L1 researcher")).contains(Role.L1_RESEARCHER);
        assertThat(Role.parse("department-administrator")).contains(Role.DEPARTMENT_ADMINISTRATOR);
        assertThat(Role.parse("ML_ENGINEER")).contains(Role.ML_ENGINEER);
        assertThat(Role.parse("overlord")).isEmpty();
    }
}
