package io.runplane.agent;

import io.runplane.access.Role;
import io.runplane.api.v1.AccessRule;
import io.runplane.api.v1.DeleteAccessRuleRequest;
import io.runplane.api.v1.EntityPermissions;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.ScopePermissions;
import io.runplane.api.v1.WhoAmIRequest;
import io.runplane.api.v1.WhoAmIResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** WhoAmI tells each caller what it may do where, as the agent would decide each call, over real gRPC. */
class WhoAmIPermissionsIT {

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(50).as("root");

    private static WhoAmIResponse whoAmI(AgentClient client) {
        return client.cluster().whoAmI(WhoAmIRequest.getDefaultInstance());
    }

    private static Optional<ScopePermissions> scope(WhoAmIResponse me, ScopeKind kind, String name) {
        return me.getPermissionsList().stream()
                .filter(s -> s.getScope().getKind() == kind && s.getScope().getName().equals(name)).findFirst();
    }

    private static List<String> actionsOn(ScopePermissions scope, String entity) {
        return scope.getEntitiesList().stream().filter(e -> e.getEntity().equals(entity))
                .findFirst().<List<String>>map(EntityPermissions::getActionsList).orElse(List.of());
    }

    @Test
    void aResearcherInOneProjectManagesWorkloadsThereAndNowhereElse() {
        runplane.grant("rita", Role.L1_RESEARCHER, ScopeKind.SCOPE_KIND_PROJECT, "vision");

        WhoAmIResponse rita = whoAmI(runplane.clientFor("rita"));

        ScopePermissions vision = scope(rita, ScopeKind.SCOPE_KIND_PROJECT, "vision").orElseThrow();
        assertThat(vision.getRolesList()).containsExactly("L1 researcher");
        assertThat(actionsOn(vision, "WORKLOADS")).containsExactly("VIEW", "CREATE", "EDIT", "DELETE");
        assertThat(actionsOn(vision, "PROJECTS")).containsExactly("VIEW");
        assertThat(scope(rita, ScopeKind.SCOPE_KIND_PROJECT, "nlp")).isEmpty();
        assertThat(scope(rita, ScopeKind.SCOPE_KIND_CLUSTER, "")).isEmpty();
        assertThat(rita.getPermissionsList()).extracting(s -> s.getScope().getName()).containsExactly("vision");
    }

    @Test
    void aViewerMayCreateNothingAndADepartmentRoleReachesItsProjects() {
        runplane.grant("vic", Role.VIEWER, ScopeKind.SCOPE_KIND_DEPARTMENT, "research");

        WhoAmIResponse vic = whoAmI(runplane.clientFor("vic"));

        assertThat(vic.getPermissionsList()).extracting(s -> s.getScope().getName())
                .containsExactly("research", "nlp", "vision");
        for (ScopePermissions scope : vic.getPermissionsList()) {
            assertThat(scope.getRolesList()).containsExactly("Viewer");
            assertThat(scope.getEntitiesList()).allSatisfy(e -> assertThat(e.getActionsList()).containsExactly("VIEW"));
        }
        assertThat(scope(vic, ScopeKind.SCOPE_KIND_PROJECT, "serving")).isEmpty();
    }

    @Test
    void theRevisionChangesWhenTheCallersRulesChangeAndOnlyThen() {
        AgentClient rita = runplane.clientFor("rita");
        AccessRule viewer = runplane.grant("rita", Role.VIEWER, ScopeKind.SCOPE_KIND_PROJECT, "nlp");
        String before = whoAmI(rita).getPermissionsRevision();

        runplane.grant("sam", Role.L1_RESEARCHER, ScopeKind.SCOPE_KIND_PROJECT, "nlp");
        assertThat(whoAmI(rita).getPermissionsRevision()).as("another user's rule").isEqualTo(before);

        runplane.grant("rita", Role.L1_RESEARCHER, ScopeKind.SCOPE_KIND_PROJECT, "nlp");
        runplane.client().accessRules().deleteAccessRule(DeleteAccessRuleRequest.newBuilder().setId(viewer.getId()).build());
        WhoAmIResponse after = whoAmI(rita);
        assertThat(after.getPermissionsRevision()).isNotEqualTo(before);
        assertThat(actionsOn(scope(after, ScopeKind.SCOPE_KIND_PROJECT, "nlp").orElseThrow(), "WORKLOADS")).contains("CREATE");
    }

    @Test
    void theLocalAdministratorMayDoEverythingOnTheCluster() {
        WhoAmIResponse root = whoAmI(runplane.client());

        ScopePermissions cluster = scope(root, ScopeKind.SCOPE_KIND_CLUSTER, "").orElseThrow();
        assertThat(cluster.getRolesList()).containsExactly("System administrator");
        assertThat(actionsOn(cluster, "ACCESS_RULES")).containsExactly("VIEW", "CREATE", "EDIT", "DELETE");
    }
}
