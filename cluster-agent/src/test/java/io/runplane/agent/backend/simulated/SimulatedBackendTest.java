package io.runplane.agent.backend.simulated;

import io.runplane.agent.backend.LaunchedPod;
import io.runplane.agent.backend.LogEntry;
import io.runplane.agent.backend.PodObservation;
import io.runplane.agent.backend.PodPhase;
import io.runplane.agent.backend.Signal;
import io.runplane.agent.cluster.ClusterFiles;
import io.runplane.agent.time.TimeScale;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedBackendTest {

    private static final Instant T = Instant.parse("2026-05-01T12:00:00Z");
    private final SimulatedBackend backend = new SimulatedBackend(ClusterFiles.parse(ClusterFiles.defaultText()), TimeScale.REAL_TIME);

    private static LaunchedPod training(String image, Map<String, String> annotations, long seed) {
        return new LaunchedPod("uuid-" + seed, "train-0-abcde", 0, "", "vision", "train", "w-uuid", WorkloadType.WORKLOAD_TYPE_TRAINING,
                image, annotations, List.of("train"), List.of(new LaunchedPod.EnvVarValue("RUNPLANE_PROJECT", "vision")),
                "dgx-a100-01", List.of(2, 5), 1.0, 81920, 4000, 16384, T, Optional.empty(), Optional.empty(), 0, 0, seed, List.of());
    }

    @Test
    void everyWorkloadTypeWritesLogsForAnySeed() {
        for (WorkloadType type : List.of(WorkloadType.WORKLOAD_TYPE_TRAINING, WorkloadType.WORKLOAD_TYPE_INTERACTIVE,
                WorkloadType.WORKLOAD_TYPE_DISTRIBUTED, WorkloadType.WORKLOAD_TYPE_INFERENCE)) {
            for (long seed = -50; seed < 50; seed++) {
                LaunchedPod pod = training("pytorch:2", Map.of(SimulationAnnotations.DURATION, "1h"), seed * 7919);
                LaunchedPod typed = new LaunchedPod(pod.uuid(), pod.name(), pod.index(), pod.role(), pod.project(),
                        pod.workload(), pod.workloadUuid(), type, pod.image(), pod.annotations(), pod.containers(),
                        pod.environment(), pod.node(), pod.gpuIndices(), pod.gpuFraction(), pod.deviceMemoryMiB(),
                        pod.cpuMillis(), pod.memoryMiB(), pod.launchedAt(), pod.runningSince(), pod.endedAt(),
                        pod.attempt(), pod.restarts(), pod.seed(), pod.volumes());

                assertThat(backend.logs(typed, T, T.plusSeconds(600), 200)).as(type + " seed " + seed).isNotEmpty();
            }
        }
    }

    @Test
    void aPodPullsRunsAndExitsOnItsClock() {
        LaunchedPod pod = training("pytorch:2", Map.of(SimulationAnnotations.DURATION, "10m", SimulationAnnotations.EXIT_CODE, "2"), 7);
        assertThat(backend.observe(pod, T.plusSeconds(1)).phase()).isEqualTo(PodPhase.CONTAINER_CREATING);
        PodObservation running = backend.observe(pod, T.plusSeconds(4));
        assertThat(running.phase()).isEqualTo(PodPhase.RUNNING);
        assertThat(running.since()).isEqualTo(T.plusSeconds(3));
        PodObservation exited = backend.observe(pod, T.plusSeconds(700));
        assertThat(exited.phase()).isEqualTo(PodPhase.FAILED);
        assertThat(exited.exitCode()).isEqualTo(2);
        assertThat(exited.since()).isEqualTo(T.plusSeconds(603));
    }

    @Test
    void theRequestRateWaveTakesThirtySimulatedMinutesAtAnyTimeScale() {
        Map<String, String> load = Map.of(SimulationAnnotations.LOAD, "100");
        SimulatedBackend fast = new SimulatedBackend(ClusterFiles.parse(ClusterFiles.defaultText()), new TimeScale(100));
        double[] real = new double[1800];
        double[] scaled = new double[1800];
        for (int s = 0; s < 1800; s++) {
            real[s] = backend.requestRate("w-uuid", load, T.plusSeconds(s));
            scaled[s] = fast.requestRate("w-uuid", load, T.plusMillis(s * 10L));
        }
        for (double[] wave : List.of(real, scaled)) {
            assertThat(java.util.Arrays.stream(wave).min().orElseThrow()).isBetween(30.0, 50.0);
            assertThat(java.util.Arrays.stream(wave).max().orElseThrow()).isBetween(140.0, 180.0);
        }
    }

    @Test
    void anUnpullableImageBacksOff() {
        assertThat(backend.observe(training("repo/app:missing", Map.of(), 1), T.plusSeconds(30)).phase()).isEqualTo(PodPhase.IMAGE_PULL_BACK_OFF);
        assertThat(backend.logs(training("repo/app:missing", Map.of(), 1), T, T.plusSeconds(30), 100)).isEmpty();
    }

    @Test
    void gpuUtilizationRampsUpDipsAtEvaluationsDiffersPerGpuAndRepeats() {
        LaunchedPod pod = training("pytorch:2", Map.of(SimulationAnnotations.DURATION, "1h"), 42);
        Instant start = T.plusSeconds(3);
        double warmingUp = backend.measure(pod, Signal.GPU_UTILIZATION_PERCENT, 2, start.plusSeconds(5)).orElseThrow();
        double plateau = backend.measure(pod, Signal.GPU_UTILIZATION_PERCENT, 2, start.plusSeconds(300)).orElseThrow();
        double evaluating = backend.measure(pod, Signal.GPU_UTILIZATION_PERCENT, 2, start.plusSeconds(580)).orElseThrow();
        assertThat(warmingUp).isLessThan(plateau);
        assertThat(evaluating).isLessThan(plateau);
        assertThat(plateau).isBetween(50.0, 100.0);

        assertThat(backend.measure(pod, Signal.GPU_UTILIZATION_PERCENT, 2, start.plusSeconds(300)).orElseThrow()).isEqualTo(plateau);
        assertThat(backend.measure(pod, Signal.GPU_UTILIZATION_PERCENT, 5, start.plusSeconds(300)).orElseThrow()).isNotEqualTo(plateau);
        assertThat(backend.measure(pod, Signal.GPU_UTILIZATION_PERCENT, 3, start.plusSeconds(300))).as("not this pod's GPU").isEmpty();
        assertThat(backend.measure(pod, Signal.GPU_MEMORY_MIB, 2, start.plusSeconds(300)).orElseThrow()).isBetween(0.0, 81920.0);
        assertThat(backend.measure(pod, Signal.CPU_MILLIS, -1, T.plusSeconds(1))).as("still pulling").isEmpty();
        assertThat(backend.measure(pod, Signal.CPU_MILLIS, -1, start.plusSeconds(3601))).as("exited").isEmpty();
    }

    @Test
    void logsStartWithTheEnvironmentAndAreTheSameEveryTime() {
        LaunchedPod pod = training("pytorch:2", Map.of(SimulationAnnotations.DURATION, "20s"), 3);
        List<LogEntry> lines = backend.logs(pod, Instant.EPOCH, T.plusSeconds(60), 1000);
        assertThat(lines.get(0).text()).startsWith("Starting container train of pod train-0-abcde on node dgx-a100-01");
        assertThat(lines.get(1).text()).isEqualTo("env RUNPLANE_PROJECT=vision");
        assertThat(lines.getLast().text()).isEqualTo("Finished successfully");
        assertThat(lines.getLast().time()).isEqualTo(T.plusSeconds(23));
        assertThat(lines).filteredOn(l -> l.text().contains("loss")).hasSize(9);
        assertThat(backend.logs(pod, Instant.EPOCH, T.plusSeconds(60), 1000)).isEqualTo(lines);
        assertThat(backend.logs(pod, Instant.EPOCH, T.plusSeconds(60), 3)).containsExactlyElementsOf(lines.subList(lines.size() - 3, lines.size()));
    }
}
