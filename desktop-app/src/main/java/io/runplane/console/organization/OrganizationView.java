package io.runplane.console.organization;

import io.runplane.access.Action;
import io.runplane.api.v1.Department;
import io.runplane.api.v1.NodePool;
import io.runplane.api.v1.PoolQuota;
import io.runplane.api.v1.Project;
import io.runplane.console.access.ActionControls;
import io.runplane.console.app.Icons;
import io.runplane.console.workloads.WorkloadText;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/**
 * The organization screen: the department tree with its projects on the left, the selected unit's
 * quotas, over-quota priority, pool order and rules on the right, and the node pools with their nodes.
 */
public final class OrganizationView {

    private final OrganizationViewModel viewModel;
    private final SplitPane root = new SplitPane();
    private final TreeView<OrganizationViewModel.Unit> tree = new TreeView<>(new TreeItem<>());
    private final VBox details = new VBox(10);
    /** The department a new project goes to: the selected one, or the selected project's. */
    private final StringProperty selectedDepartment = new SimpleStringProperty("");

    public OrganizationView(OrganizationViewModel viewModel) {
        this.viewModel = viewModel;
        root.setId("organization");
        root.getStyleClass().add("organization");
        tree.setId("organization-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new javafx.scene.control.TreeCell<>() {
            @Override
            protected void updateItem(OrganizationViewModel.Unit unit, boolean empty) {
                super.updateItem(unit, empty);
                setText(empty || unit == null ? null : unit.name());
                setGraphic(empty || unit == null ? null : Icons.icon(unit.kind() == UnitKind.DEPARTMENT
                        ? MaterialDesignD.DOMAIN : MaterialDesignF.FOLDER_OUTLINE));
            }
        });
        viewModel.departments().addListener((ListChangeListener<Department>) c -> rebuildTree());
        viewModel.projects().addListener((ListChangeListener<Project>) c -> rebuildTree());
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            selectedDepartment.set(departmentOfSelection());
            showDetails();
        });

        Label status = new Label();
        status.setId("organization-status");
        status.getStyleClass().add("pane-status");
        status.setWrapText(true);
        status.textProperty().bind(viewModel.statusProperty());
        status.visibleProperty().bind(viewModel.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        VBox left = new VBox(8, treeToolbar(), refusal(), status, tree);
        VBox.setVgrow(tree, Priority.ALWAYS);
        left.setPadding(new Insets(12));
        left.setMinWidth(260);

        details.setId("organization-details");
        details.getStyleClass().add("card");
        VBox right = new VBox(12, details, pools(), new SchedulingSettingsPane(viewModel.scheduling(), viewModel.changingScheduling()).root());
        right.setPadding(new Insets(12));
        root.getItems().setAll(left, right);
        root.setDividerPositions(0.2);
        showDetails();
    }

    public Parent root() {
        return root;
    }

    private Node treeToolbar() {
        Button newDepartment = button("Department", MaterialDesignP.PLUS, "org-new-department");
        newDepartment.setOnAction(e -> open(viewModel.newUnit(UnitKind.DEPARTMENT, "")));
        Button newProject = button("Project", MaterialDesignP.PLUS, "org-new-project");
        newProject.setOnAction(e -> open(viewModel.newUnit(UnitKind.PROJECT, departmentOfSelection())));
        Button refresh = button("", MaterialDesignR.REFRESH, "org-refresh");
        refresh.setOnAction(e -> viewModel.refresh());
        for (Button b : List.of(newDepartment, newProject, refresh)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        refresh.setTooltip(new Tooltip("Load the organization again"));
        Label title = new Label("DEPARTMENTS & PROJECTS");
        title.getStyleClass().add("card-title");
        HBox bar = new HBox(6,
                ActionControls.guard(newDepartment, "New department", viewModel.creating(UnitKind.DEPARTMENT, new SimpleStringProperty(""))),
                ActionControls.guard(newProject, "New project in the selected department",
                        viewModel.creating(UnitKind.PROJECT, selectedDepartment)),
                refresh);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return new VBox(8, title, bar);
    }

    private Node refusal() {
        Label label = new Label();
        label.setId("organization-denied");
        label.getStyleClass().add("form-server-error");
        label.setWrapText(true);
        label.textProperty().bind(viewModel.refusalProperty().map(m -> "Refused: " + m));
        label.visibleProperty().bind(viewModel.refusalProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private void rebuildTree() {
        Optional<OrganizationViewModel.Unit> keep = selected();
        TreeItem<OrganizationViewModel.Unit> top = new TreeItem<>();
        TreeItem<OrganizationViewModel.Unit> reselect = null;
        for (Department d : viewModel.departments()) {
            TreeItem<OrganizationViewModel.Unit> item = new TreeItem<>(new OrganizationViewModel.Unit(UnitKind.DEPARTMENT, d.getName()));
            item.setExpanded(true);
            for (Project p : viewModel.projectsOf(d.getName())) {
                item.getChildren().add(new TreeItem<>(new OrganizationViewModel.Unit(UnitKind.PROJECT, p.getName())));
            }
            top.getChildren().add(item);
        }
        // Projects whose department the caller may not view still appear, at the top level.
        for (Project p : viewModel.projects()) {
            if (viewModel.department(p.getDepartment()).isEmpty()) {
                top.getChildren().add(new TreeItem<>(new OrganizationViewModel.Unit(UnitKind.PROJECT, p.getName())));
            }
        }
        tree.setRoot(top);
        for (TreeItem<OrganizationViewModel.Unit> d : top.getChildren()) {
            for (TreeItem<OrganizationViewModel.Unit> item : concat(d)) {
                if (keep.isPresent() && keep.get().equals(item.getValue())) {
                    reselect = item;
                }
            }
        }
        if (reselect != null) {
            tree.getSelectionModel().select(reselect);
        } else if (!top.getChildren().isEmpty()) {
            tree.getSelectionModel().select(top.getChildren().getFirst());
        }
        showDetails();
    }

    private static List<TreeItem<OrganizationViewModel.Unit>> concat(TreeItem<OrganizationViewModel.Unit> item) {
        java.util.ArrayList<TreeItem<OrganizationViewModel.Unit>> all = new java.util.ArrayList<>();
        all.add(item);
        all.addAll(item.getChildren());
        return all;
    }

    private String departmentOfSelection() {
        return selected().map(u -> u.kind() == UnitKind.DEPARTMENT ? u.name()
                : viewModel.project(u.name()).map(Project::getDepartment).orElse("")).orElse("");
    }

    private Optional<OrganizationViewModel.Unit> selected() {
        return Optional.ofNullable(tree.getSelectionModel().getSelectedItem()).map(TreeItem::getValue);
    }

    private void showDetails() {
        Optional<OrganizationViewModel.Unit> unit = selected();
        if (unit.isEmpty()) {
            Label empty = new Label("Select a department or project");
            empty.getStyleClass().add("placeholder-title");
            details.getChildren().setAll(empty);
            return;
        }
        OrganizationViewModel.Unit u = unit.get();
        Label title = new Label((u.kind() == UnitKind.DEPARTMENT ? "Department " : "Project ") + u.name());
        title.setId("organization-details-title");
        title.getStyleClass().add("details-title");
        Button edit = button("Edit", MaterialDesignP.PENCIL_OUTLINE, "org-edit");
        edit.setOnAction(e -> viewModel.edit(u).ifPresent(this::open));
        Button delete = button("Delete", MaterialDesignD.DELETE_OUTLINE, "org-delete");
        delete.getStyleClass().add("danger");
        delete.setOnAction(e -> confirmDelete(u));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, title, spacer,
                ActionControls.guard(edit, "Edit this " + u.kind().label(), viewModel.changing(Action.EDIT, u)),
                ActionControls.guard(delete, "Delete this " + u.kind().label(), viewModel.changing(Action.DELETE, u)));
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        GridPane facts = new GridPane();
        facts.setHgap(16);
        facts.setVgap(6);
        List<PoolQuota> quotas;
        int row = 0;
        if (u.kind() == UnitKind.PROJECT) {
            Optional<Project> found = viewModel.project(u.name());
            if (found.isEmpty()) {
                return;
            }
            Project p = found.get();
            fact(facts, row++, "Department", p.getDepartment());
            fact(facts, row++, "Namespace", p.getNamespace());
            fact(facts, row++, "Over-quota priority", OrganizationText.priority(p.getOverQuota()));
            fact(facts, row++, "Node-pool order", p.getNodePoolsCount() == 0 ? "any" : String.join(" → ", p.getNodePoolsList()));
            fact(facts, row++, "Node type", p.getNodeType().isEmpty() ? "any" : p.getNodeType());
            fact(facts, row++, "Scheduling rules", OrganizationText.rules(p.getRules()));
            fact(facts, row, "Allocated GPUs", WorkloadText.gpus(p.getAllocated().getGpu()));
            quotas = p.getQuotasList();
        } else {
            Optional<Department> found = viewModel.department(u.name());
            if (found.isEmpty()) {
                return;
            }
            Department d = found.get();
            fact(facts, row++, "Projects", String.join(", ", viewModel.projectsOf(d.getName()).stream().map(Project::getName).toList()));
            fact(facts, row++, "Over-quota priority", OrganizationText.priority(d.getOverQuota()));
            fact(facts, row++, "Scheduling rules", OrganizationText.rules(d.getRules()));
            fact(facts, row, "Allocated GPUs", WorkloadText.gpus(d.getAllocated().getGpu()));
            quotas = d.getQuotasList();
        }
        TableView<PoolQuota> quotaTable = new TableView<>(javafx.collections.FXCollections.observableArrayList(quotas));
        quotaTable.setId("organization-quotas");
        quotaTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        quotaTable.getColumns().setAll(List.of(column("Node pool", PoolQuota::getNodePool),
                column("GPU quota", OrganizationText::gpus), column("CPU quota", OrganizationText::cpu),
                column("Memory quota", OrganizationText::memory)));
        quotaTable.setFixedCellSize(30);
        quotaTable.setPrefHeight(40 + 30 * Math.max(quotas.size(), 1));
        quotaTable.setMinHeight(Region.USE_PREF_SIZE);
        Label quotaTitle = new Label("QUOTA PER NODE POOL");
        quotaTitle.getStyleClass().add("card-title");
        details.getChildren().setAll(head, facts, quotaTitle, quotaTable);
    }

    private static void fact(GridPane grid, int row, String name, String value) {
        Label label = new Label(name);
        label.getStyleClass().add("muted");
        Label text = new Label(value);
        text.setWrapText(true);
        grid.addRow(row, label, text);
    }

    private Node pools() {
        TableView<NodePool> pools = new TableView<>(viewModel.pools());
        pools.setId("organization-pools");
        pools.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        pools.setPlaceholder(new Label("No node pools"));
        pools.getColumns().setAll(List.of(column("Node pool", NodePool::getName),
                column("Label", p -> p.getLabelKey().isEmpty() ? "(unlabelled nodes)" : p.getLabelKey() + "=" + p.getLabelValue()),
                column("GPU placement", NodePool::getGpuPlacement), column("CPU placement", NodePool::getCpuPlacement),
                column("GPUs allocated", p -> WorkloadText.gpus(p.getAllocatedGpus()) + " / " + p.getTotalGpus())));
        TableView<io.runplane.api.v1.Node> nodes = new TableView<>(viewModel.nodes());
        nodes.setId("organization-nodes");
        nodes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        nodes.setPlaceholder(new Label("No nodes"));
        nodes.getColumns().setAll(List.of(column("Node", io.runplane.api.v1.Node::getName),
                column("Pool", io.runplane.api.v1.Node::getNodePool), column("GPU model", io.runplane.api.v1.Node::getGpuModel),
                column("GPUs allocated / total", n -> WorkloadText.gpus(n.getAllocatedGpus()) + " / " + n.getGpus()),
                column("State", n -> !n.getReady() ? "Not ready" : n.getUnschedulable() ? "Cordoned" : "Ready")));
        pools.getSelectionModel().selectedItemProperty().addListener((obs, old, pool) ->
                nodes.setItems(pool == null ? viewModel.nodes() : viewModel.nodes().filtered(n -> n.getNodePool().equals(pool.getName()))));
        Label poolsTitle = new Label("NODE POOLS");
        poolsTitle.getStyleClass().add("card-title");
        Label nodesTitle = new Label("NODES (select a pool to filter)");
        nodesTitle.getStyleClass().add("card-title");
        pools.setFixedCellSize(30);
        pools.prefHeightProperty().bind(javafx.beans.binding.Bindings.size(viewModel.pools()).multiply(30).add(40));
        pools.setMinHeight(Region.USE_PREF_SIZE);
        VBox.setVgrow(nodes, Priority.ALWAYS);
        VBox box = new VBox(6, poolsTitle, pools, nodesTitle, nodes);
        VBox.setVgrow(box, Priority.ALWAYS);
        box.getStyleClass().add("card");
        return box;
    }

    private void confirmDelete(OrganizationViewModel.Unit unit) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete " + unit.kind().label() + " " + unit.name() + "?",
                ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(root.getScene().getWindow());
        confirm.setHeaderText(null);
        confirm.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        ((Button) confirm.getDialogPane().lookupButton(ButtonType.OK)).setId("org-delete-confirm");
        confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> viewModel.delete(unit));
    }

    private void open(UnitForm form) {
        UnitDialog dialog = new UnitDialog(form, root.getScene().getWindow(),
                viewModel.departments().stream().map(Department::getName).toList());
        dialog.dialog().setOnHidden(e -> {
            if (dialog.dialog().getResult() != null) {
                viewModel.refresh();
            }
        });
        dialog.dialog().show();
    }

    private static Button button(String text, org.kordamp.ikonli.Ikon icon, String id) {
        Button button = new Button(text, Icons.icon(icon));
        button.setId(id);
        return button;
    }

    private static <T> TableColumn<T, String> column(String title, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return column;
    }
}
