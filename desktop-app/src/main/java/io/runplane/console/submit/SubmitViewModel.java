package io.runplane.console.submit;

import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.DistributedFramework;
import io.runplane.api.v1.DistributedOptions;
import io.runplane.api.v1.InferenceOptions;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.ServiceType;
import io.runplane.api.v1.Tool;
import io.runplane.api.v1.TrainingOptions;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;
import io.runplane.access.Action;
import io.runplane.access.Entity;
import io.runplane.console.access.Permissions;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.client.RunplaneClient;
import io.runplane.console.client.ServiceException;
import io.runplane.policy.FieldRule;
import io.runplane.policy.PolicyValue;
import io.runplane.policy.Quantity;
import io.runplane.policy.QuantityUnit;
import io.runplane.policy.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The new-workload form: the four workload types, checked on the client as the user types (a
 * convenience), then submitted; the server's verdict (its message, its field violations) lands on
 * the fields. For the chosen project and type it follows the effective policy: defaults pre-filled,
 * locked fields, bounds and options, the policy's messages live, and no submit while any remain.
 */
public final class SubmitViewModel {

    /** Preemptible choice: the type's default, or forced. */
    public enum Preemption {
        DEFAULT("Type default"), YES("Preemptible"), NO("Non-preemptible");

        private final String label;

