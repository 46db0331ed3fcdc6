package io.runplane.console.metrics;

import com.google.protobuf.Timestamp;
import io.runplane.api.v1.MetricSeries;
import io.runplane.api.v1.MetricType;
import io.runplane.api.v1.MetricsRequest;
import io.runplane.api.v1.MetricsResponse;
import io.runplane.api.v1.Sample;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadType;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.client.RunplaneClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.ObservableSet;

/**
 * The metrics of the selected workload: GPU utilization (per GPU and the average), GPU memory,
 * CPU usage and CPU memory, for one time range shared by every chart, refreshed while shown.
 */
public final class MetricsViewModel implements AutoCloseable {

    /** The time range presets, shared by all charts. */
    public enum Range {
        LAST_15_MINUTES("Last 15 minutes", Duration.ofMinutes(15), 15),
        LAST_HOUR("Last hour", Duration.ofHours(1), 30),
        LAST_6_HOURS("Last 6 hours", Duration.ofHours(6), 180),
        LAST_24_HOURS("Last 24 hours", Duration.ofHours(24), 600),
        LAST_7_DAYS("Last 7 days", Duration.ofDays(7), 3600);

        private final String label;
        private final Duration length;
        private final long stepSeconds;

        Range(String label, Duration length, long stepSeconds) {
            this.label = label;
            this.length = length;
            this.stepSeconds = stepSeconds;
        }

        public Duration length() {
            return length;
        }

