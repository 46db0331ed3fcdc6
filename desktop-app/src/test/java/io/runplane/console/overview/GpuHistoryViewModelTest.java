package io.runplane.console.overview;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.runplane.api.v1.OverviewHistoryRequest;
import io.runplane.api.v1.OverviewHistoryResponse;
import io.runplane.api.v1.OverviewPoint;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.app.Background;
import io.runplane.console.app.UiThread;
import io.runplane.console.metrics.MetricsViewModel.Range;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GpuHistoryViewModelTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private final FakeRunplaneClient client = new FakeRunplaneClient();
    private final Background background = Background.inline(UiThread.callingThread());
    private final GpuHistoryViewModel history = new GpuHistoryViewModel(client, background, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void close() {
        history.close();
        background.close();
    }

    private static OverviewPoint point(Instant t, double allocated, double utilization) {
        return OverviewPoint.newBuilder().setTimeMillis(t.toEpochMilli()).setTotalGpus(16).setAllocatedGpus(allocated)
                .setGpuUtilizationPercent(utilization).setRunningWorkloads(2).build();
    }

    @Test
    void asksForThePresetRangeAndShowsItsPoints() {
        Instant start = NOW.minus(Duration.ofMinutes(15));
        client.overviewHistory = OverviewHistoryResponse.newBuilder().setSampleMillis(15_000)
                .addPoints(point(start, 4, 50)).addPoints(point(start.plusSeconds(15), 6, 70)).build();
        history.refresh();
        OverviewHistoryRequest asked = client.historyRequests.getLast();
        assertThat(asked.getStart().getSeconds()).isEqualTo(start.getEpochSecond());
        assertThat(asked.getEnd().getSeconds()).isEqualTo(NOW.getEpochSecond());
        assertThat(history.points()).containsExactly(new GpuHistoryViewModel.Point(start.toEpochMilli(), 16, 4, 50),
                new GpuHistoryViewModel.Point(start.plusSeconds(15).toEpochMilli(), 16, 6, 70));
        assertThat(history.windowStartProperty().get()).isEqualTo(start);
        assertThat(history.windowEndProperty().get()).isEqualTo(NOW);
        assertThat(history.statusProperty().get()).isEmpty();

        history.rangeProperty().set(Range.LAST_24_HOURS);
        assertThat(client.historyRequests.getLast().getStart().getSeconds()).isEqualTo(NOW.minus(Duration.ofDays(1)).getEpochSecond());
    }

    @Test
    void aHistoryYoungerThanTheRangeIsShownFromItsFirstPoint() {
        Instant first = NOW.minus(Duration.ofMinutes(2));
        client.overviewHistory = OverviewHistoryResponse.newBuilder().setSampleMillis(15_000).addPoints(point(first, 1, 10)).build();
        history.refresh();
        assertThat(history.windowStartProperty().get()).isEqualTo(first);
        assertThat(history.statusProperty().get()).startsWith("Kept since ");
    }

    @Test
    void aFailedCallSaysSoAndKeepsThePoints() {
        client.overviewHistory = OverviewHistoryResponse.newBuilder().addPoints(point(NOW.minusSeconds(30), 1, 10)).build();
        history.refresh();
        client.failNext = Status.UNAVAILABLE.withDescription("agent gone").asRuntimeException();
        history.refresh();
        assertThat(history.statusProperty().get()).startsWith("History unavailable");
        assertThat(history.points()).hasSize(1);
    }
}
