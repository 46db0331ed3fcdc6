package io.runplane.console.accessrules;

import io.runplane.api.v1.AccessRule;
import io.runplane.api.v1.SubjectKind;
import io.runplane.console.access.ActionControls;
import io.runplane.console.app.Icons;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/** The access rules screen: "subject is a role in scope", with add and delete. */
public final class AccessRulesView {

    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final AccessRulesViewModel viewModel;
    private final VBox root = new VBox(10);
    private final TableView<AccessRule> table;

    public AccessRulesView(AccessRulesViewModel viewModel) {
        this.viewModel = viewModel;
        root.setId("access-rules");
        root.setPadding(new Insets(16));
        table = new TableView<>(viewModel.rules());
        table.setId("access-rules-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No access rules you may view"));
        table.getColumns().setAll(List.of(
                column("Subject", r -> r.getSubject().getName(), 200),
                column("Type", r -> AccessRuleText.subjectKind(r.getSubject()), 110),
                column("Role", AccessRule::getRole, 220),
                column("Scope", r -> AccessRuleText.scope(r.getScope()), 200),
                column("Created by", AccessRule::getCreatedBy, 140),
                column("Created", r -> r.hasCreatedAt() ? CREATED.format(Instant.ofEpochSecond(r.getCreatedAt().getSeconds())) : "", 140)));
        VBox.setVgrow(table, Priority.ALWAYS);

