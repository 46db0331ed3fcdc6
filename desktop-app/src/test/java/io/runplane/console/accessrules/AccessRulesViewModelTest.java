package io.runplane.console.accessrules;

import io.runplane.console.access.ScreenAccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.Department;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.SubjectKind;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.app.UiThread;
import io.runplane.console.client.ServiceException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessRulesViewModelTest {

    private final FakeRunplaneClient client = new FakeRunplaneClient();
    private final UiThread ui = UiThread.callingThread();
    private Background background;
    private AccessRulesViewModel rules;

    @BeforeEach
    void load() {
        client.departmentList = List.of(Department.newBuilder().setName("research").build());
        client.projects = List.of(Project.newBuilder().setName("vision").setDepartment("research").build());
        background = Background.inline(ui);
        rules = new AccessRulesViewModel(client, background, new Notifications(ui), ScreenAccess.unreported());
        rules.refresh();
    }

    @AfterEach
    void close() {
        background.close();
    }

    @Test
    void theScopePickerFollowsTheOrganizationTree() {
        assertThat(rules.scopes()).extracting(AccessRulesViewModel.ScopeChoice::label)
                .containsExactly("Cluster", "Department research", "    Project vision");
        assertThat(rules.statusProperty().get()).isEqualTo("No access rules you may view");
    }

    @Test
    void anAddedRuleIsListedAndADeletedOneIsGone() {
        rules.subjectKindProperty().set(SubjectKind.SUBJECT_KIND_GROUP);
        rules.subjectNameProperty().set(" ml-team ");
        rules.roleProperty().set("Viewer");
        rules.scopeProperty().set(rules.scopes().get(2));
        boolean[] closed = {false};

        rules.create(() -> closed[0] = true);

        assertThat(closed[0]).isTrue();
        assertThat(rules.rules()).singleElement().satisfies(r -> {
            assertThat(r.getSubject().getName()).isEqualTo("ml-team");
            assertThat(r.getScope().getKind()).isEqualTo(ScopeKind.SCOPE_KIND_PROJECT);
            assertThat(r.getScope().getName()).isEqualTo("vision");
        });

        rules.delete(rules.rules().getFirst());

        assertThat(client.calls).contains("deleteAccessRule r1");
        assertThat(rules.rules()).isEmpty();
    }

    @Test
    void aScopeIsRequiredAndTheServersViolationsLandOnTheirFields() {
        rules.create(() -> { });
        assertThat(rules.errorProperty("scope").get()).isEqualTo("Pick a scope");
        assertThat(client.calls).noneMatch(c -> c.startsWith("createAccessRule"));

        rules.scopeProperty().set(AccessRulesViewModel.ScopeChoice.CLUSTER);
        client.failNext = new ServiceException("INVALID_ARGUMENT", "the access rule is not valid", List.of(
                new ServiceException.FieldViolation("subject.name", "is required"),
                new ServiceException.FieldViolation("role", "unknown role \"Wizard\"")), null);
        rules.create(() -> { });

        assertThat(rules.errorProperty("subject").get()).isEqualTo("is required");
        assertThat(rules.errorProperty("role").get()).isEqualTo("unknown role \"Wizard\"");
        assertThat(rules.errorProperty("scope").get()).isEmpty();
    }

    @Test
    void aPermissionRefusalIsShownOnTheFormAndSwitchesChangesOff() {
        rules.scopeProperty().set(AccessRulesViewModel.ScopeChoice.CLUSTER);
        client.failNext = new ServiceException("PERMISSION_DENIED", "user dan may not create access rules in the cluster");

        rules.create(() -> { });

        assertThat(rules.formErrorProperty().get()).isEqualTo("user dan may not create access rules in the cluster");
        assertThat(rules.adding().get().allowed()).isFalse();
        assertThat(rules.refusalProperty().get()).contains("may not create access rules");
    }
}
