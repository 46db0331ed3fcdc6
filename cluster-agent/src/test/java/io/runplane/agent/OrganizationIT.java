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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The read-only organization and cluster views of the default simulated cluster. */
class OrganizationIT {

    @TempDir
    static Path data;
    static EmbeddedAgent agent;
    static AgentClient client;

    @BeforeAll
    static void start() {
        agent = EmbeddedAgent.start(data, 0, AgentOptions.timeScale(50));
        client = new AgentClient(agent.port(), "alice");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        client.close();
        agent.close();
    }

    @Test
    void listsDepartmentsNodePoolsAndNodesWithTheirLabels() {
        assertThat(client.organization().listDepartments(ListDepartmentsRequest.getDefaultInstance()).getDepartmentsList())
                .extracting(Department::getName).containsExactlyInAnyOrder("research", "product");

        assertThat(client.organization().listNodePools(ListNodePoolsRequest.getDefaultInstance()).getNodePoolsList())
                .extracting(NodePool::getName, NodePool::getTotalGpus).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("a100", 16), org.assertj.core.groups.Tuple.tuple("l40s", 16));

        var nodes = client.organization().listNodes(ListNodesRequest.getDefaultInstance()).getNodesList();
        assertThat(nodes).hasSize(4).allSatisfy(n -> {
            assertThat(n.getGpus()).isEqualTo(8);
            assertThat(n.getLabelsMap()).containsKey("run.ai/type");
            assertThat(n.getGpuModel()).isNotEmpty();
            assertThat(n.getGpuMemoryMib()).isPositive();
        });
        assertThat(client.organization().listNodes(ListNodesRequest.newBuilder().setNodePool("l40s").build()).getNodesList())
                .extracting(Node::getName).containsExactlyInAnyOrder("l40s-01", "l40s-02");
        StatusRuntimeException unknown = catchThrowableOfType(StatusRuntimeException.class,
                () -> client.organization().listNodes(ListNodesRequest.newBuilder().setNodePool("tpu").build()));
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void whoAmINamesTheCallerAndTheBackend() {
        var me = client.cluster().whoAmI(WhoAmIRequest.getDefaultInstance());
        assertThat(me.getSubject()).isEqualTo("alice");
        assertThat(me.getBackend()).isEqualTo("simulated");
        assertThat(me.getCluster()).isEqualTo("local");
        assertThat(me.getVersion()).isNotEmpty();
    }

    @Test
    void overviewCountsGpusAndTheSeededRunningWorkloads() {
        Await.status(client, "serving", "chat-endpoint", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        var overview = client.cluster().overview(OverviewRequest.getDefaultInstance());
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
