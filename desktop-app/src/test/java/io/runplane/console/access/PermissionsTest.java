package io.runplane.console.access;

import static io.runplane.console.Workloads.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.access.Action;
import io.runplane.access.Entity;
import io.runplane.api.v1.AccessScope;
import io.runplane.api.v1.EntityPermissions;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.ScopePermissions;
import io.runplane.api.v1.WhoAmIResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionsTest {

    private static ScopePermissions project(String name, String role, String... grants) {
        ScopePermissions.Builder scope = ScopePermissions.newBuilder()
                .setScope(AccessScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_PROJECT).setName(name))
                .addRoles(role);
        for (String grant : grants) {
            String[] parts = grant.split(":");
            scope.addEntities(EntityPermissions.newBuilder().setEntity(parts[0]).addAllActions(List.of(parts[1].split(","))));
        }
        return scope.build();
    }

    private static final ScopePermissions VIEWER_A = project("team-a", "Viewer", "WORKLOADS:VIEW", "INFERENCE_WORKLOADS:VIEW");
    private static final ScopePermissions RESEARCHER_B = project("team-b", "L1 researcher",
            "WORKLOADS:VIEW,CREATE,EDIT,DELETE", "INFERENCE_WORKLOADS:VIEW,CREATE,EDIT,DELETE");

    private static Permissions of(ScopePermissions... scopes) {
        return Permissions.of(WhoAmIResponse.newBuilder().setSubject("rita").setPermissionsRevision("r1")
                .addAllPermissions(List.of(scopes)).build());
    }

    private static Workload running(String project) {
        return workload(project, "job", WorkloadStatus.WORKLOAD_STATUS_RUNNING, 1, 1);
    }

    @Test
    void aViewerMayNotCreateAndIsToldWhichRoleAndPermissionThatWouldNeed() {
        Permissions viewer = of(VIEWER_A);

        assertThat(viewer.can(Action.VIEW, Entity.WORKLOADS, "team-a")).isTrue();
        assertThat(viewer.can(Action.CREATE, Entity.WORKLOADS, "team-a")).isFalse();
        assertThat(WorkloadAction.NEW.check(null, viewer)).isEqualTo(new Availability(false,
                "You are a Viewer in project team-a: creating workloads needs Workloads › Create"));
        assertThat(WorkloadAction.STOP.check(running("team-a"), viewer).reason())
                .isEqualTo("You are a Viewer in project team-a: stopping workloads needs Workloads › Edit");
        assertThat(WorkloadAction.DELETE.check(running("team-a"), viewer).allowed()).isFalse();
        assertThat(WorkloadAction.DETAILS.check(running("team-a"), viewer).allowed()).isTrue();
    }

    @Test
    void aResearcherActsInTheirProjectOnlyAndTheStatusStillDecides() {
        Permissions rita = of(VIEWER_A, RESEARCHER_B);

        assertThat(WorkloadAction.NEW.check(null, rita).allowed()).isTrue();
        assertThat(WorkloadAction.STOP.check(running("team-b"), rita).allowed()).isTrue();
        assertThat(WorkloadAction.STOP.check(running("team-a"), rita).allowed()).isFalse();
        assertThat(WorkloadAction.STOP.check(running("team-c"), rita).reason())
                .isEqualTo("You have no role in project team-c: stopping workloads needs Workloads › Edit");
        Workload stopped = workload("team-b", "job", WorkloadStatus.WORKLOAD_STATUS_STOPPED, 1, 1);
        assertThat(WorkloadAction.STOP.check(stopped, rita).reason()).isEqualTo("Stopped workloads cannot be stopped");
        assertThat(WorkloadAction.RUN.check(stopped, rita).allowed()).isTrue();
        assertThat(rita.projectsWhere(Action.CREATE, Entity.WORKLOADS, Set.of("team-a", "team-b", "team-c")))
                .containsExactly("team-b");
    }

    @Test
    void inferenceWorkloadsNeedTheirOwnPermission() {
        Permissions mlEngineer = of(project("serving", "ML engineer", "WORKLOADS:VIEW", "INFERENCE_WORKLOADS:VIEW,CREATE,EDIT,DELETE"));
        Workload inference = running("serving").toBuilder()
                .setSpec(running("serving").getSpec().toBuilder().setType(WorkloadType.WORKLOAD_TYPE_INFERENCE)).build();

        assertThat(WorkloadAction.DELETE.check(inference, mlEngineer).allowed()).isTrue();
        assertThat(WorkloadAction.DELETE.check(running("serving"), mlEngineer).reason())
                .isEqualTo("You are an ML engineer in project serving: deleting workloads needs Workloads › Delete");
        assertThat(WorkloadAction.NEW.check(null, mlEngineer).allowed()).isTrue();
    }

    @Test
    void withoutASelectionOrWithRolesInSeveralProjectsTheReasonSaysSo() {
        Permissions twoViewers = of(VIEWER_A, project("team-c", "Viewer", "WORKLOADS:VIEW"));

        assertThat(WorkloadAction.STOP.check(null, twoViewers).reason()).isEqualTo("Select a workload first");
        assertThat(WorkloadAction.NEW.check(null, twoViewers).reason()).isEqualTo(
                "You are a Viewer in project team-a, a Viewer in project team-c: creating workloads needs Workloads › Create");
        assertThat(WorkloadAction.NEW.check(null, of()).reason())
                .isEqualTo("You have no role in any project: creating workloads needs Workloads › Create");
    }

    @Test
    void anAgentThatReportsNoPermissionsLeavesTheDecisionToItsRefusals() {
        Permissions unreported = Permissions.of(WhoAmIResponse.newBuilder().setSubject("old-agent").build());

        assertThat(unreported).isSameAs(Permissions.UNREPORTED);
        assertThat(WorkloadAction.NEW.check(null, unreported).allowed()).isTrue();
        assertThat(WorkloadAction.DELETE.check(running("anywhere"), unreported).allowed()).isTrue();
    }
}
