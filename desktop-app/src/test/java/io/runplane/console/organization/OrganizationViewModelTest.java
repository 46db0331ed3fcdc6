package io.runplane.console.organization;

import io.runplane.access.Action;
import io.runplane.console.access.Availability;
import io.runplane.console.access.ScreenAccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.Department;
import io.runplane.api.v1.NodePool;
import io.runplane.api.v1.PoolQuota;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.Resources;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.app.UiThread;
import io.runplane.console.client.ServiceException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrganizationViewModelTest {

    private final FakeRunplaneClient client = new FakeRunplaneClient();
    private final UiThread ui = UiThread.callingThread();
    private final Notifications notifications = new Notifications(ui);
    private Background background;
    private OrganizationViewModel organization;

    @BeforeEach
    void load() {
        client.departmentList = List.of(Department.newBuilder().setName("research").build());
        client.projects = List.of(
                Project.newBuilder().setName("vision").setDepartment("research").addNodePools("a100")
                        .addQuotas(PoolQuota.newBuilder().setNodePool("a100").setDeserved(Resources.newBuilder().setGpu(6)
                                .setCpuMillis(96000).setMemoryMib(1024))).build(),
                Project.newBuilder().setName("adhoc").setDepartment("hidden").build());
        client.nodePools = List.of(NodePool.newBuilder().setName("a100").build(), NodePool.newBuilder().setName("l40s").build());
        background = Background.inline(ui);
        organization = new OrganizationViewModel(client, background, notifications, ScreenAccess.unreported());
        organization.refresh();
    }

    @AfterEach
    void close() {
        background.close();
    }

    @Test
    void loadsTheTreeAndEditsAProjectWithEveryPoolAsAQuotaRow() {
        assertThat(organization.projectsOf("research")).extracting(Project::getName).containsExactly("vision");
        assertThat(organization.statusProperty().get()).isEmpty();

        UnitForm form = organization.edit(new OrganizationViewModel.Unit(UnitKind.PROJECT, "vision")).orElseThrow();

        assertThat(form.isUpdate()).isTrue();
        assertThat(form.nodePoolsProperty().get()).isEqualTo("a100");
        assertThat(form.quotas()).extracting(UnitForm.QuotaRow::pool).containsExactly("a100", "l40s");
        assertThat(form.quotas().getFirst().gpu().get()).isEqualTo("6");
        assertThat(form.quotas().get(1).gpu().get()).isEqualTo("0");
        String[] saved = {null};
        form.save(name -> saved[0] = name);
        assertThat(saved[0]).isEqualTo("vision");
        assertThat(client.calls).contains("updateProject vision");
    }

    @Test
    void aNumberThatIsNotOneIsRefusedBeforeTheServerIsAsked() {
        UnitForm form = organization.newUnit(UnitKind.PROJECT, "research");
        form.nameProperty().set("speech");
        form.quotas().getFirst().cpuMillis().set("lots");

        form.save(name -> { });

        assertThat(form.errorProperty(UnitForm.quotaKey("a100", "cpu_millis")).get()).isEqualTo("Enter a whole number");
        assertThat(client.calls).noneMatch(c -> c.startsWith("createProject"));
        assertThat(form.departmentProperty().get()).isEqualTo("research");
        assertThat(form.nodePoolsProperty().get()).isEqualTo("a100, l40s");
    }

    @Test
    void theServersFieldViolationsLandOnTheirFieldsAndOthersOnTheForm() {
        UnitForm form = organization.newUnit(UnitKind.PROJECT, "research");
        form.nameProperty().set("Speech");
        client.failNext = new ServiceException("INVALID_ARGUMENT", "the project is not valid", List.of(
                new ServiceException.FieldViolation("project.name", "must be a DNS-1123 label"),
                new ServiceException.FieldViolation("project.quotas[a100].deserved.gpu", "would not fit"),
                new ServiceException.FieldViolation("project.node_pools[1]", "unknown node pool \"x\""),
                new ServiceException.FieldViolation("projects[nlp].rules.training_duration_limit_seconds", "too long")), null);

        form.save(name -> { });

        assertThat(form.errorProperty("name").get()).isEqualTo("must be a DNS-1123 label");
        assertThat(form.errorProperty(UnitForm.quotaKey("a100", "gpu")).get()).isEqualTo("would not fit");
        assertThat(form.errorProperty("node_pools").get()).isEqualTo("unknown node pool \"x\"");
        assertThat(form.formErrorProperty().get()).isEqualTo("projects[nlp].rules.training_duration_limit_seconds: too long");
        assertThat(form.savingProperty().get()).isFalse();
    }

    @Test
    void aPermissionRefusalSwitchesChangingOffWithTheServersMessage() {
        client.failNext = new ServiceException("PERMISSION_DENIED", "user rita may not delete projects in project vision");

        organization.delete(new OrganizationViewModel.Unit(UnitKind.PROJECT, "vision"));

        assertThat(organization.changing(Action.DELETE, new OrganizationViewModel.Unit(UnitKind.PROJECT, "vision")).get())
                .isEqualTo(Availability.refused("user rita may not delete projects in project vision"));
        assertThat(organization.refusalProperty().get()).isEqualTo("user rita may not delete projects in project vision");
    }
}
