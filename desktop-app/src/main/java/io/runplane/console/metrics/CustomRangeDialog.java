package io.runplane.console.metrics;

import java.time.LocalDate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The "Custom range" dialog: a date and a time for each end; Apply shows the range only when it is valid. */
final class CustomRangeDialog {

    private final Dialog<MetricsViewModel.TimeSpan> dialog = new Dialog<>();
    private final CustomRangeForm form;

    CustomRangeDialog(CustomRangeForm form, Window owner) {
        this.form = form;
        dialog.initOwner(owner);
        dialog.setTitle("Custom range");
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        Label heading = new Label("Custom range");
        heading.getStyleClass().add("dialog-title");
        Label zone = new Label("Times in " + form.zoneName());
        zone.setId("metrics-custom-zone");
        zone.getStyleClass().add("muted");
        VBox header = new VBox(2, heading, zone);
        header.getStyleClass().add("dialog-header");
        dialog.getDialogPane().setHeader(header);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(4);
        grid.addRow(0, label("From"), end("metrics-custom-from", form.fromDateProperty(), form.fromTimeProperty(), CustomRangeForm.FROM));
        grid.addRow(1, label("To"), end("metrics-custom-to", form.toDateProperty(), form.toTimeProperty(), CustomRangeForm.TO));
        dialog.getDialogPane().setContent(grid);

        ButtonType apply = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, apply);
        Button applyButton = (Button) dialog.getDialogPane().lookupButton(apply);
        applyButton.setId("metrics-custom-apply");
        applyButton.getStyleClass().add("accent");
        applyButton.addEventFilter(ActionEvent.ACTION, event -> {
            if (form.validate().isEmpty()) {
                event.consume();
            }
        });
        dialog.setResultConverter(button -> button == apply ? form.validate().orElse(null) : null);
    }

    Dialog<MetricsViewModel.TimeSpan> dialog() {
        return dialog;
    }

    private VBox end(String id, ObjectProperty<LocalDate> date, StringProperty time, String key) {
        DatePicker picker = new DatePicker();
        picker.setId(id + "-date");
        picker.valueProperty().bindBidirectional(date);
        picker.setPrefWidth(150);
        TextField clock = new TextField();
        clock.setId(id + "-time");
        clock.setPromptText("HH:mm:ss");
        clock.setPrefColumnCount(8);
        clock.textProperty().bindBidirectional(time);
        Label error = new Label();
        error.setId(id + "-error");
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.setMaxWidth(360);
        error.setMinHeight(Region.USE_PREF_SIZE);
        error.textProperty().bind(form.errorProperty(key));
        error.visibleProperty().bind(form.errorProperty(key).isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return new VBox(1, new HBox(8, picker, clock), error);
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("form-label");
        label.setMinWidth(Region.USE_PREF_SIZE);
        // level with the fields, not centred on them and the error line below
        GridPane.setValignment(label, VPos.TOP);
        label.setPadding(new Insets(6, 0, 0, 0));
        return label;
    }
}
