package io.runplane.agent;

import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.EventsRequest;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadEvent;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GPU memory swap through the agent: a fraction whose simulated GPU stays idle is marked idle after
 * the grace period, a fraction that only fits with swap joins its device, and when the idle one
 * wakes up the scheduler's relief evicts the newest active fraction.
 */
class GpuMemorySwapIT {

    private static final String CLUSTER = """
            cluster: swap-test
            nodePools:
              - {name: pool}
            nodes:
              - name: node-1
                nodePool: pool
                gpus: 1
                gpuMemoryMiB: 81920
                cpuMillis: 64000
                memoryMiB: 524288
                swapMiB: 81920
                labels: {run.ai/swap-enabled: "true"}
            departments:
              - name: dept
                quotas: [{nodePool: pool, gpu: 2, cpuMillis: 64000, memoryMiB: 262144}]
            projects:
              - {name: team, department: dept, quotas: [{nodePool: pool, gpu: 2, cpuMillis: 64000, memoryMiB: 262144}]}
            """;

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(30).withCluster(CLUSTER);

    private void submit(String name, String idleBetween) {
        var spec = Specs.training("team", name, "2h")
                .setCompute(ComputeRequest.newBuilder().setGpuPortion(0.5).setCpuMillis(1000).setMemoryMib(4096));
        if (!idleBetween.isEmpty()) {
            spec.putAnnotations("runplane.io/simulated-gpu-idle-between", idleBetween);
        }
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(spec).build());
    }

    private List<WorkloadEvent> events(String name) {
        List<WorkloadEvent> events = new ArrayList<>();
        runplane.client().workloads().events(EventsRequest.newBuilder()
                .setWorkload(WorkloadRef.newBuilder().setProject("team").setName(name)).build()).forEachRemaining(events::add);
        return events;
    }

    @Test
    void aFractionThatOnlyFitsWithSwapRunsWhileAnotherIsIdleAndIsEvictedWhenItWakes() {
        submit("notebook", "0s-8m");
        submit("busy", "");
        Await.status(runplane.client(), "team", "notebook", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        Await.status(runplane.client(), "team", "busy", WorkloadStatus.WORKLOAD_STATUS_RUNNING);

        submit("late", "");
        Workload late = Await.status(runplane.client(), "team", "late", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        assertThat(late.getPods(0).getNode()).isEqualTo("node-1");
        Workload notebook = runplane.client().workloads().get(WorkloadRef.newBuilder().setProject("team").setName("notebook").build());
        assertThat(notebook.getStatus()).as("swapped out, not evicted").isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        assertThat(events("late")).as("it waited for the notebook to become idle")
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("Unschedulable"));

        Await.status(runplane.client(), "team", "late", WorkloadStatus.WORKLOAD_STATUS_PENDING);
        assertThat(events("late")).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("Reclaimed");
            assertThat(e.getMessage()).startsWith("GPU memory swap: the active workloads on device 0 of node node-1");
        });
        for (String kept : List.of("notebook", "busy")) {
            Workload w = runplane.client().workloads().get(WorkloadRef.newBuilder().setProject("team").setName(kept).build());
            assertThat(w.getStatus()).as(kept).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);
            assertThat(events(kept)).as(kept).noneMatch(e -> e.getReason().equals("Reclaimed"));
        }
    }
}
