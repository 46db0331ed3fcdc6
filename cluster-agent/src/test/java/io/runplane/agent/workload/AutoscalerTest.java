package io.runplane.agent.workload;

import io.runplane.api.v1.InferenceOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AutoscalerTest {

    @ParameterizedTest(name = "{0} target {1} at {2} req/s with {3} running -> {4}")
    @CsvSource({
            "throughput, 10, 35, 1, 4",
            "throughput, 10, 500, 1, 5",
            "throughput, 10, 0.5, 3, 1",
            "'', 0, 120, 1, 3",
            "concurrency, 2, 30, 1, 3",
            "latency, 100, 200, 1, 5",
            "latency, 100, 40, 2, 2",
            "gpu-utilization, 50, 60, 1, 2",
    })
    void scalesOnTheMetricWithinMinAndMax(String metric, double target, double rate, int running, int desired) {
        InferenceOptions options = InferenceOptions.newBuilder().setMinReplicas(1).setMaxReplicas(5).setMetric(metric).setTarget(target).build();
        assertThat(Autoscaler.desired(options, rate, running)).isEqualTo(desired);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "0.1, 1"})
    void scalesToZeroOnlyWithoutRequests(double rate, int desired) {
        InferenceOptions options = InferenceOptions.newBuilder().setMinReplicas(0).setMaxReplicas(3).setMetric("throughput").setTarget(10).build();
        assertThat(Autoscaler.desired(options, rate, 1)).isEqualTo(desired);
    }
}
