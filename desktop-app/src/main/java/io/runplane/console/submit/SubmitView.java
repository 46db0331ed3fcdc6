package io.runplane.console.submit;

import io.runplane.api.v1.DistributedFramework;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadType;
import io.runplane.console.app.Icons;
import io.runplane.console.workloads.WorkloadText;
import java.util.Arrays;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.Property;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** The new-workload form, as a dialog: the type, then the fields of that type, each with its message. */
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
        createButton.disableProperty().bind(viewModel.busyProperty());
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
        VBox box = new VBox(2, label, hint);
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
        addRow("Project", project, viewModel.errorProperty(FormField.PROJECT), null);
        addRow("Name", text("submit-name", viewModel.nameProperty(), "e.g. resnet-50-sweep"),
                viewModel.errorProperty(FormField.NAME), null);

        section("Environment");
        addRow("Image", text("submit-image", viewModel.imageProperty(), "e.g. pytorch/pytorch:2.4-cuda12"),
                viewModel.errorProperty(FormField.IMAGE), null);
        addRow("Command", text("submit-command", viewModel.commandProperty(), "e.g. python train.py --epochs 10"),
                viewModel.errorProperty(FormField.COMMAND), null);

        section("Compute");
        addRow("GPU devices", text("submit-gpus", viewModel.gpusProperty(), "whole GPUs per pod"),
                viewModel.errorProperty(FormField.GPUS), null);
        addRow("GPU portion", text("submit-gpu-portion", viewModel.gpuPortionProperty(), "or a fraction of one GPU, e.g. 0.5"),
                viewModel.errorProperty(FormField.GPU_PORTION), null);
        addRow("CPU cores", text("submit-cpu", viewModel.cpuProperty(), "optional, e.g. 4"),
                viewModel.errorProperty(FormField.CPU), null);
        addRow("CPU memory (GiB)", text("submit-memory", viewModel.memoryProperty(), "optional, e.g. 16"),
                viewModel.errorProperty(FormField.MEMORY), null);
        ComboBox<SubmitViewModel.Preemption> preemption = new ComboBox<>();
        preemption.getItems().setAll(SubmitViewModel.Preemption.values());
        preemption.valueProperty().bindBidirectional(viewModel.preemptionProperty());
        preemption.setId("submit-preemption");
        addRow("Priority", preemption, null, null);

        var training = viewModel.typeProperty().isEqualTo(WorkloadType.WORKLOAD_TYPE_TRAINING);
        var distributed = viewModel.typeProperty().isEqualTo(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED);
        var inference = viewModel.typeProperty().isEqualTo(WorkloadType.WORKLOAD_TYPE_INFERENCE);
        var interactive = viewModel.typeProperty().isEqualTo(WorkloadType.WORKLOAD_TYPE_INTERACTIVE);

        section("Training", training);
        addRow("Completions", text("submit-completions", viewModel.completionsProperty(), "runs to complete (default 1)"),
                viewModel.errorProperty(FormField.COMPLETIONS), training);
        addRow("Parallelism", text("submit-parallelism", viewModel.parallelismProperty(), "runs at a time (default 1)"),
                viewModel.errorProperty(FormField.PARALLELISM), training);

        section("Distributed training", distributed);
        ComboBox<DistributedFramework> framework = new ComboBox<>();
        framework.getItems().setAll(Arrays.stream(DistributedFramework.values())
                .filter(f -> f != DistributedFramework.DISTRIBUTED_FRAMEWORK_UNSPECIFIED
                        && f != DistributedFramework.UNRECOGNIZED).toList());
        framework.valueProperty().bindBidirectional(viewModel.frameworkProperty());
        framework.setConverter(new StringConverter<>() {
            @Override
            public String toString(DistributedFramework f) {
                return f == null ? "" : switch (f) {
                    case DISTRIBUTED_FRAMEWORK_PYTORCH -> "PyTorch";
                    case DISTRIBUTED_FRAMEWORK_TENSORFLOW -> "TensorFlow";
                    case DISTRIBUTED_FRAMEWORK_MPI -> "MPI";
                    case DISTRIBUTED_FRAMEWORK_XGBOOST -> "XGBoost";
                    default -> f.name();
                };
            }

            @Override
            public DistributedFramework fromString(String s) {
                return null;
            }
        });
        framework.setId("submit-framework");
        addRow("Framework", framework, null, distributed);
        addRow("Workers", text("submit-workers", viewModel.workersProperty(), "number of worker pods"),
                viewModel.errorProperty(FormField.WORKERS), distributed);
        CheckBox master = new CheckBox("Workers & master (master inherits the workers' compute)");
        master.selectedProperty().bindBidirectional(viewModel.masterProperty());
        master.setId("submit-master");
        addRow("Master", master, null, distributed);

        section("Inference", inference);
        addRow("Min replicas", text("submit-min-replicas", viewModel.minReplicasProperty(), "0 scales to zero"),
                viewModel.errorProperty(FormField.MIN_REPLICAS), inference);
        addRow("Max replicas", text("submit-max-replicas", viewModel.maxReplicasProperty(), ""),
                viewModel.errorProperty(FormField.MAX_REPLICAS), inference);

        section("Tool", interactive.or(inference));
        ComboBox<String> tool = new ComboBox<>();
        tool.getItems().setAll("jupyter", "tensorboard", "vscode", "custom");
        tool.valueProperty().bindBidirectional(viewModel.toolProperty());
        tool.setId("submit-tool");
        addRow("Tool", tool, null, interactive);
        addRow("Container port", text("submit-port", viewModel.portProperty(), "e.g. 8888"),
                viewModel.errorProperty(FormField.PORT), interactive.or(inference));

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
        scroll.setPrefViewportHeight(520);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox box = new VBox(10, scroll, serverError, busyText);
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

    private void addRow(String labelText, Node field, ReadOnlyStringProperty error,
                        javafx.beans.value.ObservableBooleanValue visible) {
        Label label = new Label(labelText);
        label.getStyleClass().add("form-label");
        label.setLabelFor(field);
        if (field instanceof javafx.scene.control.Control control) {
            control.setMaxWidth(Double.MAX_VALUE);
        }
        grid.add(label, 0, row);
        grid.add(field, 1, row++);
        bindVisible(label, visible);
        bindVisible(field, visible);
        if (error != null) {
            Label message = new Label();
            message.getStyleClass().add("field-error");
            message.setWrapText(true);
            field.getId();
            message.setId(field.getId() + "-error");
            message.textProperty().bind(error);
            var shown = visible == null ? error.isNotEmpty() : Bindings.and(error.isNotEmpty(), visible);
            message.visibleProperty().bind(shown);
            message.managedProperty().bind(shown);
            error.addListener((obs, old, now) -> {
                field.getStyleClass().remove("invalid");
                if (now != null && !now.isEmpty()) {
                    field.getStyleClass().add("invalid");
                }
            });
            grid.add(message, 1, row++);
        } else {
            row++;
        }
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
