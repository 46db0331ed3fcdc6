package io.runplane.console.accessrules;

import io.runplane.access.Action;
import io.runplane.access.Entity;
import io.runplane.access.Role;
import io.runplane.api.v1.AccessRule;
import io.runplane.api.v1.AccessScope;
import io.runplane.api.v1.AccessSubject;
import io.runplane.api.v1.CreateAccessRuleRequest;
import io.runplane.api.v1.Department;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.SubjectKind;
import io.runplane.console.access.Availability;
import io.runplane.console.access.Permissions;
import io.runplane.console.access.ScreenAccess;
import io.runplane.console.access.Scope;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.client.RunplaneClient;
import io.runplane.console.client.ServiceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The access rules the caller may view, and the "add rule" form: subject, role, and a scope picked
 * from the organization tree. Adding and deleting are offered where the caller's permissions allow them.
 */
public final class AccessRulesViewModel implements AutoCloseable {

    /** A scope to pick: the cluster, a department, or a project (indented under its department). */
    public record ScopeChoice(ScopeKind kind, String name, String label) {

        public static final ScopeChoice CLUSTER = new ScopeChoice(ScopeKind.SCOPE_KIND_CLUSTER, "", "Cluster");

        AccessScope toApi() {
            return AccessScope.newBuilder().setKind(kind).setName(name).build();
        }

        Scope scope() {
            return new Scope(kind, name);
        }
    }

    /** The fields of the add-rule form whose errors are shown. */
    public static final List<String> FIELDS = List.of("subject", "role", "scope");

    private final RunplaneClient client;
    private final Background background;
    private final Notifications notifications;
    private final ObservableList<AccessRule> rules = FXCollections.observableArrayList();
    private final ObservableList<AccessRule> rulesView = FXCollections.unmodifiableObservableList(rules);
    private final ObservableList<ScopeChoice> scopes = FXCollections.observableArrayList(ScopeChoice.CLUSTER);
    private final ObservableList<ScopeChoice> scopesView = FXCollections.unmodifiableObservableList(scopes);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Loading…");
    private final ScreenAccess access;
    private final ObjectProperty<SubjectKind> subjectKind = new SimpleObjectProperty<>(SubjectKind.SUBJECT_KIND_USER);
    private final StringProperty subjectName = new SimpleStringProperty("");
    private final StringProperty role = new SimpleStringProperty(Role.L1_RESEARCHER.displayName());
    private final ObjectProperty<ScopeChoice> scope = new SimpleObjectProperty<>();
    private final Map<String, ReadOnlyStringWrapper> errors = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    public AccessRulesViewModel(RunplaneClient client, Background background, Notifications notifications, ScreenAccess access) {
        this.client = client;
        this.background = background;
        this.notifications = notifications;
        this.access = access;
        FIELDS.forEach(f -> errors.put(f, new ReadOnlyStringWrapper("")));
    }

    private record Snapshot(List<AccessRule> rules, List<Department> departments, List<Project> projects) {
    }

    public void refresh() {
        background.run(() -> new Snapshot(client.listAccessRules(), client.listDepartments(), client.listProjects()), snapshot -> {
            rules.setAll(snapshot.rules().stream().sorted(Comparator.comparing((AccessRule r) -> r.getScope().getKindValue())
                    .thenComparing(r -> r.getScope().getName()).thenComparing(r -> r.getSubject().getName())).toList());
            Permissions permissions = access.permissions();
            scopes.setAll(scopeTree(snapshot.departments(), snapshot.projects()).stream()
                    .filter(c -> permissions.can(Action.CREATE, Entity.ACCESS_RULES, c.scope())).toList());
            status.set(rules.isEmpty() ? "No access rules you may view" : rules.size() + " access rules");
        }, error -> status.set("Access rules unavailable: " + Notifications.describe(error)));
    }

    static List<ScopeChoice> scopeTree(List<Department> departments, List<Project> projects) {
        List<ScopeChoice> choices = new ArrayList<>();
        choices.add(ScopeChoice.CLUSTER);
        for (Department d : departments.stream().sorted(Comparator.comparing(Department::getName)).toList()) {
            choices.add(new ScopeChoice(ScopeKind.SCOPE_KIND_DEPARTMENT, d.getName(), "Department " + d.getName()));
            projects.stream().filter(p -> p.getDepartment().equals(d.getName())).sorted(Comparator.comparing(Project::getName))
                    .forEach(p -> choices.add(new ScopeChoice(ScopeKind.SCOPE_KIND_PROJECT, p.getName(), "    Project " + p.getName())));
        }
        return choices;
    }

