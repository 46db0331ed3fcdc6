package io.runplane.agent;

import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.Toleration;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster file's node labels and taints decide where the real scheduler places pods. */
class ClusterFilePlacementIT {

    private static final String CLUSTER = """
            cluster: placement-test
            nodePools:
              - name: pool
            nodes:
              - {name: typed-node, nodePool: pool, gpus: 2, gpuModel: NVIDIA-L40S, gpuMemoryMiB: 46068, cpuMillis: 64000, memoryMiB: 524288,
                 labels: {run.ai/type: l40s-fast}}
              - {name: infra-node, nodePool: pool, gpus: 2, gpuModel: NVIDIA-L40S, gpuMemoryMiB: 46068, cpuMillis: 64000, memoryMiB: 524288,
                 taints: [{key: dedicated, value: infra, effect: NoSchedule}]}
            departments:
              - name: dept
                quotas: [{nodePool: pool, gpu: 4, cpuMillis: 64000, memoryMiB: 524288}]
            projects:
              - {name: team, department: dept, quotas: [{nodePool: pool, gpu: 4, cpuMillis: 64000, memoryMiB: 524288}]}
            """;

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(50).withCluster(CLUSTER);

    private Workload submit(WorkloadSpec.Builder spec) {
        return runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(spec).build()).getWorkload();
    }

    private static WorkloadSpec.Builder training(String name, int gpus) {
        return Specs.training("team", name, "1h").setCompute(ComputeRequest.newBuilder().setGpuDevices(gpus).setCpuMillis(1000).setMemoryMib(4096));
    }

    @Test
    void nodeTypeSelectsTheLabelledNodeAndOnlyATolerationReachesTheTaintedOne() {
        submit(training("typed", 1).setNodeType("l40s-fast"));
        Workload typed = Await.status(runplane.client(), "team", "typed", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        assertThat(typed.getPods(0).getNode()).isEqualTo("typed-node");

        submit(training("intolerant", 2));
        Workload waiting = Await.workload(runplane.client(), "team", "intolerant",
                w -> w.getStatus() == WorkloadStatus.WORKLOAD_STATUS_PENDING && !w.getPods(0).getPendingReason().isEmpty());
        assertThat(waiting.getPods(0).getNode()).isEmpty();

        submit(training("tolerant", 2).addTolerations(Toleration.newBuilder().setKey("dedicated").setOperator("Equal").setValue("infra")
                .setEffect("NoSchedule")));
        Workload tolerant = Await.status(runplane.client(), "team", "tolerant", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        assertThat(tolerant.getPods(0).getNode()).isEqualTo("infra-node");
        assertThat(tolerant.getPods(0).getGpuIndicesList()).containsExactlyInAnyOrder(0, 1);
        assertThat(runplane.client().workloads().get(WorkloadRef.newBuilder().setProject("team").setName("intolerant").build()).getStatus())
                .as("the tainted node is taken by the tolerant workload, the typed node has one GPU free")
                .isEqualTo(WorkloadStatus.WORKLOAD_STATUS_PENDING);
    }
}
