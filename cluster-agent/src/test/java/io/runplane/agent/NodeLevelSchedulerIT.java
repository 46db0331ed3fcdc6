package io.runplane.agent;

import com.google.rpc.BadRequest;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.EventsRequest;
import io.runplane.api.v1.ListNodePoolsRequest;
import io.runplane.api.v1.NodePool;
import io.runplane.api.v1.NodePoolRequest;
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
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A node pool's workloads_per_gpu set over gRPC turns on the node-level scheduler; the agent applies its moves. */
class NodeLevelSchedulerIT {

    private static final String CLUSTER = """
            cluster: node-level-test
            nodePools:
              - {name: pool}
            nodes:
              - {name: node-1, nodePool: pool, gpus: 2, gpuMemoryMiB: 81920, cpuMillis: 64000, memoryMiB: 524288}
            departments:
              - name: dept
                quotas: [{nodePool: pool, gpu: 2, cpuMillis: 64000, memoryMiB: 262144}]
            projects:
              - {name: team, department: dept, quotas: [{nodePool: pool, gpu: 2, cpuMillis: 64000, memoryMiB: 262144}]}
            """;

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(20).withCluster(CLUSTER);

    private NodePool pool(int workloadsPerGpu) {
        return NodePool.newBuilder().setName("pool").setLabelKey("runplane.io/node-pool").setLabelValue("pool")
                .setWorkloadsPerGpu(workloadsPerGpu).build();
    }

    private Workload submitRunning(String name, ComputeRequest.Builder compute) {
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder()
                .setSpec(Specs.training("team", name, "2h").setCompute(compute.setCpuMillis(1000).setMemoryMib(4096))).build());
        return Await.status(runplane.client(), "team", name, WorkloadStatus.WORKLOAD_STATUS_RUNNING);
    }

    private List<WorkloadEvent> events(String name) {
        List<WorkloadEvent> events = new ArrayList<>();
        runplane.client().workloads().events(EventsRequest.newBuilder()
                .setWorkload(WorkloadRef.newBuilder().setProject("team").setName(name)).build()).forEachRemaining(events::add);
        return events;
    }

    @Test
    void aRunningFractionIsMovedToAnotherGpuToFreeAWholeOneAndKeepsRunning() {
        assertThat(runplane.client().organization().listNodePools(ListNodePoolsRequest.getDefaultInstance()).getNodePoolsList())
                .allSatisfy(p -> assertThat(p.getWorkloadsPerGpu()).as("off unless set").isEqualTo(1));
        assertThat(runplane.client().organization().updateNodePool(NodePoolRequest.newBuilder().setNodePool(pool(2)).build())
                .getWorkloadsPerGpu()).isEqualTo(2);

        Workload first = submitRunning("frac-a", ComputeRequest.newBuilder().setGpuPortion(0.5));
        Workload second = submitRunning("frac-b", ComputeRequest.newBuilder().setGpuPortion(0.5));
        assertThat(first.getPods(0).getGpuIndicesList()).as("fractions spread over the GPUs")
                .isNotEqualTo(second.getPods(0).getGpuIndicesList());

        Workload whole = submitRunning("whole", ComputeRequest.newBuilder().setGpuDevices(1));

        List<WorkloadEvent> moves = new ArrayList<>();
        for (String fraction : List.of("frac-a", "frac-b")) {
            events(fraction).stream().filter(e -> e.getReason().equals("GpuReassigned")).forEach(moves::add);
        }
        assertThat(moves).singleElement().satisfies(e -> assertThat(e.getMessage())
                .matches("Moved from GPU [01] to GPU [01] by the node-level scheduler to free a whole GPU"));
        String movedWorkload = moves.getFirst().getPod().startsWith("frac-a") ? "frac-a" : "frac-b";
        Workload moved = runplane.client().workloads().get(WorkloadRef.newBuilder().setProject("team").setName(movedWorkload).build());
        Workload stayed = runplane.client().workloads().get(WorkloadRef.newBuilder().setProject("team")
                .setName(movedWorkload.equals("frac-a") ? "frac-b" : "frac-a").build());
        assertThat(moved.getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        assertThat(moved.getPodsList()).as("moved in place, not replaced").singleElement()
                .satisfies(p -> assertThat(p.getGpuIndicesList()).isEqualTo(stayed.getPods(0).getGpuIndicesList()));
        assertThat(whole.getPods(0).getGpuIndicesList()).doesNotContainAnyElementsOf(stayed.getPods(0).getGpuIndicesList());
        assertThat(events(movedWorkload)).noneMatch(e -> e.getReason().equals("Preempted") || e.getReason().equals("Consolidated"));
    }

    @Test
    void workloadsPerGpuAboveFiveIsRefusedNamingTheField() throws Exception {
        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () -> runplane.client().organization()
                .updateNodePool(NodePoolRequest.newBuilder().setNodePool(pool(6)).build()));
        assertThat(StatusProto.fromThrowable(refused).getDetailsList().stream().filter(d -> d.is(BadRequest.class)).findFirst()
                .orElseThrow().unpack(BadRequest.class).getFieldViolationsList())
                .anySatisfy(v -> assertThat(v.getField()).endsWith("workloads_per_gpu"));
        assertThat(runplane.client().organization().listNodePools(ListNodePoolsRequest.getDefaultInstance()).getNodePoolsList())
                .allSatisfy(p -> assertThat(p.getWorkloadsPerGpu()).isEqualTo(1));
    }
}
