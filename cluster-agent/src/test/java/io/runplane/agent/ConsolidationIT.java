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

/** A consolidation move through the agent: the moved pod is replaced and the replacement bound in one cycle. */
class ConsolidationIT {

    private static final String CLUSTER = """
            cluster: consolidation-test
            nodePools:
              - {name: pool, gpuPlacement: spread}
            nodes:
              - {name: node-1, nodePool: pool, gpus: 4, gpuMemoryMiB: 81920, cpuMillis: 64000, memoryMiB: 524288}
              - {name: node-2, nodePool: pool, gpus: 4, gpuMemoryMiB: 81920, cpuMillis: 64000, memoryMiB: 524288}
            departments:
              - name: dept
                quotas: [{nodePool: pool, gpu: 8, cpuMillis: 64000, memoryMiB: 262144}]
            projects:
              - {name: team, department: dept, quotas: [{nodePool: pool, gpu: 8, cpuMillis: 64000, memoryMiB: 262144}]}
            """;

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(20).withCluster(CLUSTER);

    private Workload submitRunning(String name, int gpus) {
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("team", name, "2h")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(gpus).setCpuMillis(1000).setMemoryMib(4096))).build());
        return Await.status(runplane.client(), "team", name, WorkloadStatus.WORKLOAD_STATUS_RUNNING);
    }

    private List<WorkloadEvent> events(String name) {
        List<WorkloadEvent> events = new ArrayList<>();
        runplane.client().workloads().events(EventsRequest.newBuilder()
                .setWorkload(WorkloadRef.newBuilder().setProject("team").setName(name)).build()).forEachRemaining(events::add);
        return events;
    }

    @Test
    void aMovedPodIsReplacedAndItsReplacementBoundInTheSameCycle() {
        String firstNode = submitRunning("small-1", 1).getPods(0).getNode();
        String secondNode = submitRunning("small-2", 1).getPods(0).getNode();
        assertThat(firstNode).as("spread placement").isNotEqualTo(secondNode);

        submitRunning("whole-node", 4);

        List<WorkloadEvent> moves = new ArrayList<>();
        for (String small : List.of("small-1", "small-2")) {
            events(small).stream().filter(e -> e.getReason().equals("Consolidated")).forEach(moves::add);
        }
        assertThat(moves).hasSize(1);
        String moved = moves.getFirst().getPod();
        String movedWorkload = moved.startsWith("small-1") ? "small-1" : "small-2";
        List<WorkloadEvent> history = events(movedWorkload);
        assertThat(history).filteredOn(e -> e.getReason().equals("Scheduled") && e.getPod().equals(moved))
                .as("the evicted pod is not launched again").hasSize(1);
        int eviction = history.indexOf(moves.getFirst());
        assertThat(history.subList(eviction, history.size()))
                .anySatisfy(e -> {
                    assertThat(e.getReason()).isEqualTo("Scheduled");
                    assertThat(e.getPod()).isNotEqualTo(moved);
                });
        Await.status(runplane.client(), "team", movedWorkload, WorkloadStatus.WORKLOAD_STATUS_RUNNING);
    }
}
