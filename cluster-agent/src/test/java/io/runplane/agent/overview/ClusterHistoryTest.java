package io.runplane.agent.overview;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterHistoryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(15);

    private static ClusterPoint point(int i, double allocated) {
        return new ClusterPoint(T0.plus(STEP.multipliedBy(i)), 8, allocated, allocated * 10, allocated, 1);
    }

    @Test
    void keepsEverySampleOfTheLastHour() {
        ClusterHistory history = new ClusterHistory(STEP);
        for (int i = 0; i < ClusterHistory.FINE_POINTS; i++) {
            history.record(point(i, i % 8));
        }
        List<ClusterPoint> all = history.between(Instant.MIN, Instant.MAX);
        assertThat(all).hasSize(ClusterHistory.FINE_POINTS);
        assertThat(all.getFirst()).isEqualTo(point(0, 0));
        assertThat(history.span()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void averagesOlderSamplesIntoFiveMinuteBuckets() {
        ClusterHistory history = new ClusterHistory(STEP);
        int bucket = ClusterHistory.STEPS_PER_BUCKET;
        // two buckets' worth beyond the fine hour: the first bucket alternates 2 and 4 GPUs
        for (int i = 0; i < ClusterHistory.FINE_POINTS + 2 * bucket; i++) {
            history.record(point(i, i < bucket ? (i % 2 == 0 ? 2 : 4) : 1));
        }
        List<ClusterPoint> all = history.between(Instant.MIN, Instant.MAX);
        // one closed bucket, one being filled (complete but not yet closed), then the fine hour
        assertThat(all).hasSize(2 + ClusterHistory.FINE_POINTS);
        assertThat(all.get(0).time()).isEqualTo(T0);
        assertThat(all.get(0).allocatedGpus()).isEqualTo(3.0);
        assertThat(all.get(0).utilizationPercent()).isEqualTo(30.0);
        assertThat(all.get(1).time()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(all.get(1).allocatedGpus()).isEqualTo(1.0);
        assertThat(all.get(2).time()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void dropsBucketsOlderThanTheDayAndStaysBounded() {
        ClusterHistory history = new ClusterHistory(STEP);
        int total = ClusterHistory.FINE_POINTS + ClusterHistory.STEPS_PER_BUCKET * (ClusterHistory.BUCKETS + 5);
        for (int i = 0; i < total; i++) {
            history.record(point(i, 1));
        }
        List<ClusterPoint> all = history.between(Instant.MIN, Instant.MAX);
        assertThat(all).hasSize(ClusterHistory.BUCKETS + 1 + ClusterHistory.FINE_POINTS);
        assertThat(history.oldest(Instant.MAX)).isEqualTo(T0.plus(Duration.ofMinutes(5L * 4)));
        assertThat(all.getLast().time()).isEqualTo(T0.plus(STEP.multipliedBy(total - 1)));
    }

    @Test
    void ignoresSamplesOutOfOrderAndSelectsTheRange() {
        ClusterHistory history = new ClusterHistory(STEP);
        history.record(point(2, 1));
        history.record(point(1, 5));
        history.record(point(3, 2));
        history.record(point(4, 3));
        assertThat(history.between(T0.plus(STEP.multipliedBy(3)), T0.plus(STEP.multipliedBy(4))))
                .containsExactly(point(3, 2), point(4, 3));
        assertThat(history.oldest(Instant.MAX)).isEqualTo(point(2, 1).time());
        assertThat(new ClusterHistory(STEP).oldest(T0)).isEqualTo(T0);
    }
}
