package io.runplane.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        ConsoleOptions options = ConsoleOptions.parse(List.of("--data", "some/dir", "--clock-speed", "20", "--connect=agent:7443",
                "--token", "rp_token"), Map.of());
        assertThat(options.dataDir()).isEqualTo(Path.of("some/dir").toAbsolutePath());
        assertThat(options.clockSpeed()).isEqualTo(20);
        assertThat(options.connect()).isEqualTo("agent:7443");
    }

    @Test
    void aRemoteAgentTakesItsTokenFromTheFlagOrTheEnvironmentAndTls() throws Exception {
        ConsoleOptions flagged = ConsoleOptions.parse(List.of("--connect", "agent:7443", "--token", "rp_flag", "--tls"),
                Map.of("RUNPLANE_TOKEN", "rp_env"));
        assertThat(flagged.token()).contains("rp_flag");
        assertThat(flagged.transport().tls()).isTrue();
        assertThat(flagged.transport().trustedCa()).isEmpty();

        Path ca = Files.createTempFile("runplane-ca", ".pem");
        try {
            ConsoleOptions fromEnvironment = ConsoleOptions.parse(List.of("--connect", "agent:7443", "--tls-ca", ca.toString()),
                    Map.of("RUNPLANE_TOKEN", "rp_env"));
            assertThat(fromEnvironment.token()).contains("rp_env");
            assertThat(fromEnvironment.transport().trustedCa()).contains(ca);
        } finally {
            Files.delete(ca);
        }
        assertThat(ConsoleOptions.parse(List.of("--connect", "localhost:50051", "--token", "rp_t"), Map.of()).transport().tls())
                .isFalse();
    }

    @Test
    void aRemoteAgentWithoutATokenOrALocalOneWithRemoteFlagsIsExplained() {
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--connect", "agent:7443"), Map.of()))
                .hasMessageContaining("--connect needs a token").hasMessageContaining("RUNPLANE_TOKEN");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--token", "rp_t"), Map.of()))
                .hasMessageContaining("apply to --connect only");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--connect", "agent:7443", "--token", "rp_t", "--tls-ca", "no/such.pem"),
                Map.of())).hasMessageContaining("--tls-ca no/such.pem");
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