        Preemption(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private final RunplaneClient client;
    private final Background background;
    private final Notifications notifications;

    private final ObjectProperty<WorkloadType> type = new SimpleObjectProperty<>(WorkloadType.WORKLOAD_TYPE_TRAINING);
    private final ObservableList<String> projects = FXCollections.observableArrayList();
    private final StringProperty project = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty image = new SimpleStringProperty("");
    private final StringProperty command = new SimpleStringProperty("");
    private final StringProperty gpus = new SimpleStringProperty("1");
    private final StringProperty gpuPortion = new SimpleStringProperty("");
    private final StringProperty cpu = new SimpleStringProperty("");
    private final StringProperty memory = new SimpleStringProperty("");
    private final ObjectProperty<Preemption> preemption = new SimpleObjectProperty<>(Preemption.DEFAULT);
    private final StringProperty completions = new SimpleStringProperty("");
    private final StringProperty parallelism = new SimpleStringProperty("");
    private final ObjectProperty<DistributedFramework> framework =
            new SimpleObjectProperty<>(DistributedFramework.DISTRIBUTED_FRAMEWORK_PYTORCH);
    private final StringProperty workers = new SimpleStringProperty("2");
    private final BooleanProperty master = new SimpleBooleanProperty(true);
    private final StringProperty minReplicas = new SimpleStringProperty("1");
    private final StringProperty maxReplicas = new SimpleStringProperty("1");
    private final StringProperty port = new SimpleStringProperty("");
    private final StringProperty tool = new SimpleStringProperty("jupyter");

    private final Map<FormField, StringProperty> texts = new EnumMap<>(FormField.class);
    private final Map<FormField, String> initialTexts = new EnumMap<>(FormField.class);
    private final Map<FormField, Object> policyFilled = new EnumMap<>(FormField.class);
    private final Map<FormField, ReadOnlyObjectWrapper<FieldPolicy>> fieldPolicies = new EnumMap<>(FormField.class);
    private final ObservableList<String> imposedAssets = FXCollections.observableArrayList();
    private final ObservableList<String> imposedAssetsView = FXCollections.unmodifiableObservableList(imposedAssets);
    private final ReadOnlyStringWrapper policyStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper otherViolations = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper policyViolated = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper policyLoading = new ReadOnlyBooleanWrapper();
    private Optional<FormPolicy> policy = Optional.empty();
    private long policyRequest;

    private final Map<FormField, ReadOnlyStringWrapper> errors = new EnumMap<>(FormField.class);
    private final ReadOnlyStringWrapper serverError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper projectsLoaded = new ReadOnlyBooleanWrapper();
    private boolean touched;
    private Permissions permissions = Permissions.UNREPORTED;

    public SubmitViewModel(RunplaneClient client, Background background, Notifications notifications) {
        this.client = client;
        this.background = background;
        this.notifications = notifications;
        for (FormField field : FormField.values()) {
            errors.put(field, new ReadOnlyStringWrapper(""));
            fieldPolicies.put(field, new ReadOnlyObjectWrapper<>(FieldPolicy.FREE));
        }
        texts.putAll(Map.of(FormField.IMAGE, image, FormField.GPUS, gpus, FormField.GPU_PORTION, gpuPortion,
                FormField.CPU, cpu, FormField.MEMORY, memory, FormField.COMPLETIONS, completions,
                FormField.PARALLELISM, parallelism, FormField.WORKERS, workers, FormField.MIN_REPLICAS, minReplicas,
                FormField.MAX_REPLICAS, maxReplicas));
        texts.forEach((field, text) -> initialTexts.put(field, text.get()));
        for (StringProperty p : List.of(project, name, image, command, gpus, gpuPortion, cpu, memory, completions,
                parallelism, workers, minReplicas, maxReplicas, port)) {
            p.addListener((obs, old, now) -> revalidate());
        }
        preemption.addListener((obs, old, now) -> revalidate());
        framework.addListener((obs, old, now) -> revalidate());
        type.addListener((obs, old, now) -> {
            if (now == WorkloadType.WORKLOAD_TYPE_INFERENCE && port.get().isBlank()) {
                port.set("8000");
            }
            revalidate();
            refreshPolicy();
        });
        project.addListener((obs, old, now) -> refreshPolicy());
    }

    /** Offers only the projects where {@code permissions} allow creating workloads; call before {@link #loadProjects}. */
    public void offerOnlyWhereAllowed(Permissions permissions) {
        this.permissions = permissions;
    }

    /** Loads the project picker from the server. */
    public void loadProjects() {
        background.run(client::listProjects, list -> {
            List<String> names = list.stream().map(Project::getName)
                    .filter(p -> permissions.can(Action.CREATE, Entity.WORKLOADS, p)
                            || permissions.can(Action.CREATE, Entity.INFERENCE_WORKLOADS, p))
                    .sorted().toList();
            projects.setAll(names);
            if ((project.get() == null || project.get().isBlank() || !names.contains(project.get())) && !names.isEmpty()) {
                project.set(names.getFirst());
            }
            projectsLoaded.set(true);
        }, error -> {
            serverError.set("Could not load projects: " + Notifications.describe(error));
            projectsLoaded.set(true);
        });
    }

    /** Fills the form from an existing workload, for "copy & edit"; the policy's defaults then fill only empty fields. */
    public void prefill(Workload workload) {
        initialTexts.clear();
        WorkloadSpec spec = workload.getSpec();
        type.set(spec.getType() == WorkloadType.WORKLOAD_TYPE_UNSPECIFIED ? WorkloadType.WORKLOAD_TYPE_TRAINING : spec.getType());
        if (!projects.contains(spec.getProject())) {
            projects.add(spec.getProject());
        }
        project.set(spec.getProject());
        name.set(copyName(spec.getName()));
        image.set(spec.getImage());
        command.set(String.join(" ", concat(spec.getCommandList(), spec.getArgsList())));
        ComputeRequest compute = spec.getCompute();
        gpus.set(compute.getGpuDevices() > 0 || compute.getGpuPortion() == 0 ? Integer.toString(compute.getGpuDevices()) : "");
        gpuPortion.set(compute.getGpuPortion() > 0 ? trim(compute.getGpuPortion()) : "");
        cpu.set(compute.getCpuMillis() > 0 ? Quantity.ofSpecUnits(compute.getCpuMillis(), QuantityUnit.CORES).text() : "");
        long mib = compute.getMemoryMib();
        memory.set(mib <= 0 ? "" : mib % 1024 == 0 ? Long.toString(mib / 1024) : mib + "Mi");
        preemption.set(!spec.hasPreemptible() ? Preemption.DEFAULT : spec.getPreemptible() ? Preemption.YES : Preemption.NO);
        if (spec.hasTraining()) {
            completions.set(spec.getTraining().getCompletions() > 0 ? Integer.toString(spec.getTraining().getCompletions()) : "");
            parallelism.set(spec.getTraining().getParallelism() > 0 ? Integer.toString(spec.getTraining().getParallelism()) : "");
        }
        if (spec.hasDistributed()) {
            framework.set(spec.getDistributed().getFramework());
            workers.set(Integer.toString(spec.getDistributed().getWorkers()));
            master.set(spec.getDistributed().getMaster());
        }
        if (spec.hasInference()) {
            minReplicas.set(Integer.toString(spec.getInference().getMinReplicas()));
            maxReplicas.set(Integer.toString(spec.getInference().getMaxReplicas()));
            port.set(spec.getInference().getContainerPort() > 0 ? Integer.toString(spec.getInference().getContainerPort()) : "");
        }
        if (spec.getToolsCount() > 0) {
            tool.set(spec.getTools(0).getKind().isBlank() ? spec.getTools(0).getName() : spec.getTools(0).getKind());
            port.set(Integer.toString(spec.getTools(0).getContainerPort()));
        }
    }

    // --- properties --------------------------------------------------------------------------------

    public ObjectProperty<WorkloadType> typeProperty() {
        return type;
    }

    public ObservableList<String> projects() {
        return projects;
    }

    public StringProperty projectProperty() {
        return project;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty imageProperty() {
        return image;
    }

    public StringProperty commandProperty() {
        return command;
    }

    public StringProperty gpusProperty() {
        return gpus;
    }

    public StringProperty gpuPortionProperty() {
        return gpuPortion;
    }

    public StringProperty cpuProperty() {
        return cpu;
    }

    public StringProperty memoryProperty() {
        return memory;
    }

    public ObjectProperty<Preemption> preemptionProperty() {
        return preemption;
    }

    public StringProperty completionsProperty() {
        return completions;
    }

    public StringProperty parallelismProperty() {
        return parallelism;
    }

    public ObjectProperty<DistributedFramework> frameworkProperty() {
        return framework;
    }

    public StringProperty workersProperty() {
        return workers;
    }

    public BooleanProperty masterProperty() {
        return master;
    }

    public StringProperty minReplicasProperty() {
        return minReplicas;
    }

    public StringProperty maxReplicasProperty() {
        return maxReplicas;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty toolProperty() {
        return tool;
    }

    public ReadOnlyStringProperty errorProperty(FormField field) {
        return errors.get(field).getReadOnlyProperty();
    }

    /** The server's message when a submission failed for a reason no field carries. */
    public ReadOnlyStringProperty serverErrorProperty() {
        return serverError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty projectsLoadedProperty() {
        return projectsLoaded.getReadOnlyProperty();
    }

    /** What the effective policy says about {@code field}: default, lock, bounds, options. */
    public ReadOnlyObjectProperty<FieldPolicy> policyProperty(FormField field) {
        return fieldPolicies.get(field).getReadOnlyProperty();
    }

    /** The assets the policy attaches to every workload of this type in the project. */
    public ObservableList<String> imposedAssets() {
        return imposedAssetsView;
    }

    /** Which policies are in force, or that none is, or that it is loading. */
    public ReadOnlyStringProperty policyStatusProperty() {
        return policyStatus.getReadOnlyProperty();
    }

    /** Violations of the policy by fields this form does not show, one per line. */
    public ReadOnlyStringProperty otherViolationsProperty() {
        return otherViolations.getReadOnlyProperty();
    }

    /** True while the form breaks the effective policy; the form cannot be submitted then. */
    public ReadOnlyBooleanProperty policyViolatedProperty() {
        return policyViolated.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty policyLoadingProperty() {
        return policyLoading.getReadOnlyProperty();
    }

    // --- the effective policy ----------------------------------------------------------------------

    /** Fetches the effective policy of the chosen project and type in the background, then applies it. */
    private void refreshPolicy() {
        long request = ++policyRequest;
        String chosenProject = project.get() == null ? "" : project.get().trim();
        WorkloadType chosenType = type.get();
        if (chosenProject.isEmpty()) {
            policyLoading.set(false);
            applyPolicy(Optional.empty(), "");
            return;
        }
        String typeName = chosenType.name().substring("WORKLOAD_TYPE_".length()).toLowerCase(Locale.ROOT);
        policyLoading.set(true);
        policyStatus.set("Loading the policy for " + typeName + " workloads in project " + chosenProject + "…");
        background.run(() -> FormPolicy.fetch(client, chosenType, chosenProject), loaded -> {
            if (request == policyRequest) {
                policyLoading.set(false);
                String sources = loaded.sources();
                applyPolicy(Optional.of(loaded), sources.isEmpty()
                        ? "No policy constrains " + typeName + " workloads in project " + chosenProject
                        : "Policies in force: " + sources);
            }
        }, error -> {
            if (request == policyRequest) {
                policyLoading.set(false);
                applyPolicy(Optional.empty(), "The policy could not be loaded; the cluster still applies it on submit");
                notifications.error("Could not load the policy of project " + chosenProject, error);
            }
        });
    }

    private void applyPolicy(Optional<FormPolicy> loaded, String status) {
        policy = loaded;
        for (FormField field : FormField.values()) {
            FieldPolicy rules = loaded.map(p -> p.field(field)).orElse(FieldPolicy.FREE);
            fieldPolicies.get(field).set(rules);
            if (texts.containsKey(field)) {
                fill(field, texts.get(field), rules.defaultValue().map(PolicyValue::display), rules.locked(),
                        initialTexts.getOrDefault(field, ""), "");
            }
        }
        FieldPolicy preemptible = fieldPolicies.get(FormField.PREEMPTION).get();
        fill(FormField.PREEMPTION, preemption, preemptible.defaultValue()
                .map(v -> v instanceof PolicyValue.BoolValue b && b.value() ? Preemption.YES : Preemption.NO),
                preemptible.locked(), Preemption.DEFAULT, Preemption.DEFAULT);
        FieldPolicy frameworkRules = fieldPolicies.get(FormField.FRAMEWORK).get();
        fill(FormField.FRAMEWORK, framework, frameworkRules.defaultValue().flatMap(v -> frameworkOf(v.display())),
                frameworkRules.locked(), DistributedFramework.DISTRIBUTED_FRAMEWORK_PYTORCH,
                DistributedFramework.DISTRIBUTED_FRAMEWORK_PYTORCH);
        imposedAssets.setAll(loaded.map(FormPolicy::imposedAssets).orElse(List.of()));
        policyStatus.set(status);
        revalidate();
    }

    /**
     * Puts the policy's default into a field the user has not changed (empty, as the form opened,
     * or as the previous policy filled it); a locked field always takes the default, or its empty
     * value when it may not be set at all. A field a previous policy filled and this one does not
     * goes back to where the form started.
     */
    private <T> void fill(FormField field, javafx.beans.property.Property<T> property, Optional<T> defaultValue,
                          boolean locked, T initial, T empty) {
        T current = property.getValue();
        boolean untouched = current == null || current.equals(empty) || current.equals(initial)
                || current.equals(policyFilled.get(field));
        if (locked || (defaultValue.isPresent() && untouched)) {
            T value = defaultValue.orElse(empty);
            property.setValue(value);
            policyFilled.put(field, value);
        } else if (defaultValue.isEmpty() && current != null && current.equals(policyFilled.get(field))) {
            property.setValue(initial);
            policyFilled.remove(field);
        }
    }

    private static Optional<DistributedFramework> frameworkOf(String value) {
        try {
            return Optional.of(DistributedFramework.valueOf("DISTRIBUTED_FRAMEWORK_" + value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The frameworks the policy allows, with the text it gives them; empty when any is allowed. */
    public List<FieldRule.Option> frameworkOptions() {
        return fieldPolicies.get(FormField.FRAMEWORK).get().options();
    }

    // --- validation and submission -----------------------------------------------------------------

    /** Checks every field and shows every message; true when the form may be submitted. */
    public boolean validate() {
        touched = true;
        return revalidate();
    }

    private boolean revalidate() {
        errors.values().forEach(e -> e.set(""));
        serverError.set("");
        if (touched) {
            checkFields();
        }
        checkPolicy();
        return !policyViolated.get() && errors.values().stream().allMatch(e -> e.get().isEmpty());
    }

    /** The policy's messages, live: on their fields, or listed when the form has no such field. */
    private void checkPolicy() {
        if (policy.isEmpty()) {
            otherViolations.set("");
            policyViolated.set(false);
            return;
        }
        WorkloadSpec spec = toSpec();
        for (FormField field : FormField.values()) {
            List<Violation> violations = policy.get().violations(spec, field);
            if (!violations.isEmpty() && errors.get(field).get().isEmpty()) {
                errors.get(field).set(violations.getFirst().message());
            }
        }
        List<Violation> all = policy.get().violations(spec);
        List<String> elsewhere = new ArrayList<>();
        for (Violation v : all) {
            if (FormField.forPolicyPath(v.path()).isEmpty()) {
                elsewhere.add(v.toString());
            }
        }
        otherViolations.set(String.join("\n", elsewhere));
        policyViolated.set(!all.isEmpty());
    }

    private void checkFields() {
        if (blank(project)) {
            errors.get(FormField.PROJECT).set("Choose a project");
        }
        String n = name.get() == null ? "" : name.get().trim();
        if (n.isEmpty()) {
            errors.get(FormField.NAME).set("Enter a name");
        } else if (n.length() > 63) {
            errors.get(FormField.NAME).set("At most 63 characters");
        } else if (!DNS_LABEL.matcher(n).matches()) {
            errors.get(FormField.NAME).set("Lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
        if (blank(image)) {
            errors.get(FormField.IMAGE).set("Enter a container image");
        } else if (image.get().trim().contains(" ")) {
            errors.get(FormField.IMAGE).set("An image reference has no spaces");
        }
        integer(gpus, FormField.GPUS, 0, 64, true);
        Double portion = decimal(gpuPortion, FormField.GPU_PORTION, true);
        if (portion != null && (portion <= 0 || portion >= 1)) {
            errors.get(FormField.GPU_PORTION).set("A portion is between 0 and 1, e.g. 0.5");
        }
        if (portion != null && parseInt(gpus) > 0 && errors.get(FormField.GPU_PORTION).get().isEmpty()) {
            errors.get(FormField.GPU_PORTION).set("Ask for whole GPUs or a portion, not both");
        }
        if (!blank(cpu) && cpuMillis().isEmpty()) {
            errors.get(FormField.CPU).set("Enter a number of cores, e.g. 4 or 500m");
        } else if (cpuMillis().isPresent() && cpuMillis().getAsLong() <= 0) {
            errors.get(FormField.CPU).set("Must be greater than 0");
        }
        if (!blank(memory) && memoryMib().isEmpty()) {
            errors.get(FormField.MEMORY).set("Enter GiB, e.g. 16, or a quantity such as 512Mi or 40G");
        } else if (memoryMib().isPresent() && memoryMib().getAsLong() <= 0) {
            errors.get(FormField.MEMORY).set("Must be greater than 0");
        }
        switch (type.get()) {
            case WORKLOAD_TYPE_TRAINING -> {
                integer(completions, FormField.COMPLETIONS, 1, 10_000, true);
                integer(parallelism, FormField.PARALLELISM, 1, 10_000, true);
            }
            case WORKLOAD_TYPE_DISTRIBUTED -> integer(workers, FormField.WORKERS, 1, 1_000, false);
            case WORKLOAD_TYPE_INFERENCE -> {
                Integer min = integer(minReplicas, FormField.MIN_REPLICAS, 0, 1_000, false);
                Integer max = integer(maxReplicas, FormField.MAX_REPLICAS, 1, 1_000, false);
                if (min != null && max != null && min > max) {
                    errors.get(FormField.MAX_REPLICAS).set("Must be at least the minimum (" + min + ")");
                }
                integer(port, FormField.PORT, 1, 65_535, false);
            }
            case WORKLOAD_TYPE_INTERACTIVE -> integer(port, FormField.PORT, 1, 65_535, true);
            default -> { }
        }
    }

    /** Builds the spec the form describes (call {@link #validate()} first). */
    public WorkloadSpec toSpec() {
        WorkloadSpec.Builder spec = WorkloadSpec.newBuilder()
                .setProject(project.get() == null ? "" : project.get().trim())
                .setName(name.get() == null ? "" : name.get().trim())
                .setType(type.get())
                .setImage(image.get() == null ? "" : image.get().trim());
        List<String> words = Arrays.stream(command.get() == null ? new String[0] : command.get().trim().split("\\s+"))
                .filter(s -> !s.isEmpty()).toList();
        if (!words.isEmpty()) {
            spec.addCommand(words.getFirst());
            spec.addAllArgs(words.subList(1, words.size()));
        }
        ComputeRequest.Builder compute = ComputeRequest.newBuilder();
        Double portion = parseDouble(gpuPortion);
        if (portion != null) {
            compute.setGpuPortion(portion);
        } else {
            compute.setGpuDevices(Math.max(0, parseInt(gpus)));
        }
        cpuMillis().ifPresent(compute::setCpuMillis);
        memoryMib().ifPresent(compute::setMemoryMib);
        spec.setCompute(compute);
        switch (preemption.get()) {
            case YES -> spec.setPreemptible(true);
            case NO -> spec.setPreemptible(false);
            default -> { }
        }
        switch (type.get()) {
            case WORKLOAD_TYPE_TRAINING -> {
                TrainingOptions.Builder training = TrainingOptions.newBuilder();
                if (!blank(completions)) {
                    training.setCompletions(parseInt(completions));
                }
                if (!blank(parallelism)) {
                    training.setParallelism(parseInt(parallelism));
                }
                spec.setTraining(training);
            }
            case WORKLOAD_TYPE_DISTRIBUTED -> spec.setDistributed(DistributedOptions.newBuilder()
                    .setFramework(framework.get()).setWorkers(parseInt(workers)).setMaster(master.get()));
            case WORKLOAD_TYPE_INFERENCE -> spec.setInference(InferenceOptions.newBuilder()
                    .setMinReplicas(parseInt(minReplicas)).setMaxReplicas(parseInt(maxReplicas))
                    .setContainerPort(parseInt(port)));
            case WORKLOAD_TYPE_INTERACTIVE -> {
                if (!blank(port)) {
                    String kind = tool.get() == null || tool.get().isBlank() ? "custom" : tool.get().trim();
                    spec.addTools(Tool.newBuilder().setName(kind).setKind(kind).setContainerPort(parseInt(port))
                            .setServiceType(ServiceType.SERVICE_TYPE_CLUSTER_IP));
                }
            }
            default -> { }
        }
        return spec.build();
    }

    /**
     * Validates and submits in the background. On success {@code onSubmitted} runs on the UI thread;
     * on failure the server's message and field violations are shown on the form.
     */
    public void submit(Consumer<Workload> onSubmitted) {
        if (busy.get() || !validate()) {
            return;
        }
        WorkloadSpec spec = toSpec();
        busy.set(true);
        background.run(() -> client.submit(spec, false), response -> {
            busy.set(false);
            Workload workload = response.getWorkload();
            notifications.success("Submitted " + spec.getName(), "In project " + spec.getProject() + ".");
            onSubmitted.accept(workload);
        }, error -> {
            busy.set(false);
            showServerError(error);
        });
    }

    private void showServerError(Throwable error) {
        String message = Notifications.describe(error);
        boolean placed = false;
        if (error instanceof ServiceException service) {
            for (ServiceException.FieldViolation violation : service.violations()) {
                FormField field = FormField.forServerPath(violation.field());
                if (field != null) {
                    errors.get(field).set(violation.description());
                    placed = true;
                }
            }
            if (!placed && "ALREADY_EXISTS".equals(service.code())) {
                errors.get(FormField.NAME).set(message);
            }
        }
        serverError.set(message);
    }

    // --- helpers -----------------------------------------------------------------------------------

    private Integer integer(StringProperty property, FormField field, int min, int max, boolean optional) {
        String text = property.get() == null ? "" : property.get().trim();
        if (text.isEmpty()) {
            if (!optional) {
                errors.get(field).set("Required");
            }
            return null;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                errors.get(field).set("Between " + min + " and " + max);
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            errors.get(field).set("Enter a whole number");
            return null;
        }
    }

    /** The CPU field in millicores: a number of cores ({@code 1.5}) or a quantity ({@code 500m}). */
    private OptionalLong cpuMillis() {
        if (blank(cpu)) {
            return OptionalLong.empty();
        }
        return Quantity.parse(cpu.get(), QuantityUnit.CORES).map(q -> OptionalLong.of(q.specUnits())).orElse(OptionalLong.empty());
    }

    /** The memory field in MiB: a plain number is GiB ({@code 16}), else a quantity ({@code 512Mi}, {@code 40G}). */
    private OptionalLong memoryMib() {
        if (blank(memory)) {
            return OptionalLong.empty();
        }
        String text = memory.get().trim();
        Optional<Quantity> quantity = text.matches("[0-9]+(\\.[0-9]+)?|\\.[0-9]+")
                ? Quantity.parse(text + "Gi", QuantityUnit.BYTES) : Quantity.parse(text, QuantityUnit.BYTES);
        return quantity.map(q -> OptionalLong.of(q.specUnits())).orElse(OptionalLong.empty());
    }

    private Double decimal(StringProperty property, FormField field, boolean optional) {
        String text = property.get() == null ? "" : property.get().trim();
        if (text.isEmpty()) {
            if (!optional) {
                errors.get(field).set("Required");
            }
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                errors.get(field).set("Enter a number");
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            errors.get(field).set("Enter a number");
            return null;
        }
    }

    private static boolean blank(StringProperty p) {
        return p.get() == null || p.get().isBlank();
    }

    private static int parseInt(StringProperty p) {
        try {
            return Integer.parseInt(p.get().trim());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static Double parseDouble(StringProperty p) {
        try {
            return p.get() == null || p.get().isBlank() ? null : Double.valueOf(p.get().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    static String copyName(String original) {
        String base = original.toLowerCase(Locale.ROOT);
        String candidate = base.endsWith("-copy") ? base : base + "-copy";
        return candidate.length() > 63 ? candidate.substring(0, 63).replaceAll("-+$", "") : candidate;
    }
}
