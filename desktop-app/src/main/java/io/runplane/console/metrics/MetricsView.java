package io.runplane.console.metrics;

import io.runplane.api.v1.MetricType;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.runplane.console.app.Icons;
import javafx.collections.MapChangeListener;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Four charts sharing one time range; the GPU utilization chart has a toggle per line. Dragging
 * across any chart zooms all of them to that span; Reset zoom (or a double-click) shows the range again.
 */
public final class MetricsView {

    private static final double MIN_ZOOM_PIXELS = 5;
    private static final DateTimeFormatter DAYS_YEAR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final MetricsViewModel viewModel;
    private final VBox root = new VBox();
    private final Map<MetricType, LineChart<Number, Number>> charts = new EnumMap<>(MetricType.class);
    private final FlowPane legend = new FlowPane(10, 4);
    private final HBox row = new HBox(8);

    public MetricsView(MetricsViewModel viewModel) {
        this.viewModel = viewModel;
        root.getStyleClass().add("metrics-pane");
        ComboBox<MetricsViewModel.Range> range = new ComboBox<>();
        range.getItems().setAll(MetricsViewModel.Range.values());
        range.valueProperty().bindBidirectional(viewModel.rangeProperty());
        range.setId("metrics-range");
        range.setPromptText("Custom");
        Button custom = new Button("Custom…", Icons.icon(MaterialDesignC.CALENDAR_RANGE));
        custom.setId("metrics-custom");
        custom.setTooltip(new Tooltip("Show a range of your choice, from one date and time to another"));
        custom.setOnAction(e -> new CustomRangeDialog(viewModel.customRangeForm(), root.getScene().getWindow())
                .dialog().showAndWait().ifPresent(viewModel::showCustom));
        Label customSpan = new Label();
        customSpan.setId("metrics-custom-span");
        customSpan.textProperty().bind(viewModel.customRangeProperty()
                .map(span -> DAYS_YEAR.format(span.start()) + " – " + DAYS_YEAR.format(span.end())));
        customSpan.visibleProperty().bind(viewModel.customRangeProperty().isNotNull());
        customSpan.managedProperty().bind(customSpan.visibleProperty());
        Label status = new Label();
        status.getStyleClass().add("muted");
        status.textProperty().bind(viewModel.statusProperty());
        Label gpuLines = new Label("GPU lines");
        gpuLines.getStyleClass().add("muted");
        legend.setId("metrics-legend");
        legend.setPrefWrapLength(900);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ComboBox<String> pod = new ComboBox<>(viewModel.pods());
        pod.setId("metrics-pod");
        pod.valueProperty().bindBidirectional(viewModel.podProperty());
        pod.setPrefWidth(240);
        Button resetZoom = new Button("Reset zoom", Icons.icon(MaterialDesignM.MAGNIFY_MINUS_OUTLINE));
        resetZoom.setId("metrics-reset-zoom");
        resetZoom.setTooltip(new Tooltip("Show the whole range again (or double-click a chart); drag across a chart to zoom"));
        resetZoom.disableProperty().bind(viewModel.zoomProperty().isNull());
        resetZoom.setOnAction(e -> viewModel.resetZoom());
        HBox bar = new HBox(10, new Label("Range"), range, customSpan, custom, resetZoom, new Label("Pod"), pod, spacer, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("pane-toolbar");
        HBox legendRow = new HBox(10, gpuLines, legend);
        legendRow.setAlignment(Pos.CENTER_LEFT);
        legendRow.setPadding(new Insets(0, 14, 4, 14));
        HBox.setHgrow(legend, Priority.ALWAYS);

        row.setPadding(new Insets(0, 8, 8, 8));
        VBox.setVgrow(row, Priority.ALWAYS);
        root.getChildren().addAll(bar, legendRow, row);
        buildCharts();
        viewModel.charts().addListener((javafx.collections.ListChangeListener<MetricType>) change -> buildCharts());

        viewModel.lines().addListener((MapChangeListener<MetricType, List<MetricLine>>) change -> render(change.getKey()));
        viewModel.hiddenLines().addListener((SetChangeListener<String>) change -> viewModel.charts().forEach(this::render));
        viewModel.windowEndProperty().addListener((obs, old, now) -> charts.values().forEach(this::fitWindow));
        viewModel.zoomProperty().addListener((obs, old, now) -> charts.values().forEach(this::fitWindow));
    }

    public VBox root() {
        return root;
    }

    private void buildCharts() {
        charts.clear();
        row.getChildren().clear();
        for (MetricType type : viewModel.charts()) {
            LineChart<Number, Number> chart = chart(type);
            charts.put(type, chart);
            chart.setPrefWidth(320);
            chart.setMinWidth(200);
            StackPane holder = zoomable(chart);
            HBox.setHgrow(holder, Priority.ALWAYS);
            row.getChildren().add(holder);
            render(type);
        }
    }

    private LineChart<Number, Number> chart(MetricType type) {
        NumberAxis x = TimeAxis.create();
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        if (type == MetricType.METRIC_TYPE_GPU_UTILIZATION) {
            y.setAutoRanging(false);
            y.setLowerBound(0);
            y.setUpperBound(100);
            y.setTickUnit(25);
        }
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("chart-" + type.name());
        chart.setTitle(title(type));
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendVisible(type != MetricType.METRIC_TYPE_GPU_UTILIZATION);
        chart.setMinHeight(160);
        chart.setPrefHeight(220);
        return chart;
    }

    /** The chart with a rectangle the user drags across it to zoom every chart to that time span. */
    private StackPane zoomable(LineChart<Number, Number> chart) {
        NumberAxis x = (NumberAxis) chart.getXAxis();
        Rectangle area = new Rectangle();
        area.getStyleClass().add("zoom-area");
        area.setFill(Color.rgb(59, 130, 246, 0.18));
        area.setStroke(Color.rgb(59, 130, 246, 0.8));
        area.setVisible(false);
        area.setManaged(false);
        Pane overlay = new Pane(area);
        overlay.setMouseTransparent(true);
        double[] anchor = new double[1];
        chart.setOnMousePressed(e -> {
            if (e.getButton() == MouseButton.PRIMARY && onPlot(x, e.getSceneX())) {
                anchor[0] = e.getSceneX();
                Point2D at = overlay.sceneToLocal(e.getSceneX(), plotTop(chart));
                area.relocate(at.getX(), at.getY());
                area.setWidth(0);
                area.setHeight(plotHeight(chart));
                area.setVisible(true);
            }
        });
        chart.setOnMouseDragged(e -> {
            if (area.isVisible()) {
                double from = overlay.sceneToLocal(Math.min(anchor[0], e.getSceneX()), 0).getX();
                double to = overlay.sceneToLocal(Math.max(anchor[0], e.getSceneX()), 0).getX();
                area.setLayoutX(from);
                area.setWidth(to - from);
            }
        });
        chart.setOnMouseReleased(e -> {
            if (!area.isVisible()) {
                return;
            }
            area.setVisible(false);
            if (Math.abs(e.getSceneX() - anchor[0]) >= MIN_ZOOM_PIXELS) {
                viewModel.zoomTo(timeAt(x, anchor[0]), timeAt(x, e.getSceneX()));
            }
        });
        chart.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                viewModel.resetZoom();
            }
        });
        StackPane holder = new StackPane(chart, overlay);
        holder.setMinWidth(200);
        return holder;
    }

    private static boolean onPlot(NumberAxis x, double sceneX) {
        double local = x.sceneToLocal(sceneX, 0).getX();
        return local >= 0 && local <= x.getWidth();
    }

    private static Instant timeAt(NumberAxis x, double sceneX) {
        double local = Math.clamp(x.sceneToLocal(sceneX, 0).getX(), 0, x.getWidth());
        return Instant.ofEpochMilli(x.getValueForDisplay(local).longValue());
    }

    private static double plotTop(LineChart<Number, Number> chart) {
        Node plot = chart.lookup(".chart-plot-background");
        return plot == null ? chart.localToScene(0, 0).getY() : plot.localToScene(0, 0).getY();
    }

    private static double plotHeight(LineChart<Number, Number> chart) {
        Node plot = chart.lookup(".chart-plot-background");
        return plot == null ? chart.getHeight() : plot.getBoundsInLocal().getHeight();
    }

    private static String title(MetricType type) {
        return switch (type) {
            case METRIC_TYPE_GPU_UTILIZATION -> "GPU utilization (%)";
            case METRIC_TYPE_GPU_MEMORY_USAGE -> "GPU memory (MiB)";
            case METRIC_TYPE_CPU_USAGE -> "CPU usage (millicores)";
            case METRIC_TYPE_CPU_MEMORY_USAGE -> "CPU memory (MiB)";
            case METRIC_TYPE_THROUGHPUT -> "Throughput (requests/s)";
            case METRIC_TYPE_LATENCY -> "Latency (ms)";
            case METRIC_TYPE_REPLICAS -> "Replicas";
            default -> type.name();
        };
    }

    private void fitWindow(LineChart<Number, Number> chart) {
        NumberAxis x = (NumberAxis) chart.getXAxis();
        Instant start = viewModel.windowStartProperty().get();
        Instant end = viewModel.windowEndProperty().get();
        Instant created = viewModel.workloadStart();
        MetricsViewModel.TimeSpan zoom = viewModel.zoomProperty().get();
        if (zoom != null) {
            start = zoom.start();
            end = zoom.end();
        } else if (start != null && created != null && created.isAfter(start) && created.isBefore(end)) {
            start = created;
        }
        if (start != null && end != null) {
            x.setLowerBound(start.toEpochMilli());
            x.setUpperBound(end.toEpochMilli());
            x.setTickUnit(Math.max(1, (end.toEpochMilli() - start.toEpochMilli()) / 6.0));
        }
    }

    private void render(MetricType type) {
        LineChart<Number, Number> chart = charts.get(type);
        if (chart == null) {
            return;
        }
        List<MetricLine> all = viewModel.lines().getOrDefault(type, List.of());
        List<XYChart.Series<Number, Number>> series = new ArrayList<>();
        for (MetricLine line : all) {
            if (viewModel.hiddenLines().contains(line.label())) {
                continue;
            }
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(line.label());
            for (MetricLine.Point p : line.points()) {
                s.getData().add(new XYChart.Data<>(p.timeMillis(), p.value()));
            }
            series.add(s);
        }
        chart.getData().setAll(series);
        fitWindow(chart);
        if (type == MetricType.METRIC_TYPE_GPU_UTILIZATION) {
            renderLegend(all);
        }
    }

    private void renderLegend(List<MetricLine> all) {
        List<String> labels = all.stream().map(MetricLine::label).toList();
        List<String> current = legend.getChildren().stream().map(n -> ((CheckBox) n).getText()).toList();
        if (labels.equals(current)) {
            legend.getChildren().forEach(n -> ((CheckBox) n).setSelected(!viewModel.hiddenLines().contains(((CheckBox) n).getText())));
            return;
        }
        legend.getChildren().clear();
        for (String label : labels) {
            CheckBox box = new CheckBox(label);
            box.setSelected(!viewModel.hiddenLines().contains(label));
            box.selectedProperty().addListener((obs, old, on) -> viewModel.setLineVisible(label, on));
            box.getStyleClass().add("legend-toggle");
            legend.getChildren().add(box);
        }
    }
}
