package io.runplane.agent.time;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({"30s,PT30S", "5m,PT5M", "1h30m,PT1H30M", "250ms,PT0.25S", "2d,PT48H", " 90s ,PT1M30S"})
    void parsesShortDurations(String text, String iso) {
        assertThat(DurationText.parse(text)).contains(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "30", "s30", "1h 30m", "-5s", "5x"})
    void refusesAnythingElse(String text) {
        assertThat(DurationText.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"PT1H30M5S,1h30m5s", "PT45S,45s", "PT0.5S,500ms"})
    void formatsBack(String iso, String text) {
        assertThat(DurationText.format(Duration.parse(iso))).isEqualTo(text);
    }
}
