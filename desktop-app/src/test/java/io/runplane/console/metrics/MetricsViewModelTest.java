package io.runplane.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.MetricSeries;
import io.runplane.api.v1.MetricType;
import io.runplane.api.v1.MetricsResponse;
import io.runplane.api.v1.Pod;
import io.runplane.api.v1.Sample;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.Workloads;
import io.runplane.console.app.Background;
import io.runplane.console.app.UiThread;
import io.runplane.console.client.ServiceException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsViewModelTest {

    private final FakeRunplaneClient client = new FakeRunplaneClient();
    private final Background background = Background.inline(UiThread.callingThread());
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);
    private final MetricsViewModel metrics = new MetricsViewModel(client, background, clock);

    @AfterEach
    void close() {
        metrics.close();
        background.close();
    }

    private static MetricSeries series(MetricType type, String pod, int gpu, double... values) {
        MetricSeries.Builder s = MetricSeries.newBuilder().setType(type).setPod(pod).setGpuIndex(gpu).setUnit("percent");
        for (int i = 0; i < values.length; i++) {
            s.addSamples(Sample.newBuilder().setTimeMillis(1_000L * i).setValue(values[i]));
        }
        return s.build();
    }

    private static Workload training() {
        return Workloads.workload("team-a", "alpha", WorkloadStatus.WORKLOAD_STATUS_RUNNING, 2, 1).toBuilder()
                .addPods(Pod.newBuilder().setName("alpha-0")).build();
    }

    @Test
    void asksForTheRangeAndGroupsTheSeriesIntoCharts() {
        client.metrics = MetricsResponse.newBuilder()
                .addSeries(series(MetricType.METRIC_TYPE_GPU_UTILIZATION, "alpha-0", -1, 50, 60))
                .addSeries(series(MetricType.METRIC_TYPE_GPU_UTILIZATION, "alpha-0", 1, 40, 50))
                .addSeries(series(MetricType.METRIC_TYPE_GPU_UTILIZATION, "alpha-0", 0, 60, 70))
                .addSeries(series(MetricType.METRIC_TYPE_CPU_USAGE, "alpha-0", -1, 900))
                .build();
        metrics.show(training());
        metrics.refresh();
        assertThat(metrics.lines().get(MetricType.METRIC_TYPE_GPU_UTILIZATION)).extracting(MetricLine::label)
                .containsExactly("GPU 0 · alpha-0", "GPU 1 · alpha-0", "Average");
        assertThat(metrics.lines().get(MetricType.METRIC_TYPE_CPU_USAGE)).extracting(MetricLine::label).containsExactly("alpha-0");
        assertThat(metrics.lines().get(MetricType.METRIC_TYPE_GPU_MEMORY_USAGE)).isEmpty();
        assertThat(metrics.windowEndProperty().get()).isEqualTo(clock.instant());
        assertThat(metrics.windowStartProperty().get()).isEqualTo(clock.instant().minus(MetricsViewModel.Range.LAST_15_MINUTES.length()));

        metrics.rangeProperty().set(MetricsViewModel.Range.LAST_24_HOURS);
        assertThat(metrics.windowStartProperty().get()).isEqualTo(clock.instant().minusSeconds(24 * 3600));
        assertThat(metrics.charts()).containsExactlyElementsOf(MetricsViewModel.CHARTS);
    }

    @Test
    void legendTogglesHideLines() {
        metrics.setLineVisible("Average", false);
        assertThat(metrics.hiddenLines()).containsExactly("Average");
        metrics.setLineVisible("Average", true);
        assertThat(metrics.hiddenLines()).isEmpty();
    }

    @Test
    void inferenceWorkloadsGetTheirOwnCharts() {
        metrics.show(training().toBuilder().setSpec(training().getSpec().toBuilder().setType(WorkloadType.WORKLOAD_TYPE_INFERENCE)).build());
        assertThat(metrics.charts()).containsExactlyElementsOf(MetricsViewModel.INFERENCE_CHARTS);
    }

    @Test
    void aPodChoiceNarrowsTheQueryAndAnErrorIsShown() {
        metrics.show(training());
        assertThat(metrics.pods()).containsExactly(MetricsViewModel.ALL_PODS, "alpha-0");
        client.metricsFailure = new ServiceException("NOT_FOUND", "workload alpha has no started pod named alpha-0");
        metrics.podProperty().set("alpha-0");
        assertThat(client.calls).contains("metrics alpha pod alpha-0");
        assertThat(metrics.statusProperty().get()).isEqualTo("Metrics unavailable: workload alpha has no started pod named alpha-0");
    }

    @Test
    void zoomNarrowsEveryChartToASpanWithinTheRangeUntilReset() {
        metrics.show(training());
        metrics.refresh();
        Instant end = clock.instant();
        metrics.zoomTo(end.minusSeconds(120), end.minusSeconds(600));
        assertThat(metrics.zoomProperty().get())
                .isEqualTo(new MetricsViewModel.TimeSpan(end.minusSeconds(600), end.minusSeconds(120)));

        metrics.zoomTo(end.minusSeconds(3600), end.minusSeconds(800));
        assertThat(metrics.zoomProperty().get().start()).isEqualTo(metrics.windowStartProperty().get());

        metrics.resetZoom();
        assertThat(metrics.zoomProperty().get()).isNull();

        metrics.zoomTo(end.minusSeconds(300), end.minusSeconds(60));
        metrics.rangeProperty().set(MetricsViewModel.Range.values()[1]);
        assertThat(metrics.zoomProperty().get()).as("a new range shows all of it").isNull();
    }

    @Test
    void aZoomOfNoWidthIsRefusedAndChangesNothing() {
        metrics.show(training());
        metrics.refresh();
        Instant end = clock.instant();
        metrics.zoomTo(end.minusSeconds(300), end.minusSeconds(60));
        MetricsViewModel.TimeSpan before = metrics.zoomProperty().get();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> metrics.zoomTo(end.minusSeconds(30), end.minusSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zoom");
        assertThat(metrics.zoomProperty().get()).isEqualTo(before);
    }

    @Test
    void zoomingBeforeAnyRangeIsShownIsRefused() {
        Instant end = clock.instant();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> metrics.zoomTo(end.minusSeconds(60), end))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zoom: no time range");
        assertThat(metrics.zoomProperty().get()).isNull();
    }
}
