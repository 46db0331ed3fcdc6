package io.runplane.agent.workload;

import io.runplane.agent.backend.PodPhase;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusRulesTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static PodState pod(int index, PodPhase phase) {
        PodState pod = new PodState("uuid-" + index, "p-" + index, index, "", 0, T, index);
        if (phase != PodPhase.PENDING) {
            pod.bind("node-1", "pool", List.of(index), 1.0, T);
            pod.phase(phase, phase == PodPhase.IMAGE_PULL_BACK_OFF ? "Back-off pulling image" : "");
        } else {
            pod.pendingReason("no node has enough free GPUs");
        }
        return pod;
    }

    private static WorkloadStatus status(WorkloadType type, int required, PodPhase... phases) {
        List<PodState> pods = new java.util.ArrayList<>();
        for (int i = 0; i < phases.length; i++) {
            pods.add(pod(i, phases[i]));
        }
        return StatusRules.derive(type, pods, required, false).status();
    }

    @Test
    void unboundPodsArePendingWithTheSchedulersReason() {
        StatusRules.Derived d = StatusRules.derive(WorkloadType.WORKLOAD_TYPE_TRAINING, List.of(pod(0, PodPhase.PENDING)), 1, false);
        assertThat(d.status()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_PENDING);
        assertThat(d.message()).isEqualTo("no node has enough free GPUs");
    }

    @Test
    void boundPodsInitializeAndRunningPodsRun() {
        assertThat(status(WorkloadType.WORKLOAD_TYPE_TRAINING, 1, PodPhase.CONTAINER_CREATING)).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_INITIALIZING);
        assertThat(status(WorkloadType.WORKLOAD_TYPE_TRAINING, 1, PodPhase.IMAGE_PULL_BACK_OFF)).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_INITIALIZING);
        assertThat(status(WorkloadType.WORKLOAD_TYPE_TRAINING, 1, PodPhase.RUNNING, PodPhase.PENDING)).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);
    }

    @Test
    void aGangIsPendingUntilEveryPodIsBound() {
        assertThat(status(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED, 2, PodPhase.CONTAINER_CREATING, PodPhase.PENDING))
                .isEqualTo(WorkloadStatus.WORKLOAD_STATUS_PENDING);
        assertThat(status(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED, 2, PodPhase.RUNNING, PodPhase.RUNNING))
                .isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);
    }

    @Test
    void tooFewRunningPodsOrPodsInBackOffDegrade() {
        assertThat(status(WorkloadType.WORKLOAD_TYPE_INFERENCE, 2, PodPhase.RUNNING, PodPhase.PENDING))
                .isEqualTo(WorkloadStatus.WORKLOAD_STATUS_DEGRADED);
        assertThat(status(WorkloadType.WORKLOAD_TYPE_INFERENCE, 1, PodPhase.RUNNING, PodPhase.CRASH_LOOP_BACK_OFF))
                .isEqualTo(WorkloadStatus.WORKLOAD_STATUS_DEGRADED);
        assertThat(status(WorkloadType.WORKLOAD_TYPE_INTERACTIVE, 1, PodPhase.CRASH_LOOP_BACK_OFF))
                .isEqualTo(WorkloadStatus.WORKLOAD_STATUS_DEGRADED);
    }

    @Test
    void trainingBetweenCompletionsStaysRunning() {
        StatusRules.Derived d = StatusRules.derive(WorkloadType.WORKLOAD_TYPE_TRAINING, List.of(pod(3, PodPhase.PENDING)), 1, true);
        assertThat(d.status()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);
    }
}
