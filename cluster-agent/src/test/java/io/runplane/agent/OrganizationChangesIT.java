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
import io.runplane.api.v1.PoliciesGrpc;
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
import java.util.concurrent.TimeUnit;

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

        runplane.agent().close();
        try (EmbeddedAgent again = EmbeddedAgent.start(runplane.data(), 0, AgentOptions.timeScale(20));
             AgentClient client = new AgentClient(again.port(), "tester")) {
            assertThat(client.organization().listProjects(ListProjectsRequest.getDefaultInstance()).getProjectsList())
                    .filteredOn(p -> p.getName().equals("risk")).singleElement()
                    .satisfies(p -> assertThat(p.getRules().getTrainingDurationLimitSeconds()).isEqualTo(3600));
            assertThat(client.organization().listDepartments(ListDepartmentsRequest.getDefaultInstance()).getDepartmentsList())
                    .extracting(Department::getName).contains("finance");
            assertThat(client.organization().listNodePools(ListNodePoolsRequest.getDefaultInstance()).getNodePoolsList())
                    .extracting(NodePool::getName).containsExactly("a100", "l40s", "default", "dgx");
        }
    }

    @Test
    void relabellingAPoolMovesItsNodes() {
        organization().createNodePool(NodePoolRequest.newBuilder().setNodePool(NodePool.newBuilder()
                .setName("rack-2").setLabelKey("topology.kubernetes.io/zone").setLabelValue("rack-2")).build());
        NodePool l40s = organization().updateNodePool(NodePoolRequest.newBuilder().setNodePool(NodePool.newBuilder()
                .setName("l40s").setLabelKey("nvidia.com/gpu.product").setLabelValue("NVIDIA-L40S-48GB")).build());
        assertThat(l40s.getTotalGpus()).isZero();

        assertThat(organization().listNodes(ListNodesRequest.newBuilder().setNodePool("rack-2").build()).getNodesList())
                .extracting(Node::getName).containsExactlyInAnyOrder("l40s-01", "l40s-02");
    }

    @Test
    void refusesBadChangesFieldByFieldAndChangesNothing() throws Exception {
        List<Project> before = organization().listProjects(ListProjectsRequest.getDefaultInstance()).getProjectsList();

        StatusRuntimeException bad = catchThrowableOfType(StatusRuntimeException.class, () -> organization().createProject(
                ProjectRequest.newBuilder().setProject(Project.newBuilder().setName("Risk Team").setDepartment("finance")
                        .addQuotas(quota("a100", -3, 0, 0))).build()));
        assertThat(bad.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violations(bad)).extracting(BadRequest.FieldViolation::getField)
                .containsExactlyInAnyOrder("project.name", "project.department", "project.quotas[a100].deserved.gpu");

        StatusRuntimeException tooMuch = catchThrowableOfType(StatusRuntimeException.class, () -> organization().updateProject(
                ProjectRequest.newBuilder().setProject(Project.newBuilder().setName("nlp").setDepartment("research")
                        .addNodePools("a100").addQuotas(quota("a100", 8, 64000, 786432))).build()));
        assertThat(violations(tooMuch)).singleElement().satisfies(v -> {
            assertThat(v.getField()).isEqualTo("project.quotas[a100].deserved.gpu");
            assertThat(v.getDescription()).contains("14 GPUs in node pool a100, more than the department's 12");
        });

        StatusRuntimeException duplicate = catchThrowableOfType(StatusRuntimeException.class, () -> organization().createDepartment(
                DepartmentRequest.newBuilder().setDepartment(Department.newBuilder().setName("product")).build()));
        assertThat(violations(duplicate)).extracting(BadRequest.FieldViolation::getField).contains("department.name");

        assertThat(organization().listProjects(ListProjectsRequest.getDefaultInstance()).getProjectsList()).isEqualTo(before);
    }

    @Test
    void refusesToDeleteWhatIsStillInUse() {
        Await.status(runplane.client(), "serving", "chat-endpoint", WorkloadStatus.WORKLOAD_STATUS_RUNNING);

        assertThat(refusal(() -> organization().deleteNodePool(DeleteRequest.newBuilder().setName("default").build())))
                .contains("default node pool cannot be deleted");
        assertThat(refusal(() -> organization().deleteNodePool(DeleteRequest.newBuilder().setName("l40s").build())))
                .contains("node pool l40s is still used by");
        assertThat(refusal(() -> organization().deleteProject(DeleteRequest.newBuilder().setName("serving").build())))
                .contains("project serving still has 1 workload(s) (serving/chat-endpoint)");
        assertThat(refusal(() -> organization().deleteDepartment(DeleteRequest.newBuilder().setName("product").build())))
                .contains("department product still has projects serving");

        StatusRuntimeException missing = catchThrowableOfType(StatusRuntimeException.class,
                () -> organization().deleteProject(DeleteRequest.newBuilder().setName("nobody").build()));
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void deletesAnUnusedProjectAndPool() {
        organization().createNodePool(NodePoolRequest.newBuilder().setNodePool(NodePool.newBuilder()
                .setName("spare").setLabelKey("run.ai/type").setLabelValue("spare")).build());
        organization().createProject(ProjectRequest.newBuilder().setProject(Project.newBuilder()
                .setName("scratch").setDepartment("product").addNodePools("spare")).build());

        organization().deleteNodePool(DeleteRequest.newBuilder().setName("spare").build());
        assertThat(organization().listProjects(ListProjectsRequest.getDefaultInstance()).getProjectsList())
                .filteredOn(p -> p.getName().equals("scratch")).singleElement()
                .satisfies(p -> assertThat(p.getNodePoolsList()).isEmpty());
        organization().deleteProject(DeleteRequest.newBuilder().setName("scratch").build());
        assertThat(organization().listProjects(ListProjectsRequest.getDefaultInstance()).getProjectsList())
                .extracting(Project::getName).containsExactlyInAnyOrder("vision", "nlp", "serving");
    }

    @Test
    void aNewProjectTakesWorkloadsUntilItIsDeleted() {
        organization().createProject(ProjectRequest.newBuilder().setProject(Project.newBuilder()
                .setName("scratch").setDepartment("product").addNodePools("l40s")).build());
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("scratch", "probe", "1h")).build());
        Workload running = Await.status(runplane.client(), "scratch", "probe", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        assertThat(running.getDepartment()).isEqualTo("product");
        assertThat(running.getPods(0).getNodePool()).isEqualTo("l40s");
        assertThat(runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setDryRun(true)
                .setSpec(Specs.training("scratch", "preview", "1h")).build()).getManifest()).contains("namespace: runplane-scratch");

        runplane.client().workloads().delete(WorkloadRef.newBuilder().setProject("scratch").setName("probe").build());
        Await.deleted(runplane.client(), "scratch", "probe");
        organization().deleteProject(DeleteRequest.newBuilder().setName("scratch").build());

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
        PoliciesGrpc.newBlockingStub(runplane.client().channel).withDeadlineAfter(30, TimeUnit.SECONDS)
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
