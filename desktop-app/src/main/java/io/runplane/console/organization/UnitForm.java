package io.runplane.console.organization;

import io.runplane.api.v1.Department;
import io.runplane.api.v1.OverQuotaPriority;
import io.runplane.api.v1.PoolQuota;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.Resources;
import io.runplane.api.v1.SchedulingRules;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.client.RunplaneClient;
import io.runplane.console.client.ServiceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The form of one department or project: every field as text, checked locally for numbers, then
 * by the server, whose field violations land on the fields they name.
 */
public final class UnitForm {

    /** One node pool's quota as typed. */
    public record QuotaRow(String pool, StringProperty gpu, StringProperty cpuMillis, StringProperty memoryMib) {
    }

    /** The scheduling rules, by their field names in the API. */
    public static final List<String> RULES = List.of("workspace_duration_limit_seconds", "training_duration_limit_seconds",
            "workspace_idle_gpu_limit_seconds", "training_idle_gpu_limit_seconds");

    private final RunplaneClient client;
    private final Background background;
    private final Notifications notifications;
    private final UnitKind kind;
    private final boolean update;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty department = new SimpleStringProperty("");
    private final ObjectProperty<OverQuotaPriority> overQuota = new SimpleObjectProperty<>(OverQuotaPriority.OVER_QUOTA_PRIORITY_MEDIUM);
    private final StringProperty nodePools = new SimpleStringProperty("");
    private final StringProperty nodeType = new SimpleStringProperty("");
    private final Map<String, StringProperty> rules = new LinkedHashMap<>();
    private final List<QuotaRow> quotas = new ArrayList<>();
    private final Map<String, ReadOnlyStringWrapper> errors = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();
    private final Consumer<ServiceException> onDenied;

    /**
     * @param pools    every node pool, in the organization's order (a quota row each)
     * @param existing the department or project being edited, or null for a new one
     */
    UnitForm(RunplaneClient client, Background background, Notifications notifications, UnitKind kind,
             List<String> pools, Object existing, Consumer<ServiceException> onDenied) {
        this.onDenied = onDenied;
        this.client = client;
        this.background = background;
        this.notifications = notifications;
        this.kind = kind;
        this.update = existing != null;
        for (String rule : RULES) {
            rules.put(rule, new SimpleStringProperty("0"));
        }
        for (String pool : pools) {
            quotas.add(new QuotaRow(pool, new SimpleStringProperty("0"), new SimpleStringProperty("0"), new SimpleStringProperty("0")));
        }
        for (String key : List.of("name", "department", "node_pools", "node_type", "over_quota")) {
            error(key);
        }
        RULES.forEach(rule -> error("rules." + rule));
        for (String pool : pools) {
            List.of("gpu", "cpu_millis", "memory_mib").forEach(resource -> error(quotaKey(pool, resource)));
        }
        switch (existing) {
            case Project p -> fill(p.getName(), p.getQuotasList(), p.getOverQuota(), p.getRules(), () -> {
                department.set(p.getDepartment());
                nodePools.set(String.join(", ", p.getNodePoolsList()));
                nodeType.set(p.getNodeType());
            });
            case Department d -> fill(d.getName(), d.getQuotasList(), d.getOverQuota(), d.getRules(), () -> { });
            case null, default -> { }
        }
    }

    private void fill(String unitName, List<PoolQuota> unitQuotas, OverQuotaPriority priority, SchedulingRules unitRules,
                      Runnable rest) {
        name.set(unitName);
        overQuota.set(priority == OverQuotaPriority.OVER_QUOTA_PRIORITY_UNSPECIFIED ? OverQuotaPriority.OVER_QUOTA_PRIORITY_MEDIUM : priority);
        for (PoolQuota q : unitQuotas) {
            quotas.stream().filter(r -> r.pool().equals(q.getNodePool())).findFirst().ifPresent(r -> {
                r.gpu().set(Long.toString((long) q.getDeserved().getGpu()));
                r.cpuMillis().set(Long.toString(q.getDeserved().getCpuMillis()));
                r.memoryMib().set(Long.toString(q.getDeserved().getMemoryMib()));
            });
        }
        rules.get(RULES.get(0)).set(Long.toString(unitRules.getWorkspaceDurationLimitSeconds()));
        rules.get(RULES.get(1)).set(Long.toString(unitRules.getTrainingDurationLimitSeconds()));
        rules.get(RULES.get(2)).set(Long.toString(unitRules.getWorkspaceIdleGpuLimitSeconds()));
        rules.get(RULES.get(3)).set(Long.toString(unitRules.getTrainingIdleGpuLimitSeconds()));
        rest.run();
    }

