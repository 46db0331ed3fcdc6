package io.runplane.console.organization;

import io.runplane.access.Action;
import io.runplane.access.Entity;
import io.runplane.api.v1.Department;
import io.runplane.api.v1.Node;
import io.runplane.api.v1.NodePool;
import io.runplane.api.v1.Project;
import io.runplane.console.access.Availability;
import io.runplane.console.access.ScreenAccess;
import io.runplane.console.access.Scope;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.client.RunplaneClient;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The organization as the caller may see it: departments with their projects, node pools with their
 * nodes. Changes go through {@link UnitForm}, each offered only where the caller's permissions allow it.
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
    private final ScreenAccess access;
    private final SchedulingSettingsForm scheduling;

    public OrganizationViewModel(RunplaneClient client, Background background, Notifications notifications, ScreenAccess access) {
        this.client = client;
        this.background = background;
        this.notifications = notifications;
        this.access = access;
        this.scheduling = new SchedulingSettingsForm(client, background, notifications, access::failed);
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

    /** Whether the scheduling settings may be changed now: the agent asks for the right to edit node pools on the cluster. */
    public ObjectBinding<Availability> changingScheduling() {
        return access.availability(p -> p.check("changing the scheduling settings", Action.EDIT, Entity.NODE_POOLS, Scope.CLUSTER));
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
        UnitForm form = new UnitForm(client, background, notifications, kind, poolNames(), null, access::failed);
        form.departmentProperty().set(department == null ? "" : department);
        if (kind == UnitKind.PROJECT) {
            form.nodePoolsProperty().set(String.join(", ", poolNames()));
        }
        return form;
    }

    /** A form holding the unit's current fields, or empty when it is gone. */
    public Optional<UnitForm> edit(Unit unit) {
        Optional<?> existing = unit.kind() == UnitKind.PROJECT ? project(unit.name()) : department(unit.name());
        return existing.map(u -> new UnitForm(client, background, notifications, unit.kind(), poolNames(), u, access::failed));
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

    private void refused(String title, Throwable error) {
        access.failed(error);
        notifications.error(title, error);
    }

    /** Whether a new {@code kind} may be created now; a project in {@code department} (empty: in some department). */
    public ObjectBinding<Availability> creating(UnitKind kind, ObservableValue<String> department) {
        if (kind == UnitKind.DEPARTMENT) {
            return access.availability(p -> p.check("creating departments", Action.CREATE, Entity.DEPARTMENTS, Scope.CLUSTER));
        }
        return access.availability(p -> {
            String in = department.getValue();
            if (in == null || in.isEmpty()) {
                boolean somewhere = p.can(Action.CREATE, Entity.PROJECTS, Scope.CLUSTER)
                        || departments.stream().anyMatch(d -> p.can(Action.CREATE, Entity.PROJECTS, Scope.department(d.getName())));
                return somewhere ? Availability.ALLOWED
                        : Availability.refused(p.refusal("creating projects", Action.CREATE, Entity.PROJECTS, Scope.CLUSTER));
            }
            return p.check("creating projects", Action.CREATE, Entity.PROJECTS, Scope.department(in));
        }, department, departments);
    }

    /** Whether {@code unit} may be edited ({@link Action#EDIT}) or deleted ({@link Action#DELETE}) now. */
    public ObjectBinding<Availability> changing(Action action, Unit unit) {
        boolean project = unit.kind() == UnitKind.PROJECT;
        String doing = (action == Action.DELETE ? "deleting " : "editing ") + unit.kind().label() + "s";
        return access.availability(p -> p.check(doing, action, project ? Entity.PROJECTS : Entity.DEPARTMENTS,
                project ? Scope.project(unit.name()) : Scope.department(unit.name())));
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

    /** The server's last permission refusal, until the caller's permissions are known again. */
    public ReadOnlyStringProperty refusalProperty() {
        return access.refusalProperty();
    }

    @Override
    public void close() {
        // nothing runs in the background between refreshes
    }
}
