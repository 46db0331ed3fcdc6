package io.runplane.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.AccessRule;
import io.runplane.api.v1.AuditEntry;
import io.runplane.console.accessrules.AccessRulesViewModel;
import io.runplane.console.connection.EmbeddedClusterConnector;
import io.runplane.console.organization.OrganizationViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Organization, Access and Audit screens against the real embedded agent over real gRPC. */
@ExtendWith(ApplicationExtension.class)
class AdminScreensIT {

    private ConsoleUnderTest console;

    @Start
    void start(Stage stage) throws Exception {
        Path dataDir = Files.createTempDirectory("runplane-admin-it");
        console = ConsoleUnderTest.of(new EmbeddedClusterConnector(dataDir.resolve("cluster"), 6), "the local simulated cluster")
                .settingsIn(dataDir).showConnected(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        console.close(robot);
    }

    private static List<String> treeNames(TreeView<OrganizationViewModel.Unit> tree) {
        List<String> names = new ArrayList<>();
        for (TreeItem<OrganizationViewModel.Unit> department : tree.getRoot().getChildren()) {
            names.add(department.getValue().name());
            department.getChildren().forEach(p -> names.add(p.getValue().name()));
        }
        return names;
    }

    private static boolean showing(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(n -> n.isVisible() && n.getScene().getWindow().isShowing()).orElse(false);
    }

    @Test
    void aProjectCreatedThroughTheFormIsListedAfterTheServerRefusedItsNameOnTheField(FxRobot robot) {
        console.awaitConnected();
        FxClicks.click(robot, "#nav-organization");
        @SuppressWarnings("unchecked")
        TreeView<OrganizationViewModel.Unit> tree = robot.lookup("#organization-tree").queryAs(TreeView.class);
        FxWait.until("the organization tree", 20, () -> treeNames(tree).contains("vision"));
        assertThat(robot.lookup("#organization-pools").queryAs(TableView.class).getItems()).isNotEmpty();
        assertThat(robot.lookup("#organization-nodes").queryAs(TableView.class).getItems()).isNotEmpty();

        FxClicks.click(robot, "#org-new-project");
        FxWait.until("the project form", 20, () -> showing(robot, "#unit-name"));
        TextField name = robot.lookup("#unit-name").queryAs(TextField.class);
        robot.interact(() -> name.setText("Speech_Team"));
        FxClicks.click(robot, "#unit-save");
        Label nameError = robot.lookup("#unit-name-error").queryAs(Label.class);
        FxWait.until("the server's refusal on the name", 20, nameError::isVisible);
        assertThat(nameError.getText()).contains("DNS-1123");

        robot.interact(() -> name.setText("speech"));
        FxClicks.click(robot, "#unit-save");
        FxWait.until("the form to close", 20, () -> !showing(robot, "#unit-save"));
        FxWait.until("speech in the tree", 20, () -> treeNames(tree).contains("speech"));
    }

    @Test
    void theSchedulingSettingsShowTheServersRefusalOnTheFieldThenSave(FxRobot robot) {
        console.awaitConnected();
        FxClicks.click(robot, "#nav-organization");
        TextField window = robot.lookup("#scheduling-window").queryAs(TextField.class);
        FxWait.until("the scheduling settings", 20, () -> "168".equals(window.getText()));

        robot.interact(() -> {
            robot.lookup("#scheduling-time-based-fairness").queryAs(javafx.scene.control.CheckBox.class).setSelected(true);
            window.setText("0.001");
        });
        FxClicks.click(robot, "#scheduling-save");
        Label windowError = robot.lookup("#scheduling-window-error").queryAs(Label.class);
        FxWait.until("the server's refusal on the window", 20, windowError::isVisible);
        assertThat(windowError.getText()).contains("1 minute to 30 days");

        robot.interact(() -> window.setText("12"));
        FxClicks.click(robot, "#scheduling-save");
        FxWait.until("the refusal to clear", 20, () -> !windowError.isVisible());
        FxWait.until("the saved window", 20, () -> "12".equals(window.getText()));
    }

    @Test
    void anAccessRuleIsAddedAndDeletedAndTheAuditScreenShowsItNewestFirst(FxRobot robot) {
        console.awaitConnected();
        FxClicks.click(robot, "#nav-access");
        @SuppressWarnings("unchecked")
        TableView<AccessRule> rules = robot.lookup("#access-rules-table").queryAs(TableView.class);
        FxWait.until("the access rules", 20, () -> !rules.getItems().isEmpty());

        FxClicks.click(robot, "#access-add");
        FxWait.until("the add-rule dialog", 20, () -> showing(robot, "#access-add-save"));
        @SuppressWarnings("unchecked")
        ComboBox<AccessRulesViewModel.ScopeChoice> scope = robot.lookup("#access-scope").queryAs(ComboBox.class);
        FxWait.until("the scope choices", 20, () -> scope.getItems().stream().anyMatch(s -> s.name().equals("vision")));
        robot.interact(() -> {
            robot.lookup("#access-subject-name").queryAs(TextField.class).setText("alice");
            scope.setValue(scope.getItems().stream().filter(s -> s.name().equals("vision")).findFirst().orElseThrow());
        });
        FxClicks.click(robot, "#access-add-save");
        FxWait.until("alice's rule", 20, () -> rules.getItems().stream().anyMatch(r -> r.getSubject().getName().equals("alice")));
        assertThat(showing(robot, "#access-add-save")).isFalse();

        AccessRule alice = rules.getItems().stream().filter(r -> r.getSubject().getName().equals("alice")).findFirst().orElseThrow();
        assertThat(alice.getRole()).isEqualTo("L1 researcher");
        robot.interact(() -> rules.getSelectionModel().select(alice));
        FxClicks.click(robot, "#access-delete");
        FxWait.until("the confirmation", 20, () -> showing(robot, "#access-delete-confirm"));
        FxClicks.click(robot, "#access-delete-confirm");
        FxWait.until("alice's rule to go", 20, () -> rules.getItems().stream().noneMatch(r -> r.getSubject().getName().equals("alice")));

        FxClicks.click(robot, "#nav-audit");
        @SuppressWarnings("unchecked")
        TableView<AuditEntry> audit = robot.lookup("#audit-table").queryAs(TableView.class);
        FxWait.until("the audit entries", 20, () -> audit.getItems().size() >= 2);
        assertThat(audit.getItems().get(0).getAction()).isEqualTo("runplane.v1.AccessRules/DeleteAccessRule");
        assertThat(audit.getItems().get(0).getTarget()).isEqualTo("id " + alice.getId());
        robot.interact(() -> {
            try {
                FxSnapshots.write(console.scene().getRoot(), Path.of("target", "screenshots", "console-audit.png"));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(audit.getItems().get(1).getAction()).isEqualTo("runplane.v1.AccessRules/CreateAccessRule");
        assertThat(audit.getItems().get(1).getTarget()).contains("subject name alice", "scope name vision");

        robot.interact(() -> robot.lookup("#audit-outcome").queryAs(ComboBox.class).setValue("PERMISSION_DENIED"));
        FxClicks.click(robot, "#audit-search");
        FxWait.until("no refused changes", 20, () -> audit.getItems().isEmpty());
        assertThat(robot.lookup("#audit-status").queryAs(Label.class).getText()).isEqualTo("No entries match");
    }
}
