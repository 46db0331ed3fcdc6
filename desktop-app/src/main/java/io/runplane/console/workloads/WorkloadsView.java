package io.runplane.console.workloads;

import io.runplane.api.v1.Pod;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.console.access.ActionControls;
import io.runplane.console.access.WorkloadAction;
import io.runplane.console.app.Icons;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Popup;
import org.controlsfx.control.textfield.CustomTextField;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignO;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/** The workloads screen: toolbar, search, filter chips, the live table and the details pane below it. */
public final class WorkloadsView {

    private static final double ROW_HEIGHT = 34;

    /** What the screen asks its host to do: open forms, show the details of a workload. */
    public interface Actions {
        void newWorkload();

        void copyAndEdit(Workload workload);

        void openUrl(String url);
    }

    private final WorkloadsViewModel viewModel;
    private final Actions actions;
    private final Node details;
    private final VBox root = new VBox();
    private final TableView<WorkloadRow> table = new TableView<>();
    private final Map<WorkloadColumn, TableColumn<WorkloadRow, ?>> columns = new EnumMap<>(WorkloadColumn.class);
    private final SplitPane split = new SplitPane();
    private final ToggleButton detailsToggle = new ToggleButton("Details");
    private final CustomTextField search = new CustomTextField();

    public WorkloadsView(WorkloadsViewModel viewModel, Actions actions, Node details) {
        this.viewModel = viewModel;
        this.actions = actions;
        this.details = details;
        root.getStyleClass().add("workloads-screen");
        root.getChildren().addAll(toolbar(), chips(), body());
        VBox.setVgrow(split, Priority.ALWAYS);
        shortcuts();
    }

    public VBox root() {
        return root;
    }

    public TableView<WorkloadRow> table() {
        return table;
    }

    /** The rows in the order the table shows them. */
    public List<WorkloadRow> shownRows() {
        return List.copyOf(viewModel.visibleRows());
    }

    /** The visible columns in the order the table shows them. */
    public List<WorkloadColumn> shownColumns() {
        return table.getVisibleLeafColumns().stream()
                .map(c -> (WorkloadColumn) c.getUserData())
                .toList();
    }

    // --- toolbar -----------------------------------------------------------------------------------

