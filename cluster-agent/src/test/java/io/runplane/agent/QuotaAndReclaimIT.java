package io.runplane.agent;

import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real scheduler behind the agent: a project may borrow idle GPUs over its quota, and gives them
 * back when another project asks for its own quota, with the reason in the event history.
 */
class QuotaAndReclaimIT {

    private static final String CLUSTER = """
            cluster: quota-test
            nodePools:
              - name: pool
            nodes:
              - {name: node-1, nodePool: pool, gpus: 4, gpuMemoryMiB: 81920, cpuMillis: 64000, memoryMiB: 524288}
            departments:
              - name: dept
                quotas: [{nodePool: pool, gpu: 4, cpuMillis: 32000, memoryMiB: 131072}]
            projects:
              - {name: team-a, department: dept, quotas: [{nodePool: pool, gpu: 2, cpuMillis: 16000, memoryMiB: 65536}]}
              - {name: team-b, department: dept, quotas: [{nodePool: pool, gpu: 2, cpuMillis: 16000, memoryMiB: 65536}]}
            """;

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(20).withCluster(CLUSTER);

    private void submit(String project, String name, WorkloadType type) {
        WorkloadSpec.Builder spec = Specs.training(project, name, "2h").setType(type)
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(2).setCpuMillis(1000).setMemoryMib(4096));
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(spec).build());
    }

    @Test
    void overQuotaWorkIsReclaimedWhenAnotherProjectAsksForItsQuota() {
        submit("team-a", "a-first", WorkloadType.WORKLOAD_TYPE_TRAINING);
        Await.status(runplane.client(), "team-a", "a-first", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        submit("team-a", "a-borrowed", WorkloadType.WORKLOAD_TYPE_TRAINING);
        Await.status(runplane.client(), "team-a", "a-borrowed", WorkloadStatus.WORKLOAD_STATUS_RUNNING);

        submit("team-b", "b-own", WorkloadType.WORKLOAD_TYPE_TRAINING);
        Await.status(runplane.client(), "team-b", "b-own", WorkloadStatus.WORKLOAD_STATUS_RUNNING);

        Workload borrowed = Await.workload(runplane.client(), "team-a", "a-borrowed",
                w -> w.getStatus() == WorkloadStatus.WORKLOAD_STATUS_PENDING);
        assertThat(borrowed.getRunningPods()).isZero();
        assertThat(runplane.client().events("team-a", "a-borrowed")).anySatisfy(event -> {
            assertThat(event.getReason()).isEqualTo("Reclaimed");
            assertThat(event.getMessage()).contains("reclaimed by project team-b");
        });
        assertThat(Await.status(runplane.client(), "team-a", "a-first", WorkloadStatus.WORKLOAD_STATUS_RUNNING).getRunningPods())
                .isEqualTo(1);
    }

    @Test
    void nonPreemptibleWorkStaysWithinQuotaAndSaysWhy() {
        submit("team-a", "notebook-1", WorkloadType.WORKLOAD_TYPE_INTERACTIVE);
        Await.status(runplane.client(), "team-a", "notebook-1", WorkloadStatus.WORKLOAD_STATUS_RUNNING);

        submit("team-a", "notebook-2", WorkloadType.WORKLOAD_TYPE_INTERACTIVE);

        Workload waiting = Await.workload(runplane.client(), "team-a", "notebook-2",
                w -> w.getStatus() == WorkloadStatus.WORKLOAD_STATUS_PENDING && !w.getStatusMessage().isEmpty()
                        && !w.getStatusMessage().equals("waiting to be scheduled"));
        assertThat(waiting.getStatusMessage()).containsIgnoringCase("quota");
    }
}
