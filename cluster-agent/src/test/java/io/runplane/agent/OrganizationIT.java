package io.runplane.agent;

import io.runplane.api.v1.ListDepartmentsRequest;
import io.runplane.api.v1.ListNodePoolsRequest;
import io.runplane.api.v1.ListNodesRequest;
import io.runplane.api.v1.Node;
import io.runplane.api.v1.NodePool;
import io.runplane.api.v1.OverviewRequest;
import io.runplane.api.v1.WhoAmIRequest;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.Department;
import io.grpc.StatusRuntimeException;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The organization and cluster views of the default simulated cluster. */
class OrganizationIT {

    @RegisterExtension
    static final RunningAgent runplane = RunningAgent.atTimeScale(50).as("alice");

    @Test
    void listsDepartmentsNodePoolsAndNodesWithTheirLabels() {
        assertThat(runplane.client().organization().listDepartments(ListDepartmentsRequest.getDefaultInstance()).getDepartmentsList())
                .extracting(Department::getName).containsExactlyInAnyOrder("research", "product");

        assertThat(runplane.client().organization().listNodePools(ListNodePoolsRequest.getDefaultInstance()).getNodePoolsList())
                .extracting(NodePool::getName, NodePool::getTotalGpus).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("a100", 16), org.assertj.core.groups.Tuple.tuple("l40s", 16),
                        org.assertj.core.groups.Tuple.tuple("default", 0));

        var nodes = runplane.client().organization().listNodes(ListNodesRequest.getDefaultInstance()).getNodesList();
        assertThat(nodes).hasSize(4).allSatisfy(n -> {
            assertThat(n.getGpus()).isEqualTo(8);
            assertThat(n.getLabelsMap()).containsKey("run.ai/type");
            assertThat(n.getGpuModel()).isNotEmpty();
            assertThat(n.getGpuMemoryMib()).isPositive();
        });
        assertThat(runplane.client().organization().listNodes(ListNodesRequest.newBuilder().setNodePool("l40s").build()).getNodesList())
                .extracting(Node::getName).containsExactlyInAnyOrder("l40s-01", "l40s-02");
        StatusRuntimeException unknown = catchThrowableOfType(StatusRuntimeException.class,
                () -> runplane.client().organization().listNodes(ListNodesRequest.newBuilder().setNodePool("tpu").build()));
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void serverReflectionListsTheServices() throws Exception {
        java.util.concurrent.CompletableFuture<io.grpc.reflection.v1.ServerReflectionResponse> answer = new java.util.concurrent.CompletableFuture<>();
        var requests = io.grpc.reflection.v1.ServerReflectionGrpc.newStub(runplane.client().channel).serverReflectionInfo(
                new io.grpc.stub.StreamObserver<>() {
                    @Override
                    public void onNext(io.grpc.reflection.v1.ServerReflectionResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(io.grpc.reflection.v1.ServerReflectionRequest.newBuilder().setListServices("").build());
        var services = answer.get(30, java.util.concurrent.TimeUnit.SECONDS).getListServicesResponse().getServiceList();
        requests.onCompleted();
        assertThat(services).extracting(io.grpc.reflection.v1.ServiceResponse::getName).contains(
                "runplane.v1.Workloads", "runplane.v1.Organization", "runplane.v1.Cluster", "grpc.health.v1.Health");
    }

    @Test
    void whoAmINamesTheCallerAndTheBackend() {
        var me = runplane.client().cluster().whoAmI(WhoAmIRequest.getDefaultInstance());
        assertThat(me.getSubject()).isEqualTo("alice");
        assertThat(me.getBackend()).isEqualTo("simulated");
        assertThat(me.getCluster()).isEqualTo("local");
        assertThat(me.getVersion()).isNotEmpty();
    }

    @Test
    void overviewCountsGpusAndTheSeededRunningWorkloads() {
        Await.status(runplane.client(), "serving", "chat-endpoint", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        var overview = runplane.client().cluster().overview(OverviewRequest.getDefaultInstance());
        assertThat(overview.getTotalGpus()).isEqualTo(32);
        assertThat(overview.getNodes()).isEqualTo(4);
        assertThat(overview.getAllocatedGpus()).isPositive();
        assertThat(overview.getRunningWorkloads()).isPositive();
        assertThat(overview.getProjectsList()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("serving");
            assertThat(p.getAllocated().getGpu()).isPositive();
        });
    }
}
