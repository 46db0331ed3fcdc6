package io.runplane.agent.loadtest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadTestOptionsTest {

    @Test
    void flagsOverrideTheDefaults() {
        LoadTestOptions options = LoadTestOptions.parse(List.of("--target", "agent.local:6000", "--watchers", "5",
                "--rate", "50", "--seconds", "3", "--project", "vision", "--cleanup"));

        assertThat(options).isEqualTo(new LoadTestOptions("agent.local", 6000, 5, 50, 3, Optional.of("vision"),
                Optional.empty(), true, 1024));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--rate|0|--rate: must be between 1 and 1000000, got 0",
            "--watchers|many|--watchers: not a whole number: many",
            "--target|nohost|--target: expected HOST:PORT, got nohost",
            "--bogus|1|unknown option --bogus",
    })
    void badFlagsAreNamed(String flag, String value, String message) {
        assertThatThrownBy(() -> LoadTestOptions.parse(List.of(flag, value))).hasMessage(message);
    }

    @Test
    void aFlagWithoutItsValueIsNamed() {
        assertThatThrownBy(() -> LoadTestOptions.parse(List.of("--seconds"))).hasMessage("--seconds: needs a value");
    }
}