    /** Checks the numbers, then creates or updates; {@code onSaved} runs once the server accepted it. */
    public void save(Consumer<String> onSaved) {
        clearErrors();
        Map<String, String> problems = new LinkedHashMap<>();
        List<PoolQuota> parsedQuotas = new ArrayList<>();
        for (QuotaRow row : quotas) {
            long gpu = number(row.gpu(), quotaKey(row.pool(), "gpu"), problems);
            long cpu = number(row.cpuMillis(), quotaKey(row.pool(), "cpu_millis"), problems);
            long memory = number(row.memoryMib(), quotaKey(row.pool(), "memory_mib"), problems);
            parsedQuotas.add(PoolQuota.newBuilder().setNodePool(row.pool())
                    .setDeserved(Resources.newBuilder().setGpu(gpu).setCpuMillis(cpu).setMemoryMib(memory)).build());
        }
        long[] limits = RULES.stream().mapToLong(rule -> number(rules.get(rule), "rules." + rule, problems)).toArray();
        if (!problems.isEmpty()) {
            problems.forEach((field, message) -> error(field).set(message));
            return;
        }
        SchedulingRules schedulingRules = SchedulingRules.newBuilder().setWorkspaceDurationLimitSeconds(limits[0])
                .setTrainingDurationLimitSeconds(limits[1]).setWorkspaceIdleGpuLimitSeconds(limits[2])
                .setTrainingIdleGpuLimitSeconds(limits[3]).build();
        String unitName = name.get().strip();
        saving.set(true);
        background.run(() -> {
            if (kind == UnitKind.PROJECT) {
                return client.saveProject(Project.newBuilder().setName(unitName).setDepartment(department.get().strip())
                        .addAllQuotas(parsedQuotas).addAllNodePools(poolOrder()).setOverQuota(overQuota.get())
                        .setNodeType(nodeType.get().strip()).setRules(schedulingRules).build(), update).getName();
            }
            return client.saveDepartment(Department.newBuilder().setName(unitName).addAllQuotas(parsedQuotas)
                    .setOverQuota(overQuota.get()).setRules(schedulingRules).build(), update).getName();
        }, saved -> {
            saving.set(false);
            notifications.success((update ? "Updated " : "Created ") + kind.label() + " " + saved, "");
            onSaved.accept(saved);
        }, failure -> {
            saving.set(false);
            refused(failure);
        });
    }

    private List<String> poolOrder() {
        return Arrays.stream(nodePools.get().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private void refused(Throwable failure) {
        if (!(failure instanceof ServiceException e)) {
            formError.set(Notifications.describe(failure));
            return;
        }
        if ("PERMISSION_DENIED".equals(e.code())) {
            onDenied.accept(e);
        }
        List<String> unplaced = new ArrayList<>();
        for (ServiceException.FieldViolation v : e.violations()) {
            String key = formKey(v.field());
            if (key != null && errors.containsKey(key)) {
                errors.get(key).set(v.description());
            } else {
                unplaced.add(v.field() + ": " + v.description());
            }
        }
        if (e.violations().isEmpty()) {
            formError.set(e.getMessage());
        } else if (!unplaced.isEmpty()) {
            formError.set(String.join("\n", unplaced));
        }
    }

    /** A server field path of this object ({@code project.quotas[a100].deserved.gpu}) as a form key ({@code quotas[a100].gpu}). */
    String formKey(String field) {
        String prefix = kind.label() + ".";
        if (!field.startsWith(prefix)) {
            return null;
        }
        String rest = field.substring(prefix.length()).replace(".deserved.", ".");
        return rest.startsWith("node_pools[") ? "node_pools" : rest;
    }

    private long number(StringProperty text, String field, Map<String, String> problems) {
        String value = text.get() == null ? "" : text.get().strip();
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            problems.put(field, "Enter a whole number");
            return 0;
        }
    }

    private void clearErrors() {
        errors.values().forEach(e -> e.set(""));
        formError.set("");
    }

    private ReadOnlyStringWrapper error(String key) {
        return errors.computeIfAbsent(key, k -> new ReadOnlyStringWrapper(""));
    }

    public static String quotaKey(String pool, String resource) {
        return "quotas[" + pool + "]." + resource;
    }

    /** The message for one field ({@code name}, {@code department}, {@code node_pools}, {@code rules.<rule>}, {@link #quotaKey}). */
    public ReadOnlyStringProperty errorProperty(String key) {
        return error(key).getReadOnlyProperty();
    }

    /** A refusal not tied to a field of this form (another object broken by the change, or permission). */
    public ReadOnlyStringProperty formErrorProperty() {
        return formError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    public UnitKind kind() {
        return kind;
    }

    public boolean isUpdate() {
        return update;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty departmentProperty() {
        return department;
    }

    public ObjectProperty<OverQuotaPriority> overQuotaProperty() {
        return overQuota;
    }

    public StringProperty nodePoolsProperty() {
        return nodePools;
    }

    public StringProperty nodeTypeProperty() {
        return nodeType;
    }

    public StringProperty ruleProperty(String rule) {
        return rules.get(rule);
    }

    public List<QuotaRow> quotas() {
        return quotas;
    }
}
