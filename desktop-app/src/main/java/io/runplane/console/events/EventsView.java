package io.runplane.console.events;

import io.runplane.api.v1.WorkloadEvent;
import io.runplane.console.app.Icons;
import io.runplane.console.workloads.WorkloadText;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.CustomTextField;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/** The event history table: time, type, reason, message, pod; filter by type and text. */
public final class EventsView {

    private final VBox root = new VBox();

    public EventsView(EventsViewModel viewModel) {
        root.getStyleClass().add("events-pane");
        ComboBox<EventsViewModel.TypeFilter> type = new ComboBox<>();
        type.getItems().setAll(EventsViewModel.TypeFilter.values());
        type.valueProperty().bindBidirectional(viewModel.typeProperty());
        type.setId("events-type");
        CustomTextField search = new CustomTextField();
        search.setId("events-search");
        search.setPromptText("Filter events");
        search.setLeft(Icons.icon(MaterialDesignM.MAGNIFY, "search-icon"));
        search.textProperty().bindBidirectional(viewModel.searchProperty());
        Label status = new Label();
        status.getStyleClass().add("muted");
        status.textProperty().bind(viewModel.statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, type, search, spacer, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("pane-toolbar");

        TableView<WorkloadEvent> table = new TableView<>(viewModel.events());
        table.setId("events-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No events"));
        TableColumn<WorkloadEvent, String> time = column("Time", e -> WorkloadText.time(e.getTime()), 160);
        TableColumn<WorkloadEvent, String> kind = column("Type", WorkloadEvent::getType, 90);
        kind.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setGraphic(empty ? null : "Warning".equalsIgnoreCase(item)
                        ? Icons.icon(MaterialDesignA.ALERT, "event-warning")
                        : Icons.icon(MaterialDesignI.INFORMATION_OUTLINE, "event-normal"));
            }
        });
        table.getColumns().add(time);
        table.getColumns().add(kind);
        table.getColumns().add(column("Reason", WorkloadEvent::getReason, 130));
        table.getColumns().add(column("Pod", WorkloadEvent::getPod, 150));
        table.getColumns().add(column("Message", WorkloadEvent::getMessage, 420));
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(bar, table);
    }

    public VBox root() {
        return root;
    }

    private static TableColumn<WorkloadEvent, String> column(String title, Function<WorkloadEvent, String> value, double width) {
        TableColumn<WorkloadEvent, String> column = new TableColumn<>(title);
        column.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
