package io.runplane.agent.workload;

import io.runplane.agent.backend.simulated.SimulatedBackend;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.cluster.ClusterFiles;
import io.runplane.agent.organization.ClusterFileSeed;
import io.runplane.agent.organization.SchedulingView;
import io.runplane.agent.time.TimeScale;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Dynamic fractions: a GPU portion may name the share it bursts to, and nothing else may. */
class SpecValidatorTest {

    private static final ClusterFile CLUSTER = ClusterFiles.parse(ClusterFiles.defaultText());
    private final SpecValidator validator = new SpecValidator(new SimulatedBackend(CLUSTER, TimeScale.REAL_TIME),
            () -> SchedulingView.of(ClusterFileSeed.of(CLUSTER), CLUSTER.nodes()));

    @ParameterizedTest(name = "devices {0}, portion {1}, limit {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "0 | 0.25 | 0.75 | ",
            "0 | 0.25 | 0    | ",
            "0 | 0.5  | 0.25 | must be at least gpu_portion",
            "0 | 0.5  | 1.5  | must be between 0 and 1",
            "2 | 0    | 0.5  | applies only to a gpu_portion (dynamic fractions)",
    })
    void aGpuLimitBelongsToAPortion(int devices, double portion, double limit, String problem) {
        WorkloadSpec spec = WorkloadSpec.newBuilder().setProject("vision").setName("frac").setType(WorkloadType.WORKLOAD_TYPE_TRAINING)
                .setImage("pytorch/pytorch:2.4").setCompute(ComputeRequest.newBuilder().setGpuDevices(devices)
                        .setGpuPortion(portion).setGpuPortionLimit(limit)).build();

        var limitProblems = validator.validate(spec).stream()
                .filter(p -> p.field().endsWith("gpu_portion_limit")).map(FieldProblem::description).toList();

        if (problem == null) {
            assertThat(limitProblems).isEmpty();
        } else {
            assertThat(limitProblems).containsExactly(problem);
        }
    }
}
