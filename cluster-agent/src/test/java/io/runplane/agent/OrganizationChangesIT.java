package io.runplane.agent;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.DeleteRequest;
import io.runplane.api.v1.Department;
import io.runplane.api.v1.DepartmentRequest;
import io.runplane.api.v1.ListDepartmentsRequest;
import io.runplane.api.v1.ListNodePoolsRequest;
import io.runplane.api.v1.ListNodesRequest;
import io.runplane.api.v1.ListProjectsRequest;
import io.runplane.api.v1.Node;
import io.runplane.api.v1.NodePool;
import io.runplane.api.v1.NodePoolRequest;
import io.runplane.api.v1.OrganizationGrpc;
import io.runplane.api.v1.OverQuotaPriority;
import io.runplane.api.v1.PoolQuota;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.ProjectRequest;
import io.runplane.api.v1.PutPolicyRequest;
import io.runplane.api.v1.Resources;
import io.runplane.api.v1.SchedulingRules;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Departments, projects and node pools created, changed and deleted over gRPC on the default cluster. */
class OrganizationChangesIT {

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(20);

    private OrganizationGrpc.OrganizationBlockingStub organization() {
        return runplane.client().organization();
    }

    private static PoolQuota quota(String pool, double gpu, long cpuMillis, long memoryMib) {
        return PoolQuota.newBuilder().setNodePool(pool)
                .setDeserved(Resources.newBuilder().setGpu(gpu).setCpuMillis(cpuMillis).setMemoryMib(memoryMib)).build();
    }

    private static List<BadRequest.FieldViolation> violations(StatusRuntimeException e) throws Exception {
        return StatusProto.fromThrowable(e).getDetailsList().stream().filter(d -> d.is(BadRequest.class)).findFirst().orElseThrow()
                .unpack(BadRequest.class).getFieldViolationsList();
    }

    @Test
    void createsADepartmentWithAProjectAndANodePoolAndKeepsThemOverARestart() throws Exception {
        Department finance = organization().createDepartment(DepartmentRequest.newBuilder().setDepartment(Department.newBuilder()
                .setName("finance").addQuotas(quota("l40s", 0, 0, 0)).setOverQuota(OverQuotaPriority.OVER_QUOTA_PRIORITY_NONE)
                .setRules(SchedulingRules.newBuilder().setTrainingDurationLimitSeconds(7200))).build());
        assertThat(finance.getQuotasList()).extracting(PoolQuota::getNodePool).containsExactly("a100", "l40s", "default");

        NodePool dgx = organization().createNodePool(NodePoolRequest.newBuilder().setNodePool(NodePool.newBuilder()
                .setName("dgx").setLabelKey("run.ai/type").setLabelValue("dgx-a100").setGpuPlacement("spread")).build());
        assertThat(dgx.getCpuPlacement()).isEqualTo("binpack");
        assertThat(dgx.getTotalGpus()).isZero();

        Project risk = organization().createProject(ProjectRequest.newBuilder().setProject(Project.newBuilder()
                .setName("risk").setDepartment("finance").addNodePools("l40s").setNodeType("l40s")
                .setRules(SchedulingRules.newBuilder().setTrainingDurationLimitSeconds(3600))).build());
        assertThat(risk.getNamespace()).isEqualTo("runplane-risk");
        assertThat(risk.getOverQuota()).isEqualTo(OverQuotaPriority.OVER_QUOTA_PRIORITY_MEDIUM);
        assertThat(risk.getQuotasList()).allSatisfy(q -> assertThat(q.getDeserved().getGpu()).isZero())
                .extracting(PoolQuota::getNodePool).containsExactly("a100", "l40s", "default", "dgx");

        runplane.restart();
        AgentClient client = runplane.client();
        assertThat(client.organization().listProjects(ListProjectsRequest.getDefaultInstance()).getProjectsList())
                .filteredOn(p -> p.getName().equals("risk")).singleElement()
                .satisfies(p -> assertThat(p.getRules().getTrainingDurationLimitSeconds()).isEqualTo(3600));
        assertThat(client.organization().listDepartments(ListDepartmentsRequest.getDefaultInstance()).getDepartmentsList())
                .extracting(Department::getName).contains("finance");
        assertThat(client.organization().listNodePools(ListNodePoolsRequest.getDefaultInstance()).getNodePoolsList())
                .extracting(NodePool::getName).containsExactly("a100", "l40s", "default", "dgx");
        StatusRuntimeException unknown = catchThrowableOfType(StatusRuntimeException.class, () -> runplane.client().workloads()
                .submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("scratch", "again", "1h")).build()));
        assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(unknown.getStatus().getDescription()).contains("unknown project \"scratch\"");
    }

    @Test
    void policiesApplyToADepartmentAndProjectCreatedOverTheApi() {
        organization().createDepartment(DepartmentRequest.newBuilder().setDepartment(Department.newBuilder().setName("finance")).build());
        organization().createProject(ProjectRequest.newBuilder().setProject(Project.newBuilder()
                .setName("risk").setDepartment("finance")).build());
        runplane.client().policies()
                .putPolicy(PutPolicyRequest.newBuilder().setManifest("""
                        apiVersion: runplane.io/v1alpha1
                        kind: TrainingPolicy
                        metadata:
                          name: finance-gpus
                          namespace: runplane-system
                          labels:
                            runplane.io/department: finance
                        spec:
                          rules:
                            compute:
                              gpuDevicesRequest:
                                max: 1
                        """).build());

        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class, () -> runplane.client().workloads()
                .submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("risk", "big", "1h")
                        .setCompute(ComputeRequest.newBuilder().setGpuDevices(2).setCpuMillis(1000).setMemoryMib(4096))).build()));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refused.getStatus().getDescription()).contains("must be no greater than 1");
    }

    private static String refusal(Runnable call) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        return e.getStatus().getDescription();
    }
}
