package io.runplane.agent.backend.simulated;

import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SimulationAnnotationsTest {

    @Test
    void readsEveryAnnotation() {
        SimulationAnnotations sim = SimulationAnnotations.of(Map.of(
                SimulationAnnotations.DURATION, "2m",
                SimulationAnnotations.EXIT_CODE, "4",
                SimulationAnnotations.FAILED_ATTEMPTS, "2",
                SimulationAnnotations.FAILING_PODS, "1,3",
                SimulationAnnotations.PULL_DURATION, "10s",
                SimulationAnnotations.LOAD, "12.5"));
        assertThat(sim.runTime(WorkloadType.WORKLOAD_TYPE_TRAINING, 0)).contains(Duration.ofMinutes(2));
        assertThat(sim.exitCodeOf(1, 0)).isEqualTo(4);
        assertThat(sim.exitCodeOf(1, 2)).as("after the failing attempts").isZero();
        assertThat(sim.exitCodeOf(0, 0)).as("pod 0 is not a failing pod").isZero();
        assertThat(sim.pullDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(sim.load()).isEqualTo(12.5);
    }

    @Test
    void longRunningWorkloadsOnlyEndWhenTheyFail() {
        SimulationAnnotations sim = SimulationAnnotations.of(Map.of(SimulationAnnotations.DURATION, "1s"));
        assertThat(sim.runTime(WorkloadType.WORKLOAD_TYPE_INTERACTIVE, 0)).isEmpty();
        assertThat(sim.runTime(WorkloadType.WORKLOAD_TYPE_INFERENCE, 1)).contains(Duration.ofSeconds(1));
        assertThat(SimulationAnnotations.of(Map.of()).runTime(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED, 0)).contains(Duration.ofSeconds(90));
    }

    @Test
    void reportsMalformedAndUnknownAnnotationsByKey() {
        assertThat(SimulationAnnotations.problems(Map.of(
                SimulationAnnotations.DURATION, "soon",
                SimulationAnnotations.EXIT_CODE, "300",
                SimulationAnnotations.FAILING_PODS, "a,b",
                "runplane.io/simulated-colour", "red",
                "team", "vision")))
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder(SimulationAnnotations.DURATION, SimulationAnnotations.EXIT_CODE,
                        SimulationAnnotations.FAILING_PODS, "runplane.io/simulated-colour");
    }

    @ParameterizedTest
    @CsvSource({"repo/app:missing,true", "registry.invalid/team/app:1,true", "registry.invalid:5000/app,true",
            "nvcr.io/nvidia/pytorch:24.08-py3,false", "busybox,false", "localhost:5000/app:missing,true", "team/missing:1,false"})
    void imagesThatNeverPull(String image, boolean fails) {
        assertThat(SimulationAnnotations.imageFailsToPull(image)).isEqualTo(fails);
    }
}
