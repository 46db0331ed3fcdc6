package io.runplane.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.runplane.access.Role;
import io.runplane.agent.AgentOptions;
import io.runplane.agent.EmbeddedAgent;
import io.runplane.agent.auth.LocalIdentity;
import io.runplane.agent.auth.TokenIssuer;
import io.runplane.api.BearerToken;
import io.runplane.api.v1.AccessRulesGrpc;
import io.runplane.api.v1.AccessScope;
import io.runplane.api.v1.AccessSubject;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.CreateAccessRuleRequest;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.SubjectKind;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;
import io.runplane.console.access.Permissions;
import io.runplane.console.app.MainView;
import io.runplane.console.client.GrpcRunplaneClient;
import io.runplane.console.connection.ConnectionViewModel;
import io.runplane.console.organization.OrganizationViewModel;
import io.runplane.console.connection.RemoteClusterConnector;
import io.runplane.console.workloads.WorkloadRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The workloads screen signed in as users with restricted access rules, against a real embedded
 * agent: rita is an L1 researcher in vision and a Viewer in nlp, vic a Viewer in nlp only.
 */
@ExtendWith(ApplicationExtension.class)
class RestrictedActionsIT {

    private static Path dataDir;
    private static EmbeddedAgent agent;

    private ConsoleUnderTest console;
    private ConnectionViewModel connection;
    private MainView main;

