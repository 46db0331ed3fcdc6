package io.runplane.agent.workload;

import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PriorityClassTest {

    @ParameterizedTest(name = "{0} class \"{1}\" preemptible {2} -> {3}")
    @CsvSource({
            "WORKLOAD_TYPE_TRAINING, '', '', TRAIN",
            "WORKLOAD_TYPE_DISTRIBUTED, '', '', TRAIN",
            "WORKLOAD_TYPE_INTERACTIVE, '', '', BUILD",
            "WORKLOAD_TYPE_INTERACTIVE, '', true, INTERACTIVE_PREEMPTIBLE",
            "WORKLOAD_TYPE_INFERENCE, '', '', INFERENCE",
            "WORKLOAD_TYPE_TRAINING, build, '', BUILD",
            "WORKLOAD_TYPE_INTERACTIVE, build-preemptible, '', BUILD_PREEMPTIBLE",
    })
    void resolvesTheClassOfAWorkload(WorkloadType type, String requested, String preemptible, PriorityClass expected) {
        Optional<Boolean> flag = preemptible.isEmpty() ? Optional.empty() : Optional.of(Boolean.parseBoolean(preemptible));
        assertThat(PriorityClass.resolve(type, requested, flag)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"TRAIN, 50, true", "INTERACTIVE_PREEMPTIBLE, 75, true", "BUILD, 100, false", "INFERENCE, 125, false"})
    void hasTheSchedulersValuesAndPreemptibility(PriorityClass priority, int value, boolean preemptible) {
        assertThat(priority.value()).isEqualTo(value);
        assertThat(priority.preemptibleByDefault()).isEqualTo(preemptible);
    }
}
