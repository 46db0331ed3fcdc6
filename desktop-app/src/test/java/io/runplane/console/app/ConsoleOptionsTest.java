package io.runplane.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleOptionsTest {

    @Test
    void defaultsToTheLocalClusterUnderHome() {
        ConsoleOptions options = ConsoleOptions.parse(List.of());
        assertThat(options.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".runplane", "local").toAbsolutePath());
        assertThat(options.connect()).isNull();
        assertThat(options.clockSpeed()).isEqualTo(1);
    }

    @Test
    void readsEveryOption() {
        ConsoleOptions options = ConsoleOptions.parse(List.of("--data", "some/dir", "--clock-speed", "20", "--connect=agent:7443"));
        assertThat(options.dataDir()).isEqualTo(Path.of("some/dir").toAbsolutePath());
        assertThat(options.clockSpeed()).isEqualTo(20);
        assertThat(options.connect()).isEqualTo("agent:7443");
    }

    @Test
    void badInputIsExplained() {
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--data"))).hasMessage("--data needs a value");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--clock-speed", "fast"))).hasMessageContaining("expects a number");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--clock-speed", "-1"))).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--frobnicate"))).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--help"))).isInstanceOf(ConsoleOptions.HelpRequested.class);
    }
}
