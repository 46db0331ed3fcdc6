package io.runplane.agent;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AgentMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AgentMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badArgumentsGiveAUsageErrorWithExitCodeTwo() {
        assertThat(run("--simulated", "--port", "many", "--data", "x")).isEqualTo(2);
        assertThat(err()).contains("--port needs a number").contains("Usage: runplane-agent");
    }

    @Test
    void theDataDirectoryIsRequired() {
        assertThat(run("--simulated", "--port", "0")).isEqualTo(2);
        assertThat(err()).contains("--data DIR is required");
    }

    @Test
    void unknownFlagsAndCommandsAreNamed() {
        assertThat(run("--colour")).isEqualTo(2);
        assertThat(err()).contains("unknown argument --colour");
        assertThat(run("launch")).isEqualTo(2);
        assertThat(err()).contains("unknown command launch");
    }

    @Test
    void theKubernetesBackendIsRefusedClearly() {
        assertThat(run("--kubernetes", "--data", "x")).isEqualTo(2);
        assertThat(err()).contains("kubernetes backend is not part of this build");
    }

    @Test
    void helpGoesToStandardOutput() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--time-scale X");
    }

    @Test
    void policyCheckIsRoutedToThePolicyCommand() {
        assertThat(run("policy", "check")).isEqualTo(2);
        assertThat(err()).contains("usage: policy check POLICY.yaml...");
    }

    @Test
    void loadtestIsRoutedToTheLoadTest() {
        assertThat(run("loadtest", "--rate", "0")).isEqualTo(2);
        assertThat(err()).contains("--rate: must be between 1 and 1000000, got 0");
    }
}
