package io.runplane.console.organization;

import io.runplane.api.v1.Department;
import io.runplane.api.v1.Node;
import io.runplane.api.v1.NodePool;
import io.runplane.api.v1.Project;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.client.RunplaneClient;
import io.runplane.console.client.ServiceException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The organization as the caller may see it: departments with their projects, node pools with their
 * nodes. Changes go through {@link UnitForm}; once the server refuses one for lack of permission,
 * changing is switched off and the server's message is shown.
 */
public final class OrganizationViewModel implements AutoCloseable {

    /** One selected entry of the tree. */
    public record Unit(UnitKind kind, String name) {
    }

    private final RunplaneClient client;
    private final Background background;
    private final Notifications notifications;
    private final ObservableList<Department> departments = FXCollections.observableArrayList();
    private final ObservableList<Department> departmentsView = FXCollections.unmodifiableObservableList(departments);
    private final ObservableList<Project> projects = FXCollections.observableArrayList();
    private final ObservableList<Project> projectsView = FXCollections.unmodifiableObservableList(projects);
    private final ObservableList<NodePool> pools = FXCollections.observableArrayList();
    private final ObservableList<NodePool> poolsView = FXCollections.unmodifiableObservableList(pools);
    private final ObservableList<Node> nodes = FXCollections.observableArrayList();
    private final ObservableList<Node> nodesView = FXCollections.unmodifiableObservableList(nodes);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Loading…");
    private final ReadOnlyBooleanWrapper mayChange = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper denied = new ReadOnlyStringWrapper("");
    private final SchedulingSettingsForm scheduling;

    public OrganizationViewModel(RunplaneClient client, Background background, Notifications notifications) {
        this.client = client;
        this.background = background;
        this.notifications = notifications;
        this.scheduling = new SchedulingSettingsForm(client, background, notifications);
    }

    private record Snapshot(List<Department> departments, List<Project> projects, List<NodePool> pools, List<Node> nodes) {
    }

    public void refresh() {
        background.run(() -> new Snapshot(client.listDepartments(), client.listProjects(), client.listNodePools(), client.listNodes("")),
                snapshot -> {
                    departments.setAll(snapshot.departments().stream().sorted(Comparator.comparing(Department::getName)).toList());
                    projects.setAll(snapshot.projects().stream().sorted(Comparator.comparing(Project::getName)).toList());
                    pools.setAll(snapshot.pools());
                    nodes.setAll(snapshot.nodes().stream().sorted(Comparator.comparing(Node::getNodePool)
                            .thenComparing(Node::getName)).toList());
                    status.set("");
                }, error -> status.set("Organization unavailable: " + Notifications.describe(error)));
        scheduling.load();
    }

    /** The cluster-wide scheduling settings. */
    public SchedulingSettingsForm scheduling() {
        return scheduling;
    }

    public List<Project> projectsOf(String department) {
        return projects.stream().filter(p -> p.getDepartment().equals(department)).toList();
    }

    public Optional<Department> department(String name) {
        return departments.stream().filter(d -> d.getName().equals(name)).findFirst();
    }

    public Optional<Project> project(String name) {
        return projects.stream().filter(p -> p.getName().equals(name)).findFirst();
    }

    /** A form for a new department or project; a new project starts in {@code department}. */
    public UnitForm newUnit(UnitKind kind, String department) {
        UnitForm form = new UnitForm(client, background, notifications, kind, poolNames(), null, this::denied);
        form.departmentProperty().set(department == null ? "" : department);
        if (kind == UnitKind.PROJECT) {
            form.nodePoolsProperty().set(String.join(", ", poolNames()));
        }
        return form;
    }

    /** A form holding the unit's current fields, or empty when it is gone. */
    public Optional<UnitForm> edit(Unit unit) {
        Optional<?> existing = unit.kind() == UnitKind.PROJECT ? project(unit.name()) : department(unit.name());
        return existing.map(u -> new UnitForm(client, background, notifications, unit.kind(), poolNames(), u, this::denied));
    }

    public void delete(Unit unit) {
        background.run(() -> {
            if (unit.kind() == UnitKind.PROJECT) {
                client.deleteProject(unit.name());
            } else {
                client.deleteDepartment(unit.name());
            }
            return unit;
        }, deleted -> {
            notifications.success("Deleted " + unit.kind().label() + " " + unit.name(), "");
            refresh();
        }, error -> refused("Could not delete " + unit.kind().label() + " " + unit.name(), error));
    }

    /** A refused change: a permission refusal switches changing off; every refusal is shown. */
    private void refused(String title, Throwable error) {
        if (error instanceof ServiceException e && "PERMISSION_DENIED".equals(e.code())) {
            denied(e);
        }
        notifications.error(title, error);
    }

    private void denied(ServiceException e) {
        mayChange.set(false);
        denied.set(e.getMessage());
    }

    private List<String> poolNames() {
        return pools.stream().map(NodePool::getName).toList();
    }

    public ObservableList<Department> departments() {
        return departmentsView;
    }

    public ObservableList<Project> projects() {
        return projectsView;
    }

    public ObservableList<NodePool> pools() {
        return poolsView;
    }

    public ObservableList<Node> nodes() {
        return nodesView;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** False once the server refused a change for lack of permission. */
    public ReadOnlyBooleanProperty mayChangeProperty() {
        return mayChange.getReadOnlyProperty();
    }

    /** The server's refusal that switched changing off. */
    public ReadOnlyStringProperty deniedProperty() {
        return denied.getReadOnlyProperty();
    }

    @Override
    public void close() {
        // nothing runs in the background between refreshes
    }
}
