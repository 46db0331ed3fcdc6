package io.runplane.console.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysDoubleFromHalfASecondUpToThirtySeconds() {
        Backoff noJitter = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2, () -> 0);

        assertThat(IntStream.rangeClosed(1, 9).mapToObj(noJitter::delay).map(Duration::toMillis))
                .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
        assertThat(noJitter.delay(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterShortensADelayByUpToItsShare() {
        Backoff fullJitter = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2, () -> 1);

        assertThat(fullJitter.delay(1)).isEqualTo(Duration.ofMillis(400));
        assertThat(fullJitter.delay(10)).isEqualTo(Duration.ofSeconds(24));
        assertThat(IntStream.rangeClosed(1, 200).mapToObj(i -> Backoff.WATCH.delay(3).toMillis()))
                .allSatisfy(ms -> assertThat(ms).isBetween(1_600L, 2_000L));
    }

    @Test
    void nonsenseIsRefusedWithTheValues() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1), 0, () -> 0))
                .hasMessageContaining("PT5S");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 1.5, () -> 0))
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> Backoff.WATCH.delay(0)).hasMessageContaining("got 0");
    }
}
