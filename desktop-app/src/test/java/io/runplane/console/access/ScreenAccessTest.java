package io.runplane.console.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.access.Action;
import io.runplane.access.Entity;
import io.runplane.api.v1.AccessScope;
import io.runplane.api.v1.EntityPermissions;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.ScopePermissions;
import io.runplane.api.v1.WhoAmIResponse;
import io.runplane.console.client.ServiceException;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

class ScreenAccessTest {

    private static ScopePermissions scope(ScopeKind kind, String name, String role, String... grants) {
        ScopePermissions.Builder scope = ScopePermissions.newBuilder()
                .setScope(AccessScope.newBuilder().setKind(kind).setName(name)).addRoles(role);
        for (String grant : grants) {
            String[] parts = grant.split(":");
            scope.addEntities(EntityPermissions.newBuilder().setEntity(parts[0]).addAllActions(List.of(parts[1].split(","))));
        }
        return scope.build();
    }

    /** A department admin of research (which holds project vision), with nothing on the cluster. */
    private static final Permissions RESEARCH_ADMIN = Permissions.of(WhoAmIResponse.newBuilder().setSubject("dora")
            .setPermissionsRevision("r1")
            .addPermissions(scope(ScopeKind.SCOPE_KIND_DEPARTMENT, "research", "Department administrator",
                    "PROJECTS:VIEW,CREATE,EDIT,DELETE", "ACCESS_RULES:VIEW,CREATE,DELETE"))
            .addPermissions(scope(ScopeKind.SCOPE_KIND_PROJECT, "vision", "Department administrator",
                    "PROJECTS:VIEW,CREATE,EDIT,DELETE", "ACCESS_RULES:VIEW,CREATE,DELETE", "WORKLOADS:VIEW"))
            .build());

    private static Availability creating(Permissions permissions, Entity entity, Scope scope) {
        return new ScreenAccess(new SimpleObjectProperty<>(permissions), e -> { })
                .availability(p -> p.check("creating " + entity.displayName(), Action.CREATE, entity, scope)).get();
    }

    @Test
    void theReportedPermissionsDecidePerScopeAndSayWhy() {
        assertThat(creating(RESEARCH_ADMIN, Entity.PROJECTS, Scope.department("research"))).isEqualTo(Availability.ALLOWED);
        assertThat(creating(RESEARCH_ADMIN, Entity.DEPARTMENTS, Scope.CLUSTER)).isEqualTo(Availability.refused(
                "You have no role on the cluster: creating departments needs Departments › Create"));
        assertThat(creating(RESEARCH_ADMIN, Entity.PROJECTS, Scope.department("infra")).reason())
                .isEqualTo("You have no role in department infra: creating projects needs Projects › Create");
        assertThat(RESEARCH_ADMIN.canInSomeScope(Action.CREATE, Entity.ACCESS_RULES)).isTrue();
        assertThat(RESEARCH_ADMIN.canInSomeScope(Action.VIEW, Entity.AUDIT_LOG)).isFalse();
    }

    @Test
    void anAgentThatReportsNothingIsTrustedUntilItRefusesAndThenAskedAgain() {
        List<Throwable> askedAgainAfter = new ArrayList<>();
        SimpleObjectProperty<Permissions> permissions = new SimpleObjectProperty<>(Permissions.UNREPORTED);
        ScreenAccess access = new ScreenAccess(permissions, askedAgainAfter::add);
        ObjectBinding<Availability> deleting = access.availability(p -> p.check("deleting projects", Action.DELETE,
                Entity.PROJECTS, Scope.project("vision")));
        assertThat(deleting.get().allowed()).isTrue();

        assertThat(access.failed(new ServiceException("NOT_FOUND", "no project vision"))).isFalse();
        ServiceException refusal = new ServiceException("PERMISSION_DENIED", "user dora may not delete projects in project vision");
        assertThat(access.failed(refusal)).isTrue();

        assertThat(deleting.get()).isEqualTo(Availability.refused("user dora may not delete projects in project vision"));
        assertThat(askedAgainAfter).containsExactly(refusal);

        permissions.set(RESEARCH_ADMIN);
        assertThat(access.refusalProperty().get()).as("the reported permissions replace the refusal").isEmpty();
        assertThat(deleting.get()).isEqualTo(Availability.ALLOWED);
    }
}