    /** Clears the add-rule form. */
    public void resetForm() {
        subjectKind.set(SubjectKind.SUBJECT_KIND_USER);
        subjectName.set("");
        role.set(Role.L1_RESEARCHER.displayName());
        scope.set(null);
        clearErrors();
    }

    /** Sends the form; {@code onCreated} runs once the server stored the rule. */
    public void create(Runnable onCreated) {
        clearErrors();
        if (scope.get() == null) {
            errors.get("scope").set("Pick a scope");
            return;
        }
        CreateAccessRuleRequest request = CreateAccessRuleRequest.newBuilder()
                .setSubject(AccessSubject.newBuilder().setKind(subjectKind.get()).setName(subjectName.get().strip()))
                .setRole(role.get() == null ? "" : role.get())
                .setScope(scope.get().toApi())
                .build();
        busy.set(true);
        background.run(() -> client.createAccessRule(request), created -> {
            busy.set(false);
            notifications.success("Access rule added", AccessRuleText.describe(created));
            refresh();
            onCreated.run();
        }, error -> {
            busy.set(false);
            List<String> unplaced = new ArrayList<>();
            access.failed(error);
            if (error instanceof ServiceException e) {
                for (ServiceException.FieldViolation v : e.violations()) {
                    String field = v.field().contains(".") ? v.field().substring(0, v.field().indexOf('.')) : v.field();
                    if (errors.containsKey(field)) {
                        errors.get(field).set(v.description());
                    } else {
                        unplaced.add(v.field() + ": " + v.description());
                    }
                }
                if (e.violations().isEmpty()) {
                    unplaced.add(e.getMessage());
                }
            } else {
                unplaced.add(Notifications.describe(error));
            }
            formError.set(String.join("\n", unplaced));
        });
    }

    public void delete(AccessRule rule) {
        background.run(() -> {
            client.deleteAccessRule(rule.getId());
            return rule;
        }, deleted -> {
            notifications.success("Access rule deleted", AccessRuleText.describe(deleted));
            refresh();
        }, error -> {
            access.failed(error);
            notifications.error("Could not delete the access rule", error);
        });
    }

    /** Whether the caller may add a rule in some scope. */
    public ObjectBinding<Availability> adding() {
        return access.availability(p -> p.canInSomeScope(Action.CREATE, Entity.ACCESS_RULES) ? Availability.ALLOWED
                : Availability.refused(p.refusal("adding access rules", Action.CREATE, Entity.ACCESS_RULES, Scope.CLUSTER)));
    }

    /** Whether the caller may delete {@code selected}, the selected rule (null: none). */
    public ObjectBinding<Availability> deleting(ObservableValue<AccessRule> selected) {
        return access.availability(p -> {
            AccessRule rule = selected.getValue();
            return rule == null ? Availability.refused("Select a rule first")
                    : p.check("deleting access rules", Action.DELETE, Entity.ACCESS_RULES, Scope.of(rule.getScope()));
        }, selected);
    }

    private void clearErrors() {
        errors.values().forEach(e -> e.set(""));
        formError.set("");
    }

    public List<String> roles() {
        return Arrays.stream(Role.values()).map(Role::displayName).toList();
    }

    public ObservableList<AccessRule> rules() {
        return rulesView;
    }

    public ObservableList<ScopeChoice> scopes() {
        return scopesView;
    }

    public ObjectProperty<SubjectKind> subjectKindProperty() {
        return subjectKind;
    }

    public StringProperty subjectNameProperty() {
        return subjectName;
    }

    public StringProperty roleProperty() {
        return role;
    }

    public ObjectProperty<ScopeChoice> scopeProperty() {
        return scope;
    }

    /** The message of {@code subject}, {@code role} or {@code scope}. */
    public ReadOnlyStringProperty errorProperty(String field) {
        return errors.get(field).getReadOnlyProperty();
    }

    public ReadOnlyStringProperty formErrorProperty() {
        return formError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
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
        // nothing runs between refreshes
    }
}
