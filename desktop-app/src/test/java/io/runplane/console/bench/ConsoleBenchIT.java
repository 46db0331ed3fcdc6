package io.runplane.console.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runplane.console.ConsoleMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code runplane-console bench} as its own process (headless, Monocle) for a few seconds with
 * few workloads, and checks that it exits 0 after printing every figure as well-formed JSON. The
 * figures themselves depend on the machine and are not checked against the targets here; on a busy
 * machine even the number of sorts and heartbeats in 3 seconds may be zero.
 */
class ConsoleBenchIT {

    @TempDir
    Path dir;

    @Test
    void printsEveryFigureAsJsonAndExitsZero() throws Exception {
        Process bench = start("--workloads", "300", "--changes-per-second", "40", "--seconds", "3");
        assertThat(bench.waitFor(4, TimeUnit.MINUTES)).as("the bench ends").isTrue();
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        assertThat(bench.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();

        JsonNode figures = new ObjectMapper().readTree(out);
        assertThat(figures.path("workloads").asInt()).isEqualTo(300);
        assertThat(figures.path("changesPerSecondOffered").asInt()).isEqualTo(40);
        assertThat(figures.path("changesSent").asLong()).isPositive();
        assertThat(figures.path("revisionApplied").asLong()).isPositive()
                .isLessThanOrEqualTo(figures.path("revisionSent").asLong());
        assertThat(figures.path("snapshotBytes").asLong()).isPositive();
        assertThat(figures.at("/startup/firstFrameMillis").asLong()).isPositive();
        assertThat(figures.at("/startup/tableLoadedMillis").asLong())
                .isGreaterThanOrEqualTo(figures.at("/startup/firstFrameMillis").asLong());
        for (String timing : List.of("fxThreadWaitWhileLoading", "fxThreadWait", "sort", "scroll")) {
            JsonNode summary = figures.path(timing);
            assertThat(summary.path("count").isInt()).as(timing + " count").isTrue();
            assertThat(summary.path("count").asInt()).as(timing + " count").isNotNegative();
            assertThat(summary.path("p50Millis").asDouble()).as(timing + " p50")
                    .isLessThanOrEqualTo(summary.path("p99Millis").asDouble());
            assertThat(summary.path("p99Millis").asDouble()).as(timing + " p99")
                    .isLessThanOrEqualTo(summary.path("maxMillis").asDouble());
            assertThat(summary.has("over50Millis")).as(timing + " over 50 ms").isTrue();
        }
        assertThat(figures.at("/heap/peakAfterGcMiB").asDouble()).isPositive();
        assertThat(figures.at("/heap/liveAtEndMiB").asDouble()).isPositive();
    }

    @Test
    void refusesABadOptionNamingIt() throws Exception {
        Process bench = start("--workloads", "lots");
        assertThat(bench.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(bench.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("err.txt"))).contains("--workloads must be a whole number, got 'lots'");
        assertThat(Files.readString(dir.resolve("out.txt"))).isEmpty();
    }

    private Process start(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED", "-Xmx1g"));
        for (String property : List.of("javafx.cachedir", "testfx.headless", "prism.order", "prism.text", "glass.platform",
                "monocle.platform", "headless.geometry", "java.awt.headless")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.add(ConsoleMain.class.getName());
        command.add("bench");
        command.addAll(List.of(options));
        return new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
    }
}
