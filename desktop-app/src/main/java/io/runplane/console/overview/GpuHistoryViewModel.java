package io.runplane.console.overview;

import com.google.protobuf.Timestamp;
import io.runplane.api.v1.OverviewHistoryRequest;
import io.runplane.api.v1.OverviewPoint;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.client.RunplaneClient;
import io.runplane.console.metrics.MetricsViewModel.Range;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The cluster's GPUs over time (total, allocated, utilization) for a range preset, refreshed every few seconds. */
public final class GpuHistoryViewModel implements AutoCloseable {

    /** The cluster at one time; utilization is the average over the GPUs running pods hold, in percent. */
    public record Point(long timeMillis, double totalGpus, double allocatedGpus, double utilizationPercent) {
    }

    private static final Duration REFRESH = Duration.ofSeconds(5);
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final RunplaneClient client;
    private final Background background;
    private final Clock clock;
    private final ObjectProperty<Range> range = new SimpleObjectProperty<>(Range.LAST_15_MINUTES);
    private final ObservableList<Point> points = FXCollections.observableArrayList();
    private final ObservableList<Point> readOnlyPoints = FXCollections.unmodifiableObservableList(points);
    private final ReadOnlyObjectWrapper<Instant> windowStart = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Instant> windowEnd = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Loading…");
    private ScheduledFuture<?> refresher;
    private long generation;

    public GpuHistoryViewModel(RunplaneClient client, Background background, Clock clock) {
        this.client = client;
        this.background = background;
        this.clock = clock;
        range.addListener((obs, old, now) -> refresh());
    }

    /** Refreshes now and then every few seconds until closed. */
    public void start() {
        if (refresher == null) {
            refresher = background.every(() -> background.ui().post(this::refresh), REFRESH);
        }
    }

    /**
     * Asks for the current range (on the UI thread; the call runs in the background). Every point kept
     * is asked for: the agent keeps at most about 530 (fine samples, then 5-minute averages).
     */
    public void refresh() {
        long current = ++generation;
        Range r = range.get();
        Instant end = clock.instant();
        Instant start = end.minus(r.length());
        OverviewHistoryRequest request = OverviewHistoryRequest.newBuilder()
                .setStart(timestamp(start))
                .setEnd(timestamp(end))
                .build();
        background.run(() -> client.overviewHistory(request), response -> {
            if (current != generation) {
                return;
            }
            List<Point> list = response.getPointsList().stream().map(GpuHistoryViewModel::point).toList();
            // the history begins later than the range when the agent started since: show from there
            boolean clipped = !list.isEmpty() && list.getFirst().timeMillis() > start.toEpochMilli() + 2 * response.getSampleMillis();
            windowStart.set(clipped ? Instant.ofEpochMilli(list.getFirst().timeMillis()) : start);
            windowEnd.set(end);
            if (!list.equals(points)) {
                points.setAll(list);
            }
            status.set(list.isEmpty() ? "No samples in this range yet"
                    : clipped ? "Kept since " + SINCE.format(windowStart.get()) + " (the agent started then)" : "");
        }, error -> {
            if (current == generation) {
                status.set("History unavailable: " + Notifications.describe(error));
            }
        });
    }

    private static Point point(OverviewPoint p) {
        return new Point(p.getTimeMillis(), p.getTotalGpus(), p.getAllocatedGpus(), p.getGpuUtilizationPercent());
    }

    private static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    public ObjectProperty<Range> rangeProperty() {
        return range;
    }

    /** Oldest first. */
    public ObservableList<Point> points() {
        return readOnlyPoints;
    }

    public ReadOnlyObjectProperty<Instant> windowStartProperty() {
        return windowStart.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> windowEndProperty() {
        return windowEnd.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.cancel(false);
            refresher = null;
        }
    }
}