        Label title = new Label("Access rules");
        title.getStyleClass().add("details-title");
        Label hint = new Label("A rule reads \"subject is a role in scope\"; a rule on a department covers its projects.");
        hint.getStyleClass().add("muted");
        Button add = new Button("Add rule", Icons.icon(MaterialDesignP.PLUS));
        add.setId("access-add");
        add.getStyleClass().add("accent");
        add.setOnAction(e -> openAddDialog());
        Button delete = new Button("Delete", Icons.icon(MaterialDesignD.DELETE_OUTLINE));
        delete.setId("access-delete");
        delete.getStyleClass().add("danger");
        delete.setOnAction(e -> confirmDelete(table.getSelectionModel().getSelectedItem()));
        Button refresh = new Button("", Icons.icon(MaterialDesignR.REFRESH));
        refresh.setId("access-refresh");
        refresh.setTooltip(new Tooltip("Load the access rules again"));
        refresh.setOnAction(e -> viewModel.refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, new VBox(2, title, hint), spacer,
                ActionControls.guard(add, "Add an access rule", viewModel.adding()),
                ActionControls.guard(delete, "Delete the selected rule", viewModel.deleting(table.getSelectionModel().selectedItemProperty())),
                refresh);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label denied = new Label();
        denied.setId("access-denied");
        denied.getStyleClass().add("form-server-error");
        denied.setWrapText(true);
        denied.textProperty().bind(viewModel.refusalProperty().map(m -> "Refused: " + m));
        denied.visibleProperty().bind(viewModel.refusalProperty().isNotEmpty());
        denied.managedProperty().bind(denied.visibleProperty());
        Label status = new Label();
        status.setId("access-status");
        status.getStyleClass().add("pane-status");
        status.textProperty().bind(viewModel.statusProperty());
        VBox card = new VBox(8, table, status);
        card.getStyleClass().add("card");
        VBox.setVgrow(card, Priority.ALWAYS);
        root.getChildren().setAll(bar, denied, card);
    }

    public Parent root() {
        return root;
    }

    private void confirmDelete(AccessRule rule) {
        if (rule == null) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete the rule \"" + AccessRuleText.describe(rule) + "\"?",
                ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(root.getScene().getWindow());
        confirm.setHeaderText(null);
        confirm.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        ((Button) confirm.getDialogPane().lookupButton(ButtonType.OK)).setId("access-delete-confirm");
        confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> viewModel.delete(rule));
    }

    private void openAddDialog() {
        viewModel.resetForm();
        Dialog<Boolean> dialog = new Dialog<>();
        dialog.initOwner(root.getScene().getWindow());
        dialog.setTitle("Add access rule");
        dialog.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        Label heading = new Label("Add access rule");
        heading.getStyleClass().add("dialog-title");
        Label hint = new Label("Nobody grants more than they hold: the cluster refuses a role you do not have on that scope.");
        hint.getStyleClass().add("muted");
        VBox header = new VBox(2, heading, hint);
        header.getStyleClass().add("dialog-header");
        dialog.getDialogPane().setHeader(header);

        ComboBox<SubjectKind> kind = new ComboBox<>();
        kind.setId("access-subject-kind");
        kind.getItems().setAll(SubjectKind.SUBJECT_KIND_USER, SubjectKind.SUBJECT_KIND_GROUP, SubjectKind.SUBJECT_KIND_APPLICATION);
        kind.setConverter(converter(k -> switch (k) {
            case SUBJECT_KIND_GROUP -> "Group";
            case SUBJECT_KIND_APPLICATION -> "Application";
            default -> "User";
        }));
        kind.valueProperty().bindBidirectional(viewModel.subjectKindProperty());
        TextField name = new TextField();
        name.setId("access-subject-name");
        name.setPromptText("alice, ml-team, ci-bot");
        name.textProperty().bindBidirectional(viewModel.subjectNameProperty());
        HBox subject = new HBox(8, kind, name);
        HBox.setHgrow(name, Priority.ALWAYS);
        ComboBox<String> role = new ComboBox<>();
        role.setId("access-role");
        role.getItems().setAll(viewModel.roles());
        role.valueProperty().bindBidirectional(viewModel.roleProperty());
        role.setMaxWidth(Double.MAX_VALUE);
        ComboBox<AccessRulesViewModel.ScopeChoice> scope = new ComboBox<>(viewModel.scopes());
        scope.setId("access-scope");
        scope.setPromptText("Cluster, department or project");
        scope.setConverter(converter(AccessRulesViewModel.ScopeChoice::label));
        scope.valueProperty().bindBidirectional(viewModel.scopeProperty());
        scope.setMaxWidth(Double.MAX_VALUE);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints(90);
        ColumnConstraints fields = new ColumnConstraints(360, 420, Double.MAX_VALUE);
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields);
        row(grid, 0, "Subject", subject, "access-subject", "subject");
        row(grid, 1, "Role", role, "access-role", "role");
        row(grid, 2, "Scope", scope, "access-scope", "scope");
        Label formError = new Label();
        formError.setId("access-form-error");
        formError.getStyleClass().add("form-server-error");
        formError.setWrapText(true);
        formError.setMaxWidth(520);
        formError.textProperty().bind(viewModel.formErrorProperty());
        formError.visibleProperty().bind(viewModel.formErrorProperty().isNotEmpty());
        formError.managedProperty().bind(formError.visibleProperty());
        dialog.getDialogPane().setContent(new VBox(8, formError, grid));

        ButtonType addType = new ButtonType("Add", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, addType);
        Button addButton = (Button) dialog.getDialogPane().lookupButton(addType);
        addButton.setId("access-add-save");
        addButton.getStyleClass().add("accent");
        addButton.disableProperty().bind(viewModel.busyProperty());
        addButton.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            viewModel.create(() -> {
                dialog.setResult(true);
                dialog.close();
            });
        });
        dialog.setResultConverter(button -> null);
        dialog.show();
    }

    private void row(GridPane grid, int row, String title, Node input, String id, String field) {
        Label label = new Label(title);
        label.getStyleClass().add("form-label");
        ReadOnlyStringProperty error = viewModel.errorProperty(field);
        Label message = new Label();
        message.setId(id + "-error");
        message.getStyleClass().add("field-error");
        message.setWrapText(true);
        message.textProperty().bind(error);
        message.visibleProperty().bind(error.isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        grid.add(label, 0, row);
        grid.add(new VBox(1, input, message), 1, row);
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String string) {
                return null;
            }
        };
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return column;
    }
}