        public long stepSeconds() {
            return stepSeconds;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The charts of every workload, in the order they are shown. */
    public static final List<MetricType> CHARTS = List.of(MetricType.METRIC_TYPE_GPU_UTILIZATION,
            MetricType.METRIC_TYPE_GPU_MEMORY_USAGE, MetricType.METRIC_TYPE_CPU_USAGE, MetricType.METRIC_TYPE_CPU_MEMORY_USAGE);
    /** The charts of an inference workload. */
    public static final List<MetricType> INFERENCE_CHARTS = List.of(MetricType.METRIC_TYPE_THROUGHPUT,
            MetricType.METRIC_TYPE_LATENCY, MetricType.METRIC_TYPE_REPLICAS, MetricType.METRIC_TYPE_GPU_UTILIZATION);
    /** The pod choice meaning "every pod". */
    public static final String ALL_PODS = "All pods";

    private static final Duration REFRESH = Duration.ofSeconds(5);
    /** About this many points per line over a custom range. */
    private static final long CUSTOM_POINTS = 300;

    private final RunplaneClient client;
    private final Background background;
    private final Clock clock;
    private final ObjectProperty<Range> range = new SimpleObjectProperty<>(Range.LAST_15_MINUTES);
    private final ReadOnlyObjectWrapper<TimeSpan> custom = new ReadOnlyObjectWrapper<>();
    private final ObservableMap<MetricType, List<MetricLine>> lines = FXCollections.observableMap(new EnumMap<>(MetricType.class));
    private final ObservableSet<String> hidden = FXCollections.observableSet();
    private final ObservableList<MetricType> charts = FXCollections.observableArrayList(CHARTS);
    private final ObservableList<String> pods = FXCollections.observableArrayList(ALL_PODS);
    private final StringProperty pod = new SimpleStringProperty(ALL_PODS);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Instant> windowStart = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Instant> windowEnd = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TimeSpan> zoom = new ReadOnlyObjectWrapper<>();
    private WorkloadRef workload;
    private Instant workloadStart;
    private ScheduledFuture<?> refresher;
    private long generation;

    public MetricsViewModel(RunplaneClient client, Background background) {
        this(client, background, Clock.systemDefaultZone());
    }

    public MetricsViewModel(RunplaneClient client, Background background, Clock clock) {
        this.client = client;
        this.background = background;
        this.clock = clock;
        range.addListener((obs, old, now) -> {
            if (now == null && custom.get() == null) {
                range.set(old);
                return;
            }
            if (now != null) {
                custom.set(null);
            }
            zoom.set(null);
            refresh();
        });
        pod.addListener((obs, old, now) -> {
            if (!Objects.equals(old, now)) {
                generation++;
                lines.clear();
                refresh();
            }
        });
    }

    /** Shows the metrics of {@code selected}; refreshes every few seconds while a workload is shown. */
    public void show(Workload selected) {
        WorkloadRef ref = selected == null ? null : WorkloadRef.newBuilder()
                .setProject(selected.getSpec().getProject()).setName(selected.getSpec().getName()).build();
        List<String> podNames = new ArrayList<>();
        podNames.add(ALL_PODS);
        if (selected != null) {
            selected.getPodsList().forEach(p -> podNames.add(p.getName()));
        }
        if (!podNames.equals(pods)) {
            pods.setAll(podNames);
        }
        if (Objects.equals(ref, workload)) {
            return;
        }
        workload = ref;
        zoom.set(null);
        pod.set(ALL_PODS);
        List<MetricType> wanted = selected != null && selected.getSpec().getType() == WorkloadType.WORKLOAD_TYPE_INFERENCE
                ? INFERENCE_CHARTS : CHARTS;
        if (!wanted.equals(charts)) {
            charts.setAll(wanted);
        }
        workloadStart = selected == null || !selected.hasCreatedAt() ? null
                : Instant.ofEpochSecond(selected.getCreatedAt().getSeconds(), selected.getCreatedAt().getNanos());
        generation++;
        lines.clear();
        hidden.clear();
        if (refresher != null) {
            refresher.cancel(false);
            refresher = null;
        }
        if (ref == null) {
            status.set("");
            return;
        }
        refresher = background.every(() -> background.ui().post(this::refresh), REFRESH);
    }

    /** The preset shown; null while a custom range is shown. */
    public ObjectProperty<Range> rangeProperty() {
        return range;
    }

    /** The custom range every chart shows instead of a preset; null while a preset is shown. */
    public ReadOnlyObjectProperty<TimeSpan> customRangeProperty() {
        return custom.getReadOnlyProperty();
    }

    /** A form for a custom range, holding the range shown now, in the local time zone. */
    public CustomRangeForm customRangeForm() {
        Instant end = windowEnd.get() != null ? windowEnd.get() : clock.instant();
        Instant start = windowStart.get() != null ? windowStart.get() : end.minus(range.get() == null ? Duration.ofHours(1) : range.get().length());
        if (workloadStart != null && start.isBefore(workloadStart) && workloadStart.isBefore(end)) {
            start = workloadStart;
        }
        return new CustomRangeForm(start, end, workloadStart, clock, clock.getZone());
    }

    /** Shows {@code span} on every chart (a fixed span: it does not move with the clock); zoom starts over. */
    public void showCustom(TimeSpan span) {
        custom.set(Objects.requireNonNull(span, "span"));
        zoom.set(null);
        if (range.get() == null) {
            refresh();
        } else {
            range.set(null);
        }
    }

    /** The charts for the shown workload, in order (inference workloads have their own). */
    public ObservableList<MetricType> charts() {
        return charts;
    }

    /** The pods of the shown workload, and "All pods". */
    public ObservableList<String> pods() {
        return pods;
    }

    public StringProperty podProperty() {
        return pod;
    }

    /** The lines of each chart, by metric type. */
    public ObservableMap<MetricType, List<MetricLine>> lines() {
        return lines;
    }

    /** Legend entries the user switched off. */
    public ObservableSet<String> hiddenLines() {
        return hidden;
    }

    public void setLineVisible(String label, boolean visible) {
        if (visible) {
            hidden.remove(label);
        } else {
            hidden.add(label);
        }
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> windowStartProperty() {
        return windowStart.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> windowEndProperty() {
        return windowEnd.getReadOnlyProperty();
    }

    /** The part of the range every chart shows after the user zoomed in; null when not zoomed. */
    public ReadOnlyObjectProperty<TimeSpan> zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    /**
     * Zooms every chart to the time between {@code from} and {@code to} (in either order), kept
     * within the range shown. Throws {@link IllegalArgumentException} and changes nothing when they
     * are the same instant or the range has not been loaded yet.
     */
    public void zoomTo(Instant from, Instant to) {
        Instant start = windowStart.get();
        Instant end = windowEnd.get();
        if (start == null || end == null) {
            throw new IllegalArgumentException("zoom: no time range is shown yet");
        }
        Instant low = from.isBefore(to) ? from : to;
        Instant high = from.isBefore(to) ? to : from;
        low = low.isBefore(start) ? start : low;
        high = high.isAfter(end) ? end : high;
        if (!high.isAfter(low)) {
            throw new IllegalArgumentException("zoom: the start and the end must differ within the range shown");
        }
        zoom.set(new TimeSpan(low, high));
    }

    /** Shows the whole range again. */
    public void resetZoom() {
        zoom.set(null);
    }

    /** Queries the current range again (on the UI thread; the call runs in the background). */
    public void refresh() {
        WorkloadRef ref = workload;
        if (ref == null) {
            return;
        }
        long current = generation;
        Range r = range.get();
        TimeSpan span = custom.get();
        Instant end = r == null ? span.end() : clock.instant();
        Instant start = r == null ? span.start() : end.minus(r.length());
        long step = r == null ? Math.max(1, Duration.between(start, end).toSeconds() / CUSTOM_POINTS) : r.stepSeconds();
        String chosenPod = pod.get() == null || ALL_PODS.equals(pod.get()) ? "" : pod.get();
        MetricsRequest request = MetricsRequest.newBuilder()
                .setPod(chosenPod)
                .setWorkload(ref)
                .addAllTypes(charts)
                .setStart(timestamp(start))
                .setEnd(timestamp(end))
                .setStepSeconds(step)
                .build();
        background.run(() -> client.metrics(request), response -> {
            if (current == generation) {
                windowStart.set(start);
                windowEnd.set(end);
                apply(response);
            }
        }, error -> {
            if (current == generation) {
                status.set("Metrics unavailable: " + Notifications.describe(error));
            }
        });
    }

    private void apply(MetricsResponse response) {
        Map<MetricType, List<MetricLine>> byType = new EnumMap<>(MetricType.class);
        int samples = 0;
        for (MetricSeries series : response.getSeriesList()) {
            List<MetricLine.Point> points = new ArrayList<>(series.getSamplesCount());
            for (Sample s : series.getSamplesList()) {
                points.add(new MetricLine.Point(s.getTimeMillis(), s.getValue()));
            }
            samples += points.size();
            byType.computeIfAbsent(series.getType(), t -> new ArrayList<>())
                    .add(new MetricLine(label(series), series.getPod(), series.getGpuIndex(), series.getUnit(), points));
        }
        for (MetricType type : charts) {
            List<MetricLine> list = byType.getOrDefault(type, List.of());
            List<MetricLine> sorted = new ArrayList<>(list);
            sorted.sort((a, b) -> a.isAverage() == b.isAverage()
                    ? (a.pod() + a.gpuIndex()).compareTo(b.pod() + b.gpuIndex()) : a.isAverage() ? 1 : -1);
            if (!Objects.equals(lines.get(type), sorted)) {
                lines.put(type, List.copyOf(sorted));
            }
        }
        status.set(samples == 0 ? "No samples in this range yet" : "");
    }

    private static String label(MetricSeries series) {
        boolean perGpu = series.getType() == MetricType.METRIC_TYPE_GPU_UTILIZATION
                || series.getType() == MetricType.METRIC_TYPE_GPU_MEMORY_USAGE;
        if (perGpu && series.getGpuIndex() < 0) {
            return "Average";
        }
        String pod = series.getPod().isBlank() ? "" : series.getPod();
        if (perGpu) {
            return "GPU " + series.getGpuIndex() + (pod.isEmpty() ? "" : " · " + pod);
        }
        return pod.isEmpty() ? "Workload" : pod;
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** When the shown workload was created: charts of a young workload start there, not at the range start. */
    public Instant workloadStart() {
        return workloadStart;
    }

    /** A part of the time axis. */
    public record TimeSpan(Instant start, Instant end) {
        public TimeSpan {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("end must be after start, got " + start + " .. " + end);
            }
        }
    }

    @Override
    public void close() {
        generation++;
        if (refresher != null) {
            refresher.cancel(false);
        }
    }
}
