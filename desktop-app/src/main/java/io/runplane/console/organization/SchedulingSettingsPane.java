package io.runplane.console.organization;

import io.runplane.console.access.ActionControls;
import io.runplane.console.access.Availability;
import io.runplane.console.app.Icons;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * The "Scheduling" card of the organization screen: time-based fairness, its window and usage weight.
 * A caller who may not change them sees them read-only, the Save button saying why.
 */
final class SchedulingSettingsPane {

    private final VBox root;

    SchedulingSettingsPane(SchedulingSettingsForm form, ObservableValue<Availability> changing) {
        ObservableValue<Boolean> readOnly = changing.map(a -> !a.allowed());
        Label title = new Label("SCHEDULING");
        title.getStyleClass().add("card-title");
        CheckBox enabled = new CheckBox("Time-based fairness: past usage moves the division of over-quota resources");
        enabled.setId("scheduling-time-based-fairness");
        enabled.selectedProperty().bindBidirectional(form.timeBasedFairnessProperty());
        enabled.disableProperty().bind(readOnly);

        TextField window = field("scheduling-window", form.windowHoursProperty());
        TextField weight = field("scheduling-usage-weight", form.usageWeightProperty());
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(4);
        grid.addRow(0, new Label("Window (hours)"), window, error("scheduling-window-error", form.errorProperty(SchedulingSettingsForm.WINDOW)));
        grid.addRow(1, new Label("Usage weight"), weight,
                error("scheduling-usage-weight-error", form.errorProperty(SchedulingSettingsForm.USAGE_WEIGHT)));
        for (TextField f : new TextField[] {window, weight}) {
            f.editableProperty().bind(changing.map(Availability::allowed));
            f.disableProperty().bind(enabled.selectedProperty().not());
        }

        Button save = new Button("Save", Icons.icon(MaterialDesignC.CONTENT_SAVE_OUTLINE));
        save.setId("scheduling-save");
        save.setOnAction(e -> form.save());
        ObservableValue<Availability> saving = Bindings.createObjectBinding(() -> form.savingProperty().get()
                ? Availability.refused("Saving…") : changing.getValue(), form.savingProperty(), changing);
        Node saveHolder = ActionControls.guard(save, "Save the scheduling settings", saving);
        Label formError = error("scheduling-form-error", form.formErrorProperty());
        root = new VBox(8, title, enabled, grid, new HBox(saveHolder), formError);
        root.setAlignment(Pos.TOP_LEFT);
        root.setId("organization-scheduling");
        root.getStyleClass().add("card");
    }

    Node root() {
        return root;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty text) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(8);
        field.textProperty().bindBidirectional(text);
        return field;
    }

    private static Label error(String id, ReadOnlyStringProperty message) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("form-server-error");
        label.setWrapText(true);
        label.textProperty().bind(message);
        label.visibleProperty().bind(Bindings.isNotEmpty(message));
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }
}
