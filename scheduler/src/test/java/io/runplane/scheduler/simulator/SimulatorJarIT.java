package io.runplane.scheduler.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the packaged jar as users do: {@code java -jar target/runplane-simulator.jar SCENARIO.yaml}. */
class SimulatorJarIT {

    private static final Path JAR = Path.of("target", "runplane-simulator.jar");

    @TempDir
    Path dir;

    private record Outcome(int exit, String out, String err) {
    }

    private Outcome runJar(Path scenario) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-jar", JAR.toString(), scenario.toString())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void badScenarioExitsWithTwoAndOneLine() throws Exception {
        Path scenario = dir.resolve("bad.yaml");
        Files.writeString(scenario, """
                nodes:
                  - name: node0
                    gpus: -3
                """);
        Outcome outcome = runJar(scenario);
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err().strip()).isEqualTo(scenario + ": nodes[0].gpus (line 3): must be at least 0, not -3");
    }

    @Test
    void goodScenarioPrintsJson() throws Exception {
        Path scenario = dir.resolve("good.yaml");
        Files.writeString(scenario, """
                rounds: 2
                nodes: [{name: node0, gpus: 1}]
                queues: [{name: team}]
                workloads: [{name: w, queue: team, tasks: [{gpu: 1}]}]
                """);
        Outcome outcome = runJar(scenario);
        assertThat(outcome.exit()).isZero();
        assertThat(outcome.out()).contains("\"stable\" : true", "\"node\" : \"node0\"", "\"bindings\" : 1");
    }
}
