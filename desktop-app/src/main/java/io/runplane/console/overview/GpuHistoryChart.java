package io.runplane.console.overview;

import io.runplane.console.app.Icons;
import io.runplane.console.metrics.MetricsViewModel.Range;
import io.runplane.console.metrics.TimeAxis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/** The "GPUs over time" card: allocated and total GPUs, and the utilization of the allocated ones, over a range preset. */
final class GpuHistoryChart {


    private static final String ALLOCATED = "#2563eb";
    private static final String TOTAL = "#94a3b8";
    private static final String UTILIZATION = "#16a34a";

    private final GpuHistoryViewModel viewModel;
    private final VBox root;
    private final LineChart<Number, Number> gpus;
    private final LineChart<Number, Number> utilization;

    GpuHistoryChart(GpuHistoryViewModel viewModel) {
        this.viewModel = viewModel;
        Label title = new Label("GPUS OVER TIME", Icons.icon(MaterialDesignC.CHART_LINE));
        title.getStyleClass().add("card-title");
        ComboBox<Range> range = new ComboBox<>();
        range.setId("overview-history-range");
        range.getItems().setAll(Range.values());
        range.valueProperty().bindBidirectional(viewModel.rangeProperty());
        Label status = new Label();
        status.setId("overview-history-status");
        status.getStyleClass().add("muted");
        status.textProperty().bind(viewModel.statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, key(ALLOCATED, "Allocated GPUs"), key(TOTAL, "Total GPUs"),
                key(UTILIZATION, "Utilization of allocated GPUs"), spacer, status, range);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        gpus = chart("overview-history-gpus", "GPUs");
        utilization = chart("overview-history-utilization", "Utilization (%)");
        NumberAxis percent = (NumberAxis) utilization.getYAxis();
        percent.setAutoRanging(false);
        percent.setLowerBound(0);
        percent.setUpperBound(100);
        percent.setTickUnit(25);
        HBox charts = new HBox(16, gpus, utilization);
        HBox.setHgrow(gpus, Priority.ALWAYS);
        HBox.setHgrow(utilization, Priority.ALWAYS);

        root = new VBox(6, header, charts);
        root.setId("overview-history");
        root.getStyleClass().add("card");
        viewModel.points().addListener((ListChangeListener<GpuHistoryViewModel.Point>) c -> render());
        viewModel.windowEndProperty().addListener((obs, old, now) -> render());
        render();
    }

    VBox root() {
        return root;
    }

    private static LineChart<Number, Number> chart(String id, String title) {
        NumberAxis x = TimeAxis.create();
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId(id);
        chart.setTitle(title);
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setMinWidth(260);
        chart.setPrefWidth(520);
        chart.setPrefHeight(180);
        chart.setMinHeight(150);
        return chart;
    }

    private void render() {
        Instant start = viewModel.windowStartProperty().get();
        Instant end = viewModel.windowEndProperty().get();
        if (start != null && end != null) {
            for (LineChart<Number, Number> chart : List.of(gpus, utilization)) {
                NumberAxis x = (NumberAxis) chart.getXAxis();
                x.setLowerBound(start.toEpochMilli());
                x.setUpperBound(end.toEpochMilli());
                x.setTickUnit(Math.max(1, (end.toEpochMilli() - start.toEpochMilli()) / 6.0));
            }
        }
        List<GpuHistoryViewModel.Point> points = viewModel.points();
        gpus.getData().setAll(List.of(series("Allocated", points, GpuHistoryViewModel.Point::allocatedGpus),
                series("Total", points, GpuHistoryViewModel.Point::totalGpus)));
        utilization.getData().setAll(List.of(series("Utilization", points, GpuHistoryViewModel.Point::utilizationPercent)));
        gpus.getData().get(0).getNode().setStyle("-fx-stroke: " + ALLOCATED + ";");
        gpus.getData().get(1).getNode().setStyle("-fx-stroke: " + TOTAL + "; -fx-stroke-dash-array: 6 4;");
        utilization.getData().getFirst().getNode().setStyle("-fx-stroke: " + UTILIZATION + ";");
    }

    private static Label key(String color, String text) {
        Region swatch = new Region();
        swatch.setStyle("-fx-background-color: " + color + "; -fx-min-width: 14; -fx-min-height: 3; -fx-max-height: 3;");
        Label label = new Label(text, swatch);
        label.getStyleClass().add("muted");
        return label;
    }

    private static XYChart.Series<Number, Number> series(String name, List<GpuHistoryViewModel.Point> points,
                                                         ToDoubleFunction<GpuHistoryViewModel.Point> value) {
        List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
        for (GpuHistoryViewModel.Point p : points) {
            data.add(new XYChart.Data<>(p.timeMillis(), value.applyAsDouble(p)));
        }
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        series.getData().setAll(data);
        return series;
    }
}