    @BeforeAll
    static void startAgent() throws Exception {
        dataDir = Files.createTempDirectory("runplane-console-access");
        agent = EmbeddedAgent.start(dataDir.resolve("cluster"), 0, AgentOptions.timeScale(6));
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", agent.port()).usePlaintext().build();
        BearerToken admin = new BearerToken(agent.localToken());
        try (GrpcRunplaneClient setup = new GrpcRunplaneClient(channel, admin)) {
            submit(setup, "vision", "vision-job");
            submit(setup, "nlp", "nlp-job");
            AccessRulesGrpc.AccessRulesBlockingStub rules = AccessRulesGrpc.newBlockingStub(channel).withCallCredentials(admin);
            grant(rules, "rita", Role.L1_RESEARCHER, "vision");
            grant(rules, "rita", Role.VIEWER, "nlp");
            grant(rules, "vic", Role.VIEWER, "nlp");
        }
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    private static void submit(GrpcRunplaneClient client, String project, String name) {
        client.submit(WorkloadSpec.newBuilder().setProject(project).setName(name).setType(WorkloadType.WORKLOAD_TYPE_TRAINING)
                .setImage("pytorch/pytorch:latest").addCommand("sleep").addArgs("3600")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1)).build(), false);
    }

    private static void grant(AccessRulesGrpc.AccessRulesBlockingStub rules, String user, Role role, String project) {
        rules.createAccessRule(CreateAccessRuleRequest.newBuilder()
                .setSubject(AccessSubject.newBuilder().setKind(SubjectKind.SUBJECT_KIND_USER).setName(user))
                .setRole(role.displayName())
                .setScope(AccessScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_PROJECT).setName(project))
                .build());
    }

    private static RemoteClusterConnector signedInAs(String user) {
        try {
            String token = TokenIssuer.issueToUser(dataDir.resolve("cluster").resolve(LocalIdentity.IDENTITY_FILE), user, List.of());
            return new RemoteClusterConnector("127.0.0.1", agent.port(), token, RemoteClusterConnector.Transport.PLAINTEXT);
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign " + user + " in", e);
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        Path settingsDir = Files.createTempDirectory(dataDir, "console");
        console = ConsoleUnderTest.of(signedInAs("rita"), "the test agent").settingsIn(settingsDir).show(stage);
        connection = console.connection();
        main = console.main();
    }

    @AfterEach
    void stop(FxRobot robot) {
        console.close(robot);
    }

    private void connectAs(FxRobot robot, String user) {
        robot.interact(() -> connection.switchTo(user, signedInAs(user), "the test agent as " + user));
        FxWait.until("the workloads of " + user, 60, () -> main.workloads() != null && main.workloads().rows().size() >= 1
                && main.workloads().permissionsProperty().get() != Permissions.UNREPORTED);
    }

    private void select(FxRobot robot, String name) {
        FxWait.until(name + " in the table", 30, () -> row(name).isPresent());
        robot.interact(() -> main.workloads().select(row(name).orElseThrow().workload()));
        FxWait.until(name + " selected", 10, () -> main.workloads().selectedWorkloadProperty().get() != null
                && main.workloads().selectedWorkloadProperty().get().getSpec().getName().equals(name));
    }

    private Optional<WorkloadRow> row(String name) {
        return main.workloads().rows().stream().filter(r -> r.workload().getSpec().getName().equals(name)).findFirst();
    }

    /** Hovers over an action and returns the tooltip that shows up, disabled or not. */
    private static String tooltipOf(FxRobot robot, String buttonId) {
        robot.moveTo("#" + buttonId + "-holder");
        FxWait.until("the tooltip of " + buttonId, 10, () -> shownTooltip(robot).isPresent());
        String text = shownTooltip(robot).orElseThrow().getText();
        robot.moveTo(".logo");
        FxWait.until("the tooltip of " + buttonId + " to hide", 10, () -> shownTooltip(robot).isEmpty());
        return text;
    }

    private static Optional<Tooltip> shownTooltip(FxRobot robot) {
        return robot.listWindows().stream().filter(w -> w instanceof Tooltip && w.isShowing())
                .map(w -> (Tooltip) w).findFirst();
    }

    private static boolean disabled(FxRobot robot, String id) {
        return robot.lookup(id).query().isDisabled();
    }

    @Test
    void aResearcherActsInTheirProjectAndOnlyViewsTheOther(FxRobot robot) {
        connectAs(robot, "rita");
        assertThat(main.workloads().rows()).extracting(r -> r.workload().getSpec().getProject()).contains("vision", "nlp");

        select(robot, "nlp-job");
        assertThat(disabled(robot, "#stop-workload")).isTrue();
        assertThat(disabled(robot, "#delete-workload")).isTrue();
        assertThat(tooltipOf(robot, "stop-workload"))
                .isEqualTo("You are a Viewer in project nlp: stopping workloads needs Workloads › Edit");

        select(robot, "vision-job");
        assertThat(disabled(robot, "#delete-workload")).isFalse();
        assertThat(tooltipOf(robot, "delete-workload")).isEqualTo("Delete (Del)");

        assertThat(disabled(robot, "#new-workload")).isFalse();
        FxClicks.click(robot, "#new-workload");
        FxWait.until("the form's projects", 30, () -> robot.lookup("#submit-project").tryQuery()
                .map(n -> !((ComboBox<?>) n).getItems().isEmpty()).orElse(false));
        ComboBox<?> projects = robot.lookup("#submit-project").queryAs(ComboBox.class);
        assertThat(projects.getItems().stream().map(String::valueOf).toList()).as("projects the form offers")
                .containsExactly("vision");
        robot.interact(() -> projects.getScene().getWindow().hide());
    }

    @Test
    void aViewerCannotCreateAndTheShortcutDoesNothing(FxRobot robot) throws Exception {
        connectAs(robot, "vic");
        assertThat(main.workloads().rows()).extracting(r -> r.workload().getSpec().getProject()).containsOnly("nlp");

        assertThat(disabled(robot, "#new-workload")).isTrue();
        assertThat(tooltipOf(robot, "new-workload"))
                .isEqualTo("You are a Viewer in project nlp: creating workloads needs Workloads › Create");
        // tooltips are windows too and may still be fading out: count the stages only
        List<Window> before = stages(robot);
        robot.clickOn("#workload-search").press(KeyCode.CONTROL, KeyCode.N).release(KeyCode.N, KeyCode.CONTROL);
        FxWait.until("the shortcut to be handled", 5, () -> true);
        assertThat(stages(robot)).as("no form opened").hasSameSizeAs(before);

        select(robot, "nlp-job");
        robot.moveTo("#stop-workload-holder");
        FxWait.until("the tooltip of Stop", 10, () -> shownTooltip(robot).isPresent());
        Node toolbar = robot.lookup(".toolbar").query();
        robot.interact(() -> {
            try {
                FxSnapshots.write(toolbar, Path.of("target", "screenshots", "restricted-toolbar.png"));
                FxSnapshots.write(shownTooltip(robot).orElseThrow().getScene().getRoot(),
                        Path.of("target", "screenshots", "restricted-tooltip.png"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(shownTooltip(robot).orElseThrow().getText())
                .isEqualTo("You are a Viewer in project nlp: stopping workloads needs Workloads › Edit");
    }

    @Test
    void theContextMenuSaysWhyAnItemIsOff(FxRobot robot) {
        connectAs(robot, "vic");
        select(robot, "nlp-job");
        ContextMenu menu = main.workloadsView().table().getContextMenu();
        Node row = robot.lookup(".table-row-cell").queryAll().stream()
                .filter(n -> n instanceof TableRow<?> r && r.getItem() instanceof WorkloadRow w
                        && w.workload().getSpec().getName().equals("nlp-job"))
                .findFirst().orElseThrow();
        // Monocle's headless robot sends no context-menu event on a right click: the menu is shown as a right click would
        robot.interact(() -> menu.show(row, javafx.geometry.Side.BOTTOM, 40, 0));
        FxWait.until("the context menu", 10, menu::isShowing);

        MenuItem stop = menu.getItems().getFirst();
        assertThat(stop.isDisable()).isTrue();
        assertThat(stop.getText()).isEqualTo("Stop — You are a Viewer in project nlp: stopping workloads needs Workloads › Edit");
        MenuItem details = menu.getItems().stream().filter(i -> "Show details".equals(i.getText())).findFirst().orElseThrow();
        assertThat(details.isDisable()).isFalse();
        snapshot(robot, menu.getScene().getRoot(), "restricted-context-menu.png");
        robot.interact(menu::hide);
    }

    @Test
    void aViewerIsToldWhyBeforeAnyChangeOnTheAdminScreens(FxRobot robot) {
        connectAs(robot, "vic");

        FxClicks.click(robot, "#nav-organization");
        @SuppressWarnings("unchecked")
        TreeView<OrganizationViewModel.Unit> tree = robot.lookup("#organization-tree").queryAs(TreeView.class);
        FxWait.until("nlp in the tree", 20, () -> tree.getSelectionModel().getSelectedItem() != null);
        assertThat(disabled(robot, "#org-new-department")).isTrue();
        assertThat(tooltipOf(robot, "org-new-department"))
                .isEqualTo("You have no role on the cluster: creating departments needs Departments › Create");
        assertThat(tree.getSelectionModel().getSelectedItem().getValue().name()).isEqualTo("research");
        assertThat(tooltipOf(robot, "org-new-project"))
                .isEqualTo("You have no role in department research: creating projects needs Projects › Create");
        assertThat(disabled(robot, "#org-edit")).isTrue();
        assertThat(tooltipOf(robot, "org-edit"))
                .isEqualTo("You have no role in department research: editing departments needs Departments › Edit");
        TreeItem<OrganizationViewModel.Unit> nlp = tree.getSelectionModel().getSelectedItem().getChildren().stream()
                .filter(i -> i.getValue().name().equals("nlp")).findFirst().orElseThrow();
        robot.interact(() -> tree.getSelectionModel().select(nlp));
        assertThat(tooltipOf(robot, "org-delete")).isEqualTo("You are a Viewer in project nlp: deleting projects needs Projects › Delete");
        assertThat(disabled(robot, "#org-delete")).isTrue();
        assertThat(disabled(robot, "#scheduling-save")).isTrue();
        assertThat(disabled(robot, "#scheduling-time-based-fairness")).isTrue();
        assertThat(robot.lookup("#scheduling-window").queryAs(javafx.scene.control.TextField.class).isEditable()).isFalse();
        assertThat(tooltipOf(robot, "scheduling-save"))
                .isEqualTo("You have no role on the cluster: changing the scheduling settings needs Node pools › Edit");
        snapshot(robot, robot.lookup("#organization").query(), "restricted-organization.png");

        FxClicks.click(robot, "#nav-access");
        assertThat(disabled(robot, "#access-add")).isTrue();
        assertThat(tooltipOf(robot, "access-add"))
                .isEqualTo("You have no role on the cluster: adding access rules needs Access rules › Create");
        assertThat(tooltipOf(robot, "access-delete")).isEqualTo("Select a rule first");

        FxClicks.click(robot, "#nav-audit");
        assertThat(disabled(robot, "#audit-search")).isTrue();
        Label status = robot.lookup("#audit-status").queryAs(Label.class);
        FxWait.until("the audit screen to say why", 10, () -> status.getText()
                .equals("You have no role on the cluster: viewing the audit log needs The audit log › View"));
        assertThat(robot.lookup("#audit-table").queryAs(TableView.class).getItems()).isEmpty();
    }

    private static void snapshot(FxRobot robot, Node node, String file) {
        robot.interact(() -> {
            try {
                FxSnapshots.write(node, Path.of("target", "screenshots", file));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private static List<Window> stages(FxRobot robot) {
        return robot.listWindows().stream().filter(w -> w instanceof javafx.stage.Stage).toList();
    }
}
