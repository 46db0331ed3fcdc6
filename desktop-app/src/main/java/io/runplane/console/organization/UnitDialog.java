package io.runplane.console.organization;

import io.runplane.api.v1.OverQuotaPriority;
import java.util.Arrays;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** The create/edit dialog of a department or project; the server's field errors appear under their fields. */
final class UnitDialog {

    private final UnitForm form;
    private final Dialog<String> dialog = new Dialog<>();
    private final GridPane grid = new GridPane();
    private int row;

    UnitDialog(UnitForm form, Window owner, List<String> departments) {
        this.form = form;
        String title = (form.isUpdate() ? "Edit " : "New ") + form.kind().label()
                + (form.isUpdate() ? " " + form.nameProperty().get() : "");
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setResizable(true);
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        Label heading = new Label(title);
        heading.getStyleClass().add("dialog-title");
        Label hint = new Label("The cluster checks the whole organization on save; its messages appear on the fields.");
        hint.getStyleClass().add("muted");
        VBox header = new VBox(2, heading, hint);
        header.getStyleClass().add("dialog-header");
        dialog.getDialogPane().setHeader(header);

        grid.setHgap(12);
        grid.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints(170);
        ColumnConstraints fields = new ColumnConstraints(320, 380, Double.MAX_VALUE);
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields);
        TextField name = text("unit-name", form.nameProperty());
        name.setDisable(form.isUpdate());
        field("Name", name, "name");
        if (form.kind() == UnitKind.PROJECT) {
            ComboBox<String> department = new ComboBox<>();
            department.setId("unit-department");
            department.getItems().setAll(departments);
            department.setEditable(true);
            department.valueProperty().bindBidirectional(form.departmentProperty());
            department.setMaxWidth(Double.MAX_VALUE);
            field("Department", department, "department");
        }
        ComboBox<OverQuotaPriority> overQuota = new ComboBox<>();
        overQuota.setId("unit-over-quota");
        overQuota.getItems().setAll(Arrays.stream(OverQuotaPriority.values())
                .filter(p -> p != OverQuotaPriority.OVER_QUOTA_PRIORITY_UNSPECIFIED && p != OverQuotaPriority.UNRECOGNIZED).toList());
        overQuota.setConverter(new StringConverter<>() {
            @Override
            public String toString(OverQuotaPriority priority) {
                return priority == null ? "" : OrganizationText.priority(priority);
            }

            @Override
            public OverQuotaPriority fromString(String text) {
                return null;
            }
        });
        overQuota.valueProperty().bindBidirectional(form.overQuotaProperty());
        field("Over-quota priority", overQuota, "over_quota");
        if (form.kind() == UnitKind.PROJECT) {
            TextField pools = text("unit-node-pools", form.nodePoolsProperty());
            pools.setPromptText("a100, l40s");
            field("Node-pool order", pools, "node_pools");
            TextField nodeType = text("unit-node-type", form.nodeTypeProperty());
            nodeType.setPromptText("any");
            field("Node type", nodeType, "node_type");
        }
        section("Quota per node pool (GPUs, -1 = unlimited · CPU millicores · memory MiB)");
        for (UnitForm.QuotaRow quota : form.quotas()) {
            GridPane cells = new GridPane();
            cells.setHgap(8);
            String base = "quota-" + quota.pool();
            cells.addRow(0, small(base + "-gpu", quota.gpu(), "GPUs"), small(base + "-cpu", quota.cpuMillis(), "CPU m"),
                    small(base + "-memory", quota.memoryMib(), "MiB"));
            VBox errors = new VBox(1, errorLabel(base + "-gpu", UnitForm.quotaKey(quota.pool(), "gpu")),
                    errorLabel(base + "-cpu", UnitForm.quotaKey(quota.pool(), "cpu_millis")),
                    errorLabel(base + "-memory", UnitForm.quotaKey(quota.pool(), "memory_mib")));
            grid.add(label(quota.pool()), 0, row);
            grid.add(new VBox(1, cells, errors), 1, row++);
        }
        section("Scheduling rules (seconds, 0 = none)");
        for (String rule : UnitForm.RULES) {
            field(OrganizationText.rule(rule), text("unit-" + rule.replace('_', '-'), form.ruleProperty(rule)), "rules." + rule);
        }
        Label formError = new Label();
        formError.setId("unit-form-error");
        formError.getStyleClass().add("form-server-error");
        formError.setWrapText(true);
        formError.textProperty().bind(form.formErrorProperty());
        formError.visibleProperty().bind(form.formErrorProperty().isNotEmpty());
        formError.managedProperty().bind(formError.visibleProperty());
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("form-scroll");
        scroll.setPrefViewportHeight(520);
        dialog.getDialogPane().setContent(new VBox(8, formError, scroll));

        ButtonType save = new ButtonType(form.isUpdate() ? "Save" : "Create", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, save);
        Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
        saveButton.setId("unit-save");
        saveButton.getStyleClass().add("accent");
        saveButton.disableProperty().bind(form.savingProperty());
        saveButton.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            form.save(saved -> {
                dialog.setResult(saved);
                dialog.close();
            });
        });
        dialog.setResultConverter(button -> null);
    }

    Dialog<String> dialog() {
        return dialog;
    }

    private TextField text(String id, StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private TextField small(String id, StringProperty property, String prompt) {
        TextField field = text(id, property);
        field.setPromptText(prompt);
        field.setPrefColumnCount(7);
        return field;
    }

    private Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("form-label");
        return label;
    }

    private void section(String title) {
        Label label = new Label(title);
        label.getStyleClass().add("form-section");
        grid.add(label, 0, row++, 2, 1);
    }

    private void field(String title, Node input, String key) {
        grid.add(label(title), 0, row);
        grid.add(new VBox(1, input, errorLabel(input.getId(), key)), 1, row++);
    }

    private Label errorLabel(String id, String key) {
        ReadOnlyStringProperty error = form.errorProperty(key);
        Label message = new Label();
        message.setId(id + "-error");
        message.getStyleClass().add("field-error");
        message.setWrapText(true);
        message.textProperty().bind(error);
        message.visibleProperty().bind(error.isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        return message;
    }

}