    private Node toolbar() {
        Button create = button("New workload", MaterialDesignP.PLUS, "new-workload", this::newWorkload);
        create.getStyleClass().add("accent");
        Button stop = button("Stop", MaterialDesignS.STOP_CIRCLE_OUTLINE, "stop-workload", this::confirmStop);
        Button run = button("Run", MaterialDesignP.PLAY_CIRCLE_OUTLINE, "run-workload", viewModel::resumeSelected);
        Button connect = button("Connect", MaterialDesignO.OPEN_IN_NEW, "connect-workload", this::connect);
        Button copy = button("Copy & edit", MaterialDesignC.CONTENT_COPY, "copy-workload", this::copySelected);
        Button delete = button("Delete", MaterialDesignD.DELETE_OUTLINE, "delete-workload", this::confirmDelete);
        delete.getStyleClass().add("danger");

        detailsToggle.setId("toggle-details");
        detailsToggle.setGraphic(Icons.icon(MaterialDesignI.INFORMATION_OUTLINE));
        detailsToggle.setSelected(true);
        detailsToggle.setTooltip(new Tooltip("Show or hide the details of the selected workload"));

        search.setId("workload-search");
        search.setPromptText("Search workloads");
        search.setLeft(Icons.icon(MaterialDesignM.MAGNIFY, "search-icon"));
        search.textProperty().bindBidirectional(viewModel.searchProperty());
        search.setPrefColumnCount(16);

        MenuButton filter = filterBuilder();
        MenuButton columnChooser = columnChooser();
        Button csv = button(null, MaterialDesignF.FILE_DELIMITED_OUTLINE, "download-csv", this::downloadCsv);
        csv.setTooltip(new Tooltip("Download the visible rows and columns as CSV"));

        Label feed = new Label();
        feed.getStyleClass().add("feed-state");
        feed.setId("feed-state");
        feed.textProperty().bind(Bindings.createStringBinding(() -> switch (viewModel.feedStateProperty().get()) {
            case CONNECTING -> "Loading…";
            case LIVE -> "Live";
            case RECONNECTING -> "Reconnecting…";
            case CLOSED -> "Closed";
        }, viewModel.feedStateProperty()));
        FontIcon dot = Icons.icon(MaterialDesignC.CIRCLE_MEDIUM, "feed-dot");
        feed.setGraphic(dot);
        viewModel.feedStateProperty().subscribe(state -> {
            feed.getStyleClass().removeAll("live", "reconnecting");
            if (state == WorkloadsViewModel.FeedState.LIVE) {
                feed.getStyleClass().add("live");
            } else if (state == WorkloadsViewModel.FeedState.RECONNECTING) {
                feed.getStyleClass().add("reconnecting");
            }
        });

        Label count = new Label();
        count.getStyleClass().add("muted");
        count.textProperty().bind(Bindings.createStringBinding(
                () -> viewModel.visibleRows().size() + " of " + viewModel.rows().size() + " workloads",
                viewModel.visibleRows(), viewModel.rows()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, guard(create, WorkloadAction.NEW, "New workload (Ctrl+N)"),
                new Separator(Orientation.VERTICAL),
                guard(stop, WorkloadAction.STOP, "Stop: release the pods (Ctrl+Shift+S)"),
                guard(run, WorkloadAction.RUN, "Run a stopped workload again (Ctrl+R)"),
                guard(connect, WorkloadAction.CONNECT, "Open the workload's tool"),
                guard(copy, WorkloadAction.COPY, "A new workload from this one (Ctrl+D)"),
                guard(delete, WorkloadAction.DELETE, "Delete (Del)"),
                new Separator(Orientation.VERTICAL), detailsToggle, spacer, count, feed, search, filter,
                columnChooser, csv);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("toolbar");
        return bar;
    }

    private Node guard(Button button, WorkloadAction action, String help) {
        return ActionControls.guard(button, help, viewModel.availability(action));
    }

    private Button button(String text, Ikon ikon, String id, Runnable action) {
        Button button = new Button(text, Icons.icon(ikon));
        button.setId(id);
        button.setOnAction(e -> action.run());
        return button;
    }

    private MenuButton columnChooser() {
        MenuButton chooser = new MenuButton(null, Icons.icon(MaterialDesignV.VIEW_COLUMN_OUTLINE));
        chooser.setId("column-chooser");
        chooser.setTooltip(new Tooltip("Choose columns"));
        for (WorkloadColumn column : WorkloadColumn.values()) {
            CheckMenuItem item = new CheckMenuItem(column.title());
            item.setId("column-" + column.name());
            item.setSelected(viewModel.visibleColumns().contains(column));
            item.setDisable(column == WorkloadColumn.NAME);
            item.selectedProperty().addListener((obs, old, on) -> viewModel.setColumnVisible(column, on));
            viewModel.visibleColumns().addListener((SetChangeListener<WorkloadColumn>) c ->
                    item.setSelected(viewModel.visibleColumns().contains(column)));
            chooser.getItems().add(item);
        }
        return chooser;
    }

    private MenuButton filterBuilder() {
        MenuButton button = new MenuButton("Filter", Icons.icon(MaterialDesignF.FILTER_VARIANT));
        button.setId("add-filter");
        ComboBox<WorkloadColumn> column = new ComboBox<>();
        column.getItems().setAll(WorkloadColumn.values());
        column.setValue(WorkloadColumn.STATUS);
        column.setId("filter-column");
        ComboBox<FilterOperator> operator = new ComboBox<>();
        operator.getItems().setAll(FilterOperator.values());
        operator.setValue(FilterOperator.EQUALS);
        operator.setId("filter-operator");
        TextField value = new TextField();
        value.setPromptText("value");
        value.setId("filter-value");
        value.setPrefColumnCount(10);
        Button apply = new Button("Add");
        apply.setId("filter-apply");
        apply.getStyleClass().add("accent");
        apply.disableProperty().bind(value.textProperty().isEmpty());
        Runnable add = () -> {
            if (!value.getText().isBlank()) {
                viewModel.addFilter(new FilterCondition(column.getValue(), operator.getValue(), value.getText()));
                value.clear();
                button.hide();
            }
        };
        apply.setOnAction(e -> add.run());
        value.setOnAction(e -> add.run());
        HBox form = new HBox(6, column, operator, value, apply);
        form.setAlignment(Pos.CENTER_LEFT);
        form.setPadding(new Insets(6));
        CustomMenuItem item = new CustomMenuItem(form, false);
        button.getItems().add(item);
        button.setOnShown(e -> value.requestFocus());
        return button;
    }

    private Node chips() {
        FlowPane chips = new FlowPane(6, 6);
        chips.getStyleClass().add("filter-chips");
        chips.setId("filter-chips");
        Runnable render = () -> {
            chips.getChildren().setAll(viewModel.filters().stream().map(this::chip).toList());
            boolean any = !viewModel.filters().isEmpty();
            chips.setVisible(any);
            chips.setManaged(any);
            if (any) {
                Button clear = new Button("Clear all");
                clear.getStyleClass().addAll("flat", "link");
                clear.setOnAction(e -> viewModel.filters().clear());
                chips.getChildren().add(clear);
            }
        };
        viewModel.filters().addListener((javafx.collections.ListChangeListener<FilterCondition>) c -> render.run());
        render.run();
        return chips;
    }

    private Node chip(FilterCondition condition) {
        Label text = new Label(condition.label());
        Button remove = new Button(null, Icons.icon(MaterialDesignC.CLOSE));
        remove.getStyleClass().addAll("flat", "chip-remove");
        remove.setOnAction(e -> viewModel.removeFilter(condition));
        HBox chip = new HBox(4, text, remove);
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.getStyleClass().add("chip");
        return chip;
    }

    // --- table -------------------------------------------------------------------------------------

    private Node body() {
        table.setId("workloads-table");
        table.getStyleClass().add("workloads-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        // the rows' -fx-cell-size in console.css: a fixed size spares the table measuring cells on every scroll and sort
        table.setFixedCellSize(ROW_HEIGHT);
        table.setPlaceholder(placeholder());
        for (WorkloadColumn column : WorkloadColumn.values()) {
            TableColumn<WorkloadRow, ?> tableColumn = column(column);
            columns.put(column, tableColumn);
            table.getColumns().add(tableColumn);
        }
        table.setSortPolicy(t -> {
            viewModel.sortBy(rowOrder());
            return true;
        });
        table.setItems(viewModel.visibleRows());
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> viewModel.selectedProperty().set(row));
        viewModel.selectedProperty().addListener((obs, old, row) -> {
            if (row != table.getSelectionModel().getSelectedItem()) {
                if (row == null) {
                    table.getSelectionModel().clearSelection();
                } else {
                    table.getSelectionModel().select(row);
                }
            }
        });
        table.setRowFactory(t -> {
            TableRow<WorkloadRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    detailsToggle.setSelected(true);
                }
            });
            return row;
        });
        table.setContextMenu(contextMenu());
        sortByNewest();

        split.setOrientation(Orientation.VERTICAL);
        split.getItems().add(table);
        details.getStyleClass().add("details-pane");
        Runnable showDetails = () -> {
            boolean show = detailsToggle.isSelected();
            if (show && !split.getItems().contains(details)) {
                split.getItems().add(details);
                split.setDividerPositions(0.42);
            } else if (!show) {
                split.getItems().remove(details);
            }
        };
        detailsToggle.selectedProperty().addListener((obs, old, on) -> showDetails.run());
        showDetails.run();
        return split;
    }

    private void sortByNewest() {
        TableColumn<WorkloadRow, ?> created = columns.get(WorkloadColumn.CREATED);
        created.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().setAll(List.of(created));
    }

    /** The table's sort order over the rows' cached sort keys (null: unsorted). */
    private RowOrder rowOrder() {
        if (table.getComparator() == null || table.getSortOrder().isEmpty()) {
            return null;
        }
        List<RowOrder.Key> keys = new ArrayList<>();
        for (TableColumn<WorkloadRow, ?> tableColumn : table.getSortOrder()) {
            keys.add(new RowOrder.Key((WorkloadColumn) tableColumn.getUserData(),
                    tableColumn.getSortType() == TableColumn.SortType.DESCENDING));
        }
        return RowOrder.of(keys);
    }

    private TableColumn<WorkloadRow, ?> column(WorkloadColumn column) {
        TableColumn<WorkloadRow, Workload> tableColumn = new TableColumn<>(column.title());
        tableColumn.setUserData(column);
        tableColumn.setId("col-" + column.name());
        tableColumn.setCellValueFactory(data -> data.getValue().workloadProperty());
        double base = switch (column) {
            case NAME -> 190;
            case STATUS -> 130;
            case CREATED, COMPLETED -> 170;
            case IMAGE -> 220;
            default -> 90;
        };
        tableColumn.setPrefWidth(Math.max(base, column.title().length() * 7.4 + 36));
        tableColumn.setCellFactory(c -> switch (column) {
            case STATUS -> new StatusCell();
            case PODS -> new LinkCell(column, this::showPods);
            case CONNECTIONS -> new LinkCell(column, this::showConnections);
            default -> new TextCell(column);
        });
        tableColumn.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> viewModel.visibleColumns().contains(column), viewModel.visibleColumns()));
        return tableColumn;
    }

    private Node placeholder() {
        Label title = new Label("No workloads yet");
        title.getStyleClass().add("placeholder-title");
        Label hint = new Label("Submit one with New workload, or clear the search and filters.");
        hint.getStyleClass().add("muted");
        VBox box = new VBox(6, Icons.icon(MaterialDesignC.CUBE_OUTLINE, "placeholder-icon"), title, hint);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private ContextMenu contextMenu() {
        MenuItem stop = menuItem("Stop", MaterialDesignS.STOP_CIRCLE_OUTLINE, this::confirmStop);
        ActionControls.guard(stop, viewModel.availability(WorkloadAction.STOP));
        MenuItem run = menuItem("Run", MaterialDesignP.PLAY_CIRCLE_OUTLINE, viewModel::resumeSelected);
        ActionControls.guard(run, viewModel.availability(WorkloadAction.RUN));
        MenuItem connect = menuItem("Connect", MaterialDesignO.OPEN_IN_NEW, this::connect);
        ActionControls.guard(connect, viewModel.availability(WorkloadAction.CONNECT));
        MenuItem copy = menuItem("Copy & edit", MaterialDesignC.CONTENT_COPY, this::copySelected);
        ActionControls.guard(copy, viewModel.availability(WorkloadAction.COPY));
        MenuItem pods = menuItem("Show pods", MaterialDesignH.HEXAGON_MULTIPLE_OUTLINE, this::showPods);
        ActionControls.guard(pods, viewModel.availability(WorkloadAction.DETAILS));
        MenuItem connections = menuItem("Show connections", MaterialDesignL.LINK_VARIANT, this::showConnections);
        ActionControls.guard(connections, viewModel.availability(WorkloadAction.DETAILS));
        MenuItem show = menuItem("Show details", MaterialDesignI.INFORMATION_OUTLINE, () -> detailsToggle.setSelected(true));
        ActionControls.guard(show, viewModel.availability(WorkloadAction.DETAILS));
        MenuItem delete = menuItem("Delete", MaterialDesignD.DELETE_OUTLINE, this::confirmDelete);
        ActionControls.guard(delete, viewModel.availability(WorkloadAction.DELETE));
        return new ContextMenu(stop, run, connect, copy, new SeparatorMenuItem(), pods, connections, show, new SeparatorMenuItem(), delete);
    }

    private MenuItem menuItem(String text, Ikon ikon, Runnable action) {
        MenuItem item = new MenuItem(text, Icons.icon(ikon));
        item.setOnAction(e -> action.run());
        return item;
    }

    private void shortcuts() {
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                return;
            }
            var accelerators = scene.getAccelerators();
            accelerators.put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::newWorkload);
            accelerators.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), search::requestFocus);
            accelerators.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), viewModel::resumeSelected);
            accelerators.put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                    this::confirmStop);
            accelerators.put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN), this::copySelected);
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) {
                confirmDelete();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                detailsToggle.setSelected(true);
                e.consume();
            }
        });
    }

    // --- actions -----------------------------------------------------------------------------------

    private void confirmStop() {
        Workload w = viewModel.selectedWorkloadProperty().get();
        if (w != null && viewModel.canStopProperty().get()) {
            viewModel.stopSelected();
        }
    }

    private void confirmDelete() {
        Workload w = viewModel.selectedWorkloadProperty().get();
        if (w == null || !viewModel.canDeleteProperty().get()) {
            return;
        }
        Dialog<ButtonType> confirm = new Dialog<>();
        confirm.initOwner(root.getScene().getWindow());
        confirm.setTitle("Delete workload");
        confirm.setHeaderText("Delete " + w.getSpec().getName() + "?");
        Label text = new Label("Its pods are killed and it is removed from project " + w.getSpec().getProject()
                + ". This cannot be undone.");
        text.setWrapText(true);
        text.setMaxWidth(380);
        confirm.getDialogPane().setContent(text);
        ButtonType delete = new ButtonType("Delete", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        confirm.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, delete);
        confirm.getDialogPane().lookupButton(delete).setId("confirm-delete");
        confirm.getDialogPane().lookupButton(delete).getStyleClass().add("danger");
        confirm.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        confirm.setOnHidden(e -> {
            if (confirm.getResult() == delete) {
                viewModel.deleteSelected();
            }
        });
        confirm.show();
    }

    private void connect() {
        String url = viewModel.connectionUrl();
        if (url != null) {
            actions.openUrl(url);
        }
    }

    private void newWorkload() {
        if (viewModel.canCreateProperty().get()) {
            actions.newWorkload();
        }
    }

    private void copySelected() {
        Workload w = viewModel.selectedWorkloadProperty().get();
        if (w != null && viewModel.canCopyProperty().get()) {
            actions.copyAndEdit(w);
        }
    }

    private void downloadCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Download workloads as CSV");
        chooser.setInitialFileName("workloads.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        java.io.File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            exportCsv(file.toPath());
        }
    }

    /** Exports what the table shows now (its rows in order, its visible columns in order). */
    public void exportCsv(Path target) {
        viewModel.exportCsv(shownColumns(), shownRows(), target);
    }

    void showPods() {
        Workload w = viewModel.selectedWorkloadProperty().get();
        if (w == null) {
            return;
        }
        TableView<Pod> pods = new TableView<>();
        pods.setId("pods-table");
        pods.getItems().setAll(w.getPodsList());
        pods.getColumns().add(podColumn("Pod", Pod::getName, 220));
        pods.getColumns().add(podColumn("Status", Pod::getPhase, 110));
        pods.getColumns().add(podColumn("Node", Pod::getNode, 130));
        pods.getColumns().add(podColumn("Node pool", Pod::getNodePool, 110));
        pods.getColumns().add(podColumn("Image", Pod::getImage, 200));
        pods.getColumns().add(podColumn("GPU allocation", p -> p.getGpuIndicesCount() == 0 ? "—"
                : p.getGpuIndicesList() + (p.getGpuFraction() > 0 && p.getGpuFraction() < 1
                ? " × " + WorkloadText.gpus(p.getGpuFraction()) : ""), 130));
        pods.setPlaceholder(new Label("No pods yet"));
        pods.setPrefSize(920, 260);
        popup("Pods of " + w.getSpec().getName(), pods);
    }

    void showConnections() {
        Workload w = viewModel.selectedWorkloadProperty().get();
        if (w == null) {
            return;
        }
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setId("connections-list");
        grid.setHgap(12);
        grid.setVgap(8);
        int row = 0;
        for (io.runplane.api.v1.Connection connection : w.getConnectionsList()) {
            Label name = new Label(connection.getName());
            name.getStyleClass().add("pool-name");
            Label kind = new Label(connection.getKind());
            kind.getStyleClass().add("muted");
            Label url = new Label(connection.getUrl().isBlank() ? "—" : connection.getUrl());
            Button copy = new Button("Copy", Icons.icon(MaterialDesignC.CONTENT_COPY));
            copy.setId("connection-copy-" + row);
            copy.setDisable(connection.getUrl().isBlank());
            copy.setOnAction(e -> {
                javafx.scene.input.ClipboardContent text = new javafx.scene.input.ClipboardContent();
                text.putString(connection.getUrl());
                javafx.scene.input.Clipboard.getSystemClipboard().setContent(text);
            });
            Button open = new Button("Connect", Icons.icon(MaterialDesignO.OPEN_IN_NEW));
            open.setId("connection-connect-" + row);
            open.setDisable(connection.getUrl().isBlank() || w.getStatus() != WorkloadStatus.WORKLOAD_STATUS_RUNNING);
            open.setOnAction(e -> actions.openUrl(connection.getUrl()));
            grid.addRow(row++, name, kind, url, copy, open);
        }
        if (row == 0) {
            grid.add(new Label("This workload exposes no tools or endpoints."), 0, 0);
        }
        popup("Connections of " + w.getSpec().getName(), grid);
    }

    private void popup(String titleText, Node body) {
        Label title = new Label(titleText);
        title.getStyleClass().add("popup-title");
        Button close = new Button(null, Icons.icon(MaterialDesignC.CLOSE));
        close.getStyleClass().add("flat");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, close);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox content = new VBox(8, header, body);
        content.getStyleClass().add("popup-card");
        content.getStylesheets().setAll(root.getScene().getStylesheets());
        Popup popup = new Popup();
        popup.setAutoHide(true);
        popup.getContent().add(content);
        close.setOnAction(e -> popup.hide());
        var bounds = table.localToScreen(table.getBoundsInLocal());
        popup.show(root.getScene().getWindow(), bounds.getMinX() + 40, bounds.getMinY() + 40);
    }

    private static TableColumn<Pod, String> podColumn(String title, java.util.function.Function<Pod, String> value, double width) {
        TableColumn<Pod, String> column = new TableColumn<>(title);
        column.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    // --- cells -------------------------------------------------------------------------------------

    private static final class TextCell extends TableCell<WorkloadRow, Workload> {
        private final WorkloadColumn column;

        TextCell(WorkloadColumn column) {
            this.column = column;
            if (column.kind() == WorkloadColumn.Kind.NUMBER) {
                getStyleClass().add("numeric");
            }
        }

        @Override
        protected void updateItem(Workload item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : cellText(this, column, item));
        }
    }

    /** The cell's text, as cached in its row when the row still holds {@code item}. */
    private static String cellText(TableCell<WorkloadRow, Workload> cell, WorkloadColumn column, Workload item) {
        WorkloadRow row = cell.getTableRow() == null ? null : cell.getTableRow().getItem();
        return row != null && row.workload() == item ? row.text(column) : column.text(item);
    }

    private static final class LinkCell extends TableCell<WorkloadRow, Workload> {
        private final WorkloadColumn column;
        private final javafx.scene.control.Hyperlink link = new javafx.scene.control.Hyperlink();

        LinkCell(WorkloadColumn column, Runnable open) {
            this.column = column;
            link.setOnAction(e -> {
                getTableView().getSelectionModel().select(getIndex());
                open.run();
            });
            getStyleClass().add("numeric");
        }

        @Override
        protected void updateItem(Workload item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
            } else {
                link.setText(cellText(this, column, item));
                setGraphic(link);
            }
        }
    }
}
