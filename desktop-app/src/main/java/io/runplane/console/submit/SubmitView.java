package io.runplane.console.submit;

import io.runplane.api.v1.DistributedFramework;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadType;
import io.runplane.console.app.Icons;
import io.runplane.console.workloads.WorkloadText;
import io.runplane.policy.FieldRule;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.Property;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The new-workload form, as a dialog: the type, then the fields of that type, each with its
 * message, the effective policy's hint (where its default came from, its bounds) and a lock when
 * the policy fixes the field.
 */
public final class SubmitView {

    private final SubmitViewModel viewModel;
    private final Dialog<Workload> dialog = new Dialog<>();
    private final GridPane grid = new GridPane();
    private int row;

    public SubmitView(SubmitViewModel viewModel, Window owner, String title) {
        this.viewModel = viewModel;
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setResizable(true);
        dialog.getDialogPane().getStyleClass().add("submit-dialog");
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        dialog.getDialogPane().setHeader(header(title));
        dialog.getDialogPane().setContent(content());
        ButtonType create = new ButtonType("Create", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, create);
        Button createButton = (Button) dialog.getDialogPane().lookupButton(create);
        createButton.setId("submit-create");
        createButton.getStyleClass().add("accent");
        createButton.disableProperty().bind(viewModel.busyProperty().or(viewModel.policyViolatedProperty()));
        createButton.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            viewModel.submit(workload -> {
                dialog.setResult(workload);
                dialog.close();
            });
        });
        dialog.setResultConverter(button -> null);
    }

    public Dialog<Workload> dialog() {
        return dialog;
    }

    public void show() {
        viewModel.loadProjects();
        dialog.show();
    }

    private Node header(String title) {
        Label label = new Label(title);
        label.getStyleClass().add("dialog-title");
        Label hint = new Label("The cluster applies its policies again on submit; its messages appear on the fields.");
        hint.getStyleClass().add("muted");
        Label policy = new Label();
        policy.setId("submit-policy-status");
        policy.getStyleClass().add("policy-status");
        policy.setGraphic(Icons.icon(MaterialDesignS.SHIELD_CHECK_OUTLINE));
        policy.setWrapText(true);
        policy.textProperty().bind(viewModel.policyStatusProperty());
        policy.visibleProperty().bind(viewModel.policyStatusProperty().isNotEmpty());
        policy.managedProperty().bind(policy.visibleProperty());
        VBox box = new VBox(2, label, hint, policy);
        box.getStyleClass().add("dialog-header");
        return box;
    }

    private Node content() {
        grid.getStyleClass().add("form-grid");
        grid.setHgap(12);
        grid.setVgap(2);
        ColumnConstraints labels = new ColumnConstraints(140);
        ColumnConstraints fields = new ColumnConstraints(320, 360, Double.MAX_VALUE);
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields);

        section("Workload");
        addRow("Type", typeChooser(), null, null);
        ComboBox<String> project = new ComboBox<>(viewModel.projects());
        project.setId("submit-project");
        project.setMaxWidth(Double.MAX_VALUE);
        project.valueProperty().bindBidirectional(viewModel.projectProperty());
        project.setPromptText("Loading projects…");
        addRow("Project", project, FormField.PROJECT, null);
        addRow("Name", text("submit-name", viewModel.nameProperty(), "e.g. resnet-50-sweep"), FormField.NAME, null);

        section("Environment");
        addRow("Image", image(), FormField.IMAGE, null);
        addRow("Command", text("submit-command", viewModel.commandProperty(), "e.g. python train.py --epochs 10"),
                FormField.COMMAND, null);
        var imposed = Bindings.isNotEmpty(viewModel.imposedAssets());
        addRow("Assets", imposedAssets(), null, imposed);

        section("Compute");
        addRow("GPU devices", spinner("submit-gpus", viewModel.gpusProperty(), "whole GPUs per pod", FormField.GPUS, 0, 64),
                FormField.GPUS, null);
        addRow("GPU portion", text("submit-gpu-portion", viewModel.gpuPortionProperty(), "or a fraction of one GPU, e.g. 0.5"),
                FormField.GPU_PORTION, null);
        addRow("CPU cores", text("submit-cpu", viewModel.cpuProperty(), "optional, e.g. 4 or 500m"), FormField.CPU, null);
        addRow("CPU memory", text("submit-memory", viewModel.memoryProperty(), "optional: GiB, e.g. 16, or 512Mi, 40G"),
                FormField.MEMORY, null);
        ComboBox<SubmitViewModel.Preemption> preemption = new ComboBox<>();
        preemption.getItems().setAll(SubmitViewModel.Preemption.values());
        preemption.valueProperty().bindBidirectional(viewModel.preemptionProperty());
        preemption.setId("submit-preemption");
        addRow("Priority", preemption, FormField.PREEMPTION, null);

        var training = viewModel.typeProperty().isEqualTo(WorkloadType.WORKLOAD_TYPE_TRAINING);
        var distributed = viewModel.typeProperty().isEqualTo(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED);
        var inference = viewModel.typeProperty().isEqualTo(WorkloadType.WORKLOAD_TYPE_INFERENCE);
        var interactive = viewModel.typeProperty().isEqualTo(WorkloadType.WORKLOAD_TYPE_INTERACTIVE);

        section("Training", training);
        addRow("Completions", spinner("submit-completions", viewModel.completionsProperty(), "runs to complete (default 1)",
                FormField.COMPLETIONS, 1, 10_000), FormField.COMPLETIONS, training);
        addRow("Parallelism", spinner("submit-parallelism", viewModel.parallelismProperty(), "runs at a time (default 1)",
                FormField.PARALLELISM, 1, 10_000), FormField.PARALLELISM, training);

        section("Distributed training", distributed);
        ComboBox<DistributedFramework> framework = new ComboBox<>();
        framework.getItems().setAll(frameworks(List.of()));
        viewModel.policyProperty(FormField.FRAMEWORK).addListener((obs, old, now) -> {
            DistributedFramework chosen = viewModel.frameworkProperty().get();
            framework.getItems().setAll(frameworks(now.options()));
            viewModel.frameworkProperty().set(chosen);
        });
        framework.valueProperty().bindBidirectional(viewModel.frameworkProperty());
        framework.setConverter(new StringConverter<>() {
            @Override
            public String toString(DistributedFramework f) {
                String value = f == null ? "" : f.name().substring("DISTRIBUTED_FRAMEWORK_".length()).toLowerCase(java.util.Locale.ROOT);
                return f == null ? "" : viewModel.frameworkOptions().stream().filter(o -> o.value().equals(value))
                        .findFirst().map(FieldPolicy::display).orElseGet(() -> switch (f) {
                    case DISTRIBUTED_FRAMEWORK_PYTORCH -> "PyTorch";
                    case DISTRIBUTED_FRAMEWORK_TENSORFLOW -> "TensorFlow";
                    case DISTRIBUTED_FRAMEWORK_MPI -> "MPI";
                    case DISTRIBUTED_FRAMEWORK_XGBOOST -> "XGBoost";
                    default -> f.name();
                });
            }

            @Override
            public DistributedFramework fromString(String s) {
                return null;
            }
        });
        framework.setId("submit-framework");
        addRow("Framework", framework, FormField.FRAMEWORK, distributed);
        addRow("Workers", spinner("submit-workers", viewModel.workersProperty(), "number of worker pods",
                FormField.WORKERS, 1, 1_000), FormField.WORKERS, distributed);
        CheckBox master = new CheckBox("Workers & master (master inherits the workers' compute)");
        master.selectedProperty().bindBidirectional(viewModel.masterProperty());
        master.setId("submit-master");
        addRow("Master", master, null, distributed);

        section("Inference", inference);
        addRow("Min replicas", spinner("submit-min-replicas", viewModel.minReplicasProperty(), "0 scales to zero",
                FormField.MIN_REPLICAS, 0, 1_000), FormField.MIN_REPLICAS, inference);
        addRow("Max replicas", spinner("submit-max-replicas", viewModel.maxReplicasProperty(), "",
                FormField.MAX_REPLICAS, 1, 1_000), FormField.MAX_REPLICAS, inference);

        section("Tool", interactive.or(inference));
        ComboBox<String> tool = new ComboBox<>();
        tool.getItems().setAll("jupyter", "tensorboard", "vscode", "custom");
        tool.valueProperty().bindBidirectional(viewModel.toolProperty());
        tool.setId("submit-tool");
        addRow("Tool", tool, null, interactive);
        addRow("Container port", text("submit-port", viewModel.portProperty(), "e.g. 8888"),
                FormField.PORT, interactive.or(inference));

        Label otherViolations = new Label();
        otherViolations.setId("submit-policy-violations");
        otherViolations.getStyleClass().add("form-server-error");
        otherViolations.setWrapText(true);
        otherViolations.setGraphic(Icons.icon(MaterialDesignS.SHIELD_ALERT_OUTLINE));
        otherViolations.textProperty().bind(Bindings.concat("The policy also requires:\n", viewModel.otherViolationsProperty()));
        otherViolations.visibleProperty().bind(viewModel.otherViolationsProperty().isNotEmpty());
        otherViolations.managedProperty().bind(otherViolations.visibleProperty());
        otherViolations.setMaxWidth(Double.MAX_VALUE);
        otherViolations.setMinHeight(Region.USE_PREF_SIZE);

        Label serverError = new Label();
        serverError.setId("submit-server-error");
        serverError.getStyleClass().add("form-server-error");
        serverError.setWrapText(true);
        serverError.setGraphic(Icons.icon(MaterialDesignA.ALERT_CIRCLE_OUTLINE));
        serverError.textProperty().bind(viewModel.serverErrorProperty());
        serverError.visibleProperty().bind(viewModel.serverErrorProperty().isNotEmpty());
        serverError.managedProperty().bind(serverError.visibleProperty());
        serverError.setMaxWidth(Double.MAX_VALUE);
        serverError.setMinHeight(Region.USE_PREF_SIZE);

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        Label busyText = new Label("Submitting…", busy);
        busyText.visibleProperty().bind(viewModel.busyProperty());
        busyText.managedProperty().bind(busyText.visibleProperty());

        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("form-scroll");
        scroll.setPrefViewportHeight(600);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox box = new VBox(10, scroll, otherViolations, serverError, busyText);
        box.setPadding(new Insets(4, 0, 0, 0));
        box.setPrefWidth(660);
        return box;
    }

    private Node typeChooser() {
        ToggleGroup group = new ToggleGroup();
        HBox box = new HBox();
        box.getStyleClass().add("segmented");
        record Choice(WorkloadType type, String label, org.kordamp.ikonli.Ikon icon, String id) {
        }
        for (Choice choice : new Choice[] {
                new Choice(WorkloadType.WORKLOAD_TYPE_TRAINING, "Training", MaterialDesignR.ROCKET_LAUNCH_OUTLINE, "type-training"),
                new Choice(WorkloadType.WORKLOAD_TYPE_INTERACTIVE, "Workspace", MaterialDesignC.CONSOLE, "type-workspace"),
                new Choice(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED, "Distributed", MaterialDesignL.LAN, "type-distributed"),
                new Choice(WorkloadType.WORKLOAD_TYPE_INFERENCE, "Inference", MaterialDesignS.SERVER_NETWORK, "type-inference")}) {
            ToggleButton button = new ToggleButton(choice.label(), Icons.icon(choice.icon()));
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.setId(choice.id());
            button.setToggleGroup(group);
            button.setUserData(choice.type());
            button.setSelected(viewModel.typeProperty().get() == choice.type());
            box.getChildren().add(button);
        }
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                viewModel.typeProperty().set((WorkloadType) now.getUserData());
            }
        });
        viewModel.typeProperty().addListener((obs, old, now) -> group.getToggles().stream()
                .filter(t -> t.getUserData() == now).findFirst().ifPresent(t -> t.setSelected(true)));
        return box;
    }

    private TextField text(String id, Property<String> property, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private void section(String title) {
        section(title, null);
    }

    private void section(String title, javafx.beans.value.ObservableBooleanValue visible) {
        Label label = new Label(title);
        label.getStyleClass().add("form-section");
        grid.add(label, 0, row++, 2, 1);
        bindVisible(label, visible);
    }

    private void addRow(String labelText, Node field, FormField formField,
                        javafx.beans.value.ObservableBooleanValue visible) {
        Label label = new Label(labelText);
        label.getStyleClass().add("form-label");
        label.setLabelFor(field);
        if (field instanceof Control control) {
            control.setMaxWidth(Double.MAX_VALUE);
        }
        grid.add(label, 0, row);
        GridPane.setValignment(label, VPos.TOP);
        bindVisible(label, visible);
        if (formField == null) {
            grid.add(field, 1, row++);
            bindVisible(field, visible);
            return;
        }
        ReadOnlyObjectProperty<FieldPolicy> policy = viewModel.policyProperty(formField);
        label.textProperty().bind(Bindings.createStringBinding(
                () -> policy.get().required() ? labelText + " *" : labelText, policy));
        String id = fieldId(field);
        field.disableProperty().bind(Bindings.createBooleanBinding(() -> policy.get().locked(), policy));

        Label lock = new Label("", Icons.icon(MaterialDesignL.LOCK_OUTLINE));
        lock.setId(id + "-lock");
        lock.getStyleClass().add("field-lock");
        Tooltip lockTip = new Tooltip();
        lockTip.textProperty().bind(Bindings.createStringBinding(() -> policy.get().lockText(), policy));
        lock.setTooltip(lockTip);
        lock.visibleProperty().bind(Bindings.createBooleanBinding(() -> policy.get().locked(), policy));
        lock.managedProperty().bind(lock.visibleProperty());
        HBox line = new HBox(6, field, lock);
        line.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(field, Priority.ALWAYS);

        Label hint = new Label();
        hint.setId(id + "-hint");
        hint.getStyleClass().add("field-hint");
        hint.setWrapText(true);
        hint.textProperty().bind(Bindings.createStringBinding(() -> policy.get().hint(), policy));
        hint.visibleProperty().bind(hint.textProperty().isNotEmpty());
        hint.managedProperty().bind(hint.visibleProperty());
        Tooltip hintTip = new Tooltip();
        hintTip.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n",
                policy.get().lockText(), policy.get().hint()).strip(), policy));
        hint.setTooltip(hintTip);

        ReadOnlyStringProperty error = viewModel.errorProperty(formField);
        Label message = new Label();
        message.getStyleClass().add("field-error");
        message.setWrapText(true);
        message.setId(id + "-error");
        message.textProperty().bind(error);
        message.visibleProperty().bind(error.isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        Node input = field instanceof Spinner<?> spinner ? spinner.getEditor()
                : field instanceof StackPane stack ? stack.getChildren().getFirst() : field;
        error.addListener((obs, old, now) -> {
            input.getStyleClass().remove("invalid");
            if (now != null && !now.isEmpty()) {
                input.getStyleClass().add("invalid");
            }
        });
        VBox cell = new VBox(1, line, hint, message);
        grid.add(cell, 1, row++);
        bindVisible(cell, visible);
    }

    /** The id of a field, or of the text field inside it (the editor of a spinner, the text of an image). */
    private static String fieldId(Node field) {
        if (field.getId() != null) {
            return field.getId();
        }
        if (field instanceof Spinner<?> spinner) {
            return spinner.getEditor().getId();
        }
        return ((StackPane) field).getChildren().getFirst().getId();
    }

    /**
     * A whole-number field with arrows that step within the policy's bounds. The text field inside
     * carries {@code id}, so typing works as in any other field.
     */
    private Spinner<String> spinner(String id, StringProperty property, String prompt, FormField field, long min, long max) {
        PolicySteps steps = new PolicySteps(property, min, max);
        Spinner<String> spinner = new Spinner<>(steps);
        spinner.setEditable(true);
        spinner.getEditor().setId(id);
        spinner.getEditor().setPromptText(prompt);
        spinner.getEditor().textProperty().bindBidirectional(property);
        steps.follow(viewModel.policyProperty(field).get());
        viewModel.policyProperty(field).addListener((obs, old, now) -> steps.follow(now));
        return spinner;
    }

    /** The image: free text, or a choice among the policy's options when it has some. */
    private Node image() {
        TextField text = text("submit-image", viewModel.imageProperty(), "e.g. pytorch/pytorch:2.4-cuda12");
        text.setMaxWidth(Double.MAX_VALUE);
        ChoiceBox<FieldRule.Option> choice = new ChoiceBox<>();
        choice.setId("submit-image-choice");
        choice.setMaxWidth(Double.MAX_VALUE);
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(FieldRule.Option option) {
                return option == null ? "" : FieldPolicy.display(option);
            }

            @Override
            public FieldRule.Option fromString(String s) {
                return null;
            }
        });
        ReadOnlyObjectProperty<FieldPolicy> policy = viewModel.policyProperty(FormField.IMAGE);
        Runnable showOptions = () -> {
            List<FieldRule.Option> options = policy.get().options();
            choice.getItems().setAll(options);
            choice.setValue(options.stream().filter(o -> o.value().equals(viewModel.imageProperty().get()))
                    .findFirst().orElse(null));
            text.setVisible(options.isEmpty());
            choice.setVisible(!options.isEmpty());
        };
        policy.addListener((obs, old, now) -> showOptions.run());
        viewModel.imageProperty().addListener((obs, old, now) -> {
            if (!choice.getItems().isEmpty()) {
                choice.setValue(choice.getItems().stream().filter(o -> o.value().equals(now)).findFirst().orElse(null));
            }
        });
        choice.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel.imageProperty().set(now.value());
            }
        });
        showOptions.run();
        StackPane stack = new StackPane(text, choice);
        stack.setAlignment(Pos.CENTER_LEFT);
        return stack;
    }

    /** The policy's assets as chips with a lock: attached to the workload, not removable here. */
    private Node imposedAssets() {
        FlowPane chips = new FlowPane(6, 6);
        chips.setId("submit-imposed-assets");
        Runnable render = () -> chips.getChildren().setAll(viewModel.imposedAssets().stream().map(asset -> {
            Label chip = new Label(asset, Icons.icon(MaterialDesignL.LOCK_OUTLINE));
            chip.getStyleClass().add("asset-chip");
            chip.setTooltip(new Tooltip("Attached by the policy to every workload of this type in the project; it cannot be removed"));
            return (Node) chip;
        }).toList());
        viewModel.imposedAssets().addListener((ListChangeListener<String>) change -> render.run());
        render.run();
        return chips;
    }

    private static List<DistributedFramework> frameworks(List<FieldRule.Option> options) {
        return Arrays.stream(DistributedFramework.values())
                .filter(f -> f != DistributedFramework.DISTRIBUTED_FRAMEWORK_UNSPECIFIED
                        && f != DistributedFramework.UNRECOGNIZED)
                .filter(f -> options.isEmpty() || options.stream().anyMatch(o -> o.value().equals(
                        f.name().substring("DISTRIBUTED_FRAMEWORK_".length()).toLowerCase(java.util.Locale.ROOT))))
                .toList();
    }

    private static void bindVisible(Node node, javafx.beans.value.ObservableBooleanValue visible) {
        if (visible != null) {
            node.visibleProperty().bind(visible);
            node.managedProperty().bind(visible);
        }
    }

    /** Opens the form for a new workload, or pre-filled from {@code source} (copy & edit). */
    public static void open(SubmitViewModel viewModel, Window owner, Workload source, Consumer<Workload> onSubmitted) {
        String title = source == null ? "New workload" : "Copy of " + source.getSpec().getName()
                + " (" + WorkloadText.type(source.getSpec().getType()) + ")";
        if (source != null) {
            viewModel.prefill(source);
        }
        SubmitView view = new SubmitView(viewModel, owner, title);
        view.dialog().setOnHidden(e -> {
            if (view.dialog().getResult() != null) {
                onSubmitted.accept(view.dialog().getResult());
            }
        });
        view.show();
    }
}
