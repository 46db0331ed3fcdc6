package io.runplane.console.overview;

import io.runplane.api.v1.Workload;
import io.runplane.console.app.Icons;
import io.runplane.console.workloads.WorkloadText;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/** The overview dashboard: allocation cards, GPUs over time and each project's GPUs against its quota. */
public final class OverviewView {

    private final VBox root = new VBox(16);

    /**
     * @param waiting the workloads waiting for resources (from the live workloads table)
     */
    public OverviewView(OverviewViewModel viewModel, ObservableList<Workload> waiting) {
        root.getStyleClass().add("overview");
        root.setId("overview");

        ProgressBar allocation = new ProgressBar();
        allocation.setMaxWidth(Double.MAX_VALUE);
        allocation.progressProperty().bind(Bindings.createDoubleBinding(() -> viewModel.totalGpusProperty().get() == 0 ? 0
                : viewModel.allocatedGpusProperty().get() / viewModel.totalGpusProperty().get(),
                viewModel.totalGpusProperty(), viewModel.allocatedGpusProperty()));
        Label gpuValue = value("overview-gpus");
        gpuValue.textProperty().bind(Bindings.createStringBinding(() -> WorkloadText.gpus(viewModel.allocatedGpusProperty().get())
                + " / " + viewModel.totalGpusProperty().get(), viewModel.allocatedGpusProperty(), viewModel.totalGpusProperty()));
        Label gpuCaption = new Label();
        gpuCaption.getStyleClass().add("muted");
        gpuCaption.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%.0f%% allocated on %d nodes",
                allocation.getProgress() * 100, viewModel.nodesProperty().get()), allocation.progressProperty(), viewModel.nodesProperty()));
        Node gpus = card("GPU ALLOCATION", MaterialDesignC.CHIP, gpuValue, allocation, gpuCaption);

        Label runningValue = value("overview-running");
        runningValue.textProperty().bind(viewModel.runningProperty().asString());
        Node running = card("RUNNING WORKLOADS", MaterialDesignP.PLAY_CIRCLE_OUTLINE, runningValue);
        Label pendingValue = value("overview-pending");
        pendingValue.textProperty().bind(viewModel.pendingProperty().asString());
        Label pendingCaption = new Label("waiting for GPUs");
        pendingCaption.getStyleClass().add("muted");
        Node pending = card("PENDING WORKLOADS", MaterialDesignT.TIMER_SAND, pendingValue, pendingCaption);

        HBox cards = new HBox(16, gpus, running, pending);
        HBox.setHgrow(gpus, Priority.ALWAYS);
        HBox.setHgrow(running, Priority.ALWAYS);
        HBox.setHgrow(pending, Priority.ALWAYS);

        TableView<OverviewViewModel.ProjectAllocation> table = new TableView<>(viewModel.projects());
        table.setId("overview-projects");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No projects"));
        table.getColumns().add(column("Project", OverviewViewModel.ProjectAllocation::project, 160));
        table.getColumns().add(column("Department", OverviewViewModel.ProjectAllocation::department, 140));
        table.getColumns().add(column("Allocated GPUs", p -> WorkloadText.gpus(p.allocatedGpus()), 120));
        table.getColumns().add(column("GPU quota", p -> p.quotaGpus() < 0 ? "Unlimited" : WorkloadText.gpus(p.quotaGpus()), 100));
        TableColumn<OverviewViewModel.ProjectAllocation, OverviewViewModel.ProjectAllocation> ratio = new TableColumn<>("Allocation ratio");
        ratio.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        ratio.setCellFactory(c -> new RatioCell());
        ratio.setPrefWidth(320);
        table.getColumns().add(ratio);
        table.setFixedCellSize(36);
        table.prefHeightProperty().bind(Bindings.size(table.getItems()).multiply(36).add(40));
        table.setMaxHeight(Region.USE_PREF_SIZE);
        table.setMinHeight(Region.USE_PREF_SIZE);

        Label projectsTitle = new Label("PROJECTS — GPU ALLOCATION AGAINST QUOTA");
        projectsTitle.getStyleClass().add("card-title");
        Label status = new Label();
        status.getStyleClass().add("muted");
        status.textProperty().bind(viewModel.statusProperty());
        VBox projects = new VBox(10, projectsTitle, table, status);
        projects.getStyleClass().add("card");

        VBox poolList = new VBox(10);
        poolList.setId("overview-pools");
        Runnable renderPools = () -> poolList.getChildren().setAll(viewModel.pools().stream().map(OverviewView::pool).toList());
        viewModel.pools().addListener((ListChangeListener<OverviewViewModel.PoolAllocation>) c -> renderPools.run());
        renderPools.run();
        Label poolsTitle = new Label("NODE POOLS", Icons.icon(MaterialDesignS.SERVER_NETWORK));
        poolsTitle.getStyleClass().add("card-title");
        VBox pools = new VBox(10, poolsTitle, poolList);
        pools.getStyleClass().add("card");
        pools.setPrefWidth(420);

        ListView<Workload> pendingList = new ListView<>(waiting);
        pendingList.setId("overview-pending-list");
        pendingList.setPlaceholder(new Label("Nothing is waiting"));
        pendingList.setPrefHeight(180);
        pendingList.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(Workload w, boolean empty) {
                super.updateItem(w, empty);
                if (empty || w == null) {
                    setText(null);
                    return;
                }
                String reason = w.getStatusMessage().isBlank() ? "" : " — " + w.getStatusMessage();
                setText(w.getSpec().getName() + " (" + w.getSpec().getProject() + ", "
                        + WorkloadText.gpus(w.getRequested().getGpu()) + " GPU)" + reason);
            }
        });
        Label pendingTitle = new Label("PENDING WORKLOADS", Icons.icon(MaterialDesignT.TIMER_SAND));
        pendingTitle.getStyleClass().add("card-title");
        VBox pendingCard = new VBox(10, pendingTitle, pendingList);
        pendingCard.getStyleClass().add("card");
        VBox.setVgrow(pendingList, Priority.ALWAYS);
        HBox lower = new HBox(16, pools, pendingCard);
        HBox.setHgrow(pendingCard, Priority.ALWAYS);

        root.getChildren().addAll(cards, new GpuHistoryChart(viewModel.history()).root(), projects, lower);
    }

    public VBox root() {
        return root;
    }

    private static Node pool(OverviewViewModel.PoolAllocation pool) {
        Label name = new Label(pool.pool());
        name.getStyleClass().add("pool-name");
        Label numbers = new Label(WorkloadText.gpus(pool.allocatedGpus()) + " / " + pool.totalGpus() + " GPUs"
                + (pool.placement().isBlank() ? "" : " · " + pool.placement()));
        numbers.getStyleClass().add("muted");
        ProgressBar bar = new ProgressBar(pool.totalGpus() == 0 ? 0 : pool.allocatedGpus() / pool.totalGpus());
        bar.setMaxWidth(Double.MAX_VALUE);
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, name, spacer, numbers);
        return new VBox(4, header, bar);
    }

    private static Label value(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("card-value");
        return label;
    }

    private static Node card(String title, Ikon ikon, Node... body) {
        Label label = new Label(title, Icons.icon(ikon));
        label.getStyleClass().add("card-title");
        VBox card = new VBox(8, label);
        card.getChildren().addAll(body);
        card.getStyleClass().add("card");
        card.setMinWidth(220);
        return card;
    }

    private static TableColumn<OverviewViewModel.ProjectAllocation, String> column(
            String title, java.util.function.Function<OverviewViewModel.ProjectAllocation, String> value, double width) {
        TableColumn<OverviewViewModel.ProjectAllocation, String> column = new TableColumn<>(title);
        column.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static final class RatioCell extends TableCell<OverviewViewModel.ProjectAllocation, OverviewViewModel.ProjectAllocation> {
        private final ProgressBar bar = new ProgressBar();
        private final Label text = new Label();
        private final HBox box = new HBox(8, bar, text);

        RatioCell() {
            bar.setPrefWidth(200);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(OverviewViewModel.ProjectAllocation item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            double ratio = item.ratio();
            bar.setProgress(Double.isInfinite(ratio) ? 1 : Math.min(1, ratio));
            bar.getStyleClass().remove("over-quota");
            if (ratio > 1) {
                bar.getStyleClass().add("over-quota");
            }
            text.setText(item.quotaGpus() < 0 ? "no limit" : Double.isInfinite(ratio) ? "over quota (no quota)"
                    : String.format(Locale.ROOT, "%.0f%%", ratio * 100));
            setGraphic(box);
        }
    }
}
