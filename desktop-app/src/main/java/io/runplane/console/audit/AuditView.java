package io.runplane.console.audit;

import io.runplane.api.v1.AuditEntry;
import io.runplane.console.access.ActionControls;
import io.runplane.console.app.Icons;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/** The audit screen: who changed what, newest first, with filters and "load more". */
public final class AuditView {

    private final VBox root = new VBox(10);

    public AuditView(AuditViewModel viewModel, ZoneId zone) {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        root.setId("audit");
        root.setPadding(new Insets(16));
        Label title = new Label("Audit log");
        title.getStyleClass().add("details-title");
        Label hint = new Label("Every call that may change state, refused ones too, newest first.");
        hint.getStyleClass().add("muted");

        TextField subject = filter("audit-subject", "Subject (alice)", viewModel.subjectProperty(), 150);
        TextField action = filter("audit-action", "Action (runplane.v1.Organization/)", viewModel.actionProperty(), 250);
        TextField target = filter("audit-target", "Target contains", viewModel.targetProperty(), 160);
        ComboBox<String> outcome = new ComboBox<>();
        outcome.setId("audit-outcome");
        outcome.getItems().setAll(AuditViewModel.OUTCOMES);
        outcome.setPromptText("Any outcome");
        outcome.setButtonCell(outcomeCell());
        outcome.setCellFactory(l -> outcomeCell());
        outcome.valueProperty().bindBidirectional(viewModel.outcomeProperty());
        DatePicker from = new DatePicker();
        from.setId("audit-from");
        from.setPromptText("From day");
        from.setPrefWidth(130);
        from.valueProperty().bindBidirectional(viewModel.fromProperty());
        DatePicker to = new DatePicker();
        to.setId("audit-to");
        to.setPromptText("To day");
        to.setPrefWidth(130);
        to.valueProperty().bindBidirectional(viewModel.toProperty());
        Button search = new Button("Search", Icons.icon(MaterialDesignM.MAGNIFY));
        search.setId("audit-search");
        search.getStyleClass().add("accent");
        search.setDefaultButton(true);
        search.setOnAction(e -> viewModel.search());
        HBox filters = new HBox(8, subject, action, target, outcome, from, to,
                ActionControls.guard(search, "Search the audit log (Enter)", viewModel.viewing()));
        filters.setAlignment(Pos.CENTER_LEFT);

        TableView<AuditEntry> table = new TableView<>(viewModel.entries());
        table.setId("audit-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No entries"));
        table.getColumns().setAll(List.of(
                column("Time", e -> time.format(Instant.ofEpochSecond(e.getTime().getSeconds(), e.getTime().getNanos())), 150),
                column("Subject", AuditEntry::getSubject, 140),
                column("Action", e -> e.getAction().replace("runplane.v1.", ""), 230),
                column("Target", AuditEntry::getTarget, 300),
                outcomeColumn(),
                column("Message", AuditEntry::getMessage, 300)));
        VBox.setVgrow(table, Priority.ALWAYS);

        Label status = new Label();
        status.setId("audit-status");
        status.getStyleClass().add("pane-status");
        status.setWrapText(true);
        status.textProperty().bind(viewModel.statusProperty());
        Button more = new Button("Load more", Icons.icon(MaterialDesignC.CHEVRON_DOWN));
        more.setId("audit-more");
        more.visibleProperty().bind(viewModel.moreProperty());
        more.disableProperty().bind(viewModel.loadingProperty());
        more.setOnAction(e -> viewModel.loadMore());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox footer = new HBox(8, status, spacer, more);
        footer.setAlignment(Pos.CENTER_LEFT);
        VBox card = new VBox(8, filters, table, footer);
        card.getStyleClass().add("card");
        VBox.setVgrow(card, Priority.ALWAYS);
        root.getChildren().setAll(new VBox(2, title, hint), card);
    }

    public Parent root() {
        return root;
    }

    private static TextField filter(String id, String prompt, javafx.beans.property.StringProperty property, double width) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefWidth(width);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static javafx.scene.control.ListCell<String> outcomeCell() {
        return new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.isEmpty() ? "Any outcome" : item);
            }
        };
    }

    private static TableColumn<AuditEntry, String> outcomeColumn() {
        TableColumn<AuditEntry, String> column = column("Outcome", AuditEntry::getOutcome, 150);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String outcome, boolean empty) {
                super.updateItem(outcome, empty);
                getStyleClass().removeAll("status-running", "status-failed");
                setText(empty ? null : outcome);
                if (!empty && outcome != null) {
                    getStyleClass().add("OK".equals(outcome) ? "status-running" : "status-failed");
                }
            }
        });
        return column;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return column;
    }
}
