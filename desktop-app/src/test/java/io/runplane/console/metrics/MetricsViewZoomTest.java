package io.runplane.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.MetricSeries;
import io.runplane.api.v1.MetricType;
import io.runplane.api.v1.MetricsResponse;
import io.runplane.api.v1.Pod;
import io.runplane.api.v1.Sample;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.Workloads;
import io.runplane.console.app.Background;
import io.runplane.console.app.Styles;
import io.runplane.console.app.UiThread;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Dragging across one metrics chart zooms all four to that span; Reset zoom shows the range again. */
@ExtendWith(ApplicationExtension.class)
class MetricsViewZoomTest {

    private static final List<String> CHARTS = List.of("#chart-METRIC_TYPE_GPU_UTILIZATION", "#chart-METRIC_TYPE_GPU_MEMORY_USAGE",
            "#chart-METRIC_TYPE_CPU_USAGE", "#chart-METRIC_TYPE_CPU_MEMORY_USAGE");

    private final FakeRunplaneClient client = new FakeRunplaneClient();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);
    private Background background;
    private MetricsViewModel metrics;

    @Start
    void start(Stage stage) {
        background = new Background(UiThread.fx());
        metrics = new MetricsViewModel(client, background, clock);
        Scene scene = new Scene(new MetricsView(metrics).root(), 1400, 420);
        scene.getStylesheets().add(Styles.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        metrics.close();
        background.close();
    }

    @Test
    void dragToZoomAllChartsThenReset(FxRobot robot) throws Exception {
        MetricsResponse.Builder response = MetricsResponse.newBuilder();
        for (MetricType type : MetricsViewModel.CHARTS) {
            MetricSeries.Builder series = MetricSeries.newBuilder().setType(type).setPod("alpha-0").setGpuIndex(-1);
            for (int minute = 15; minute >= 0; minute--) {
                series.addSamples(Sample.newBuilder().setTimeMillis(clock.millis() - minute * 60_000L).setValue(40 + minute));
            }
            response.addSeries(series);
        }
        client.metrics = response.build();
        Workload workload = Workloads.workload("team-a", "alpha", WorkloadStatus.WORKLOAD_STATUS_RUNNING, 1, 1).toBuilder()
                .addPods(Pod.newBuilder().setName("alpha-0")).build();
        robot.interact(() -> {
            metrics.show(workload);
            metrics.refresh();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> metrics.windowEndProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        long windowStart = metrics.windowStartProperty().get().toEpochMilli();
        long windowEnd = metrics.windowEndProperty().get().toEpochMilli();
        assertThat(robot.lookup("#metrics-reset-zoom").queryButton().isDisabled()).isTrue();
        assertAllCharts(robot, windowStart, windowEnd);

        NumberAxis gpuAxis = axis(robot, CHARTS.getFirst());
        Bounds plot = robot.lookup(CHARTS.getFirst()).query().lookup(".chart-plot-background").localToScreen(
                robot.lookup(CHARTS.getFirst()).query().lookup(".chart-plot-background").getBoundsInLocal());
        double y = plot.getMinY() + plot.getHeight() / 2;
        Point2D from = new Point2D(plot.getMinX() + plot.getWidth() * 0.25, y);
        Point2D to = new Point2D(plot.getMinX() + plot.getWidth() * 0.75, y);
        robot.moveTo(from).press(MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();

        MetricsViewModel.TimeSpan zoom = metrics.zoomProperty().get();
        assertThat(zoom).as("the drag zoomed").isNotNull();
        long zoomStart = zoom.start().toEpochMilli();
        long zoomEnd = zoom.end().toEpochMilli();
        long third = (windowEnd - windowStart) / 3;
        assertThat(zoomStart).isBetween(windowStart + third / 2, windowStart + third);
        assertThat(zoomEnd).isBetween(windowEnd - third, windowEnd - third / 2);
        assertThat(gpuAxis.getLowerBound()).isEqualTo(zoomStart);
        assertAllCharts(robot, zoomStart, zoomEnd);
        assertThat(robot.lookup("#metrics-reset-zoom").queryButton().isDisabled()).isFalse();

        robot.clickOn("#metrics-reset-zoom");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(metrics.zoomProperty().get()).isNull();
        assertAllCharts(robot, windowStart, windowEnd);
    }

    private static NumberAxis axis(FxRobot robot, String chart) {
        Node node = robot.lookup(chart).query();
        return (NumberAxis) ((LineChart<?, ?>) node).getXAxis();
    }

    private static void assertAllCharts(FxRobot robot, long start, long end) {
        for (String chart : CHARTS) {
            NumberAxis x = axis(robot, chart);
            assertThat(x.getLowerBound()).as(chart + " from").isEqualTo(start);
            assertThat(x.getUpperBound()).as(chart + " to").isEqualTo(end);
        }
    }
}
