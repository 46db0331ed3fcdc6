package io.runplane.console.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.runplane.api.v1.Pod;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.Workloads;
import io.runplane.console.app.Background;
import io.runplane.console.app.UiThread;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The custom time range: entered in the local zone, checked, then shown on every chart instead of a preset. */
class CustomRangeTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 13:00 in Berlin. */
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    /** Created at 10:00 in Berlin. */
    private static final Instant CREATED = Instant.parse("2026-01-01T09:00:00Z");

    private final FakeRunplaneClient client = new FakeRunplaneClient();
    private final Background background = Background.inline(UiThread.callingThread());
    private final MetricsViewModel metrics = new MetricsViewModel(client, background, Clock.fixed(NOW, BERLIN));

    @AfterEach
    void close() {
        metrics.close();
        background.close();
    }

    private static Workload training() {
        return Workloads.workload("team-a", "alpha", WorkloadStatus.WORKLOAD_STATUS_RUNNING, 2, 1).toBuilder()
                .setCreatedAt(Timestamp.newBuilder().setSeconds(CREATED.getEpochSecond()))
                .addPods(Pod.newBuilder().setName("alpha-0")).build();
    }

    private CustomRangeForm shownForm() {
        metrics.show(training());
        metrics.refresh();
        return metrics.customRangeForm();
    }

    @Test
    void theFormStartsWithTheRangeShownInTheLocalZone() {
        CustomRangeForm form = shownForm();
        assertThat(form.fromDateProperty().get()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(form.fromTimeProperty().get()).isEqualTo("12:45:00");
        assertThat(form.toTimeProperty().get()).isEqualTo("13:00:00");
        assertThat(form.zoneName()).contains("Europe/Berlin");
    }

    @Test
    void aValidRangeIsShownOnEveryChartUntilAPresetIsChosen() {
        CustomRangeForm form = shownForm();
        form.fromTimeProperty().set("10:30");
        form.toTimeProperty().set("12:30");
        MetricsViewModel.TimeSpan span = form.validate().orElseThrow();
        assertThat(span).isEqualTo(new MetricsViewModel.TimeSpan(Instant.parse("2026-01-01T09:30:00Z"), Instant.parse("2026-01-01T11:30:00Z")));

        metrics.zoomTo(NOW.minusSeconds(300), NOW.minusSeconds(60));
        metrics.showCustom(span);
        assertThat(metrics.rangeProperty().get()).isNull();
        assertThat(metrics.customRangeProperty().get()).isEqualTo(span);
        assertThat(metrics.zoomProperty().get()).as("a new range shows all of it").isNull();
        assertThat(metrics.windowStartProperty().get()).isEqualTo(span.start());
        assertThat(metrics.windowEndProperty().get()).isEqualTo(span.end());

        metrics.zoomTo(span.start().plusSeconds(600), span.start().plusSeconds(1200));
        assertThat(metrics.zoomProperty().get().start()).isEqualTo(span.start().plusSeconds(600));
        metrics.resetZoom();
        assertThat(metrics.zoomProperty().get()).isNull();

        metrics.rangeProperty().set(MetricsViewModel.Range.LAST_HOUR);
        assertThat(metrics.customRangeProperty().get()).isNull();
        assertThat(metrics.windowEndProperty().get()).isEqualTo(NOW);
        assertThat(metrics.windowStartProperty().get()).isEqualTo(NOW.minusSeconds(3600));
    }

    @Test
    void aRangeEndingBeforeItStartsIsRefusedOnTheEnd() {
        CustomRangeForm form = shownForm();
        form.fromTimeProperty().set("12:00");
        form.toTimeProperty().set("11:00");
        assertThat(form.validate()).isEmpty();
        assertThat(form.errorProperty(CustomRangeForm.TO).get()).isEqualTo("Must be after the start");
        assertThat(form.errorProperty(CustomRangeForm.FROM).get()).isEmpty();
    }

    @Test
    void theFutureIsRefused() {
        CustomRangeForm form = shownForm();
        form.toDateProperty().set(LocalDate.of(2026, 1, 2));
        assertThat(form.validate()).isEmpty();
        assertThat(form.errorProperty(CustomRangeForm.TO).get()).isEqualTo("Must not be in the future (now is 2026-01-01 13:00:00)");
    }

    @Test
    void nothingBeforeTheWorkloadWasCreatedIsKept() {
        CustomRangeForm form = shownForm();
        form.fromTimeProperty().set("09:59");
        assertThat(form.validate()).isEmpty();
        assertThat(form.errorProperty(CustomRangeForm.FROM).get())
                .isEqualTo("The agent has samples from the workload's creation on: 2026-01-01 10:00:00 or later");
    }

    @Test
    void aMissingDateOrABadTimeIsNamedOnItsField() {
        CustomRangeForm form = shownForm();
        form.fromDateProperty().set(null);
        form.toTimeProperty().set("25:00");
        assertThat(form.validate()).isEmpty();
        assertThat(form.errorProperty(CustomRangeForm.FROM).get()).isEqualTo("Choose a date");
        assertThat(form.errorProperty(CustomRangeForm.TO).get()).isEqualTo("Enter a time as HH:mm or HH:mm:ss");

        form.fromDateProperty().set(LocalDate.of(2026, 1, 1));
        form.toTimeProperty().set("13:00");
        assertThat(form.validate()).isPresent();
        assertThat(form.errorProperty(CustomRangeForm.FROM).get()).isEmpty();
        assertThat(form.errorProperty(CustomRangeForm.TO).get()).isEmpty();
    }

    @Test
    void aPresetCannotBeClearedWithoutACustomRange() {
        metrics.rangeProperty().set(null);
        assertThat(metrics.rangeProperty().get()).isEqualTo(MetricsViewModel.Range.LAST_15_MINUTES);
    }
}
