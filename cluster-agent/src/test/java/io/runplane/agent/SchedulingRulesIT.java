package io.runplane.agent;

import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.Department;
import io.runplane.api.v1.DepartmentRequest;
import io.runplane.api.v1.PoolQuota;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.ProjectRequest;
import io.runplane.api.v1.Resources;
import io.runplane.api.v1.SchedulingRules;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


import static org.assertj.core.api.Assertions.assertThat;

/** Running workloads are stopped, with the reason, when they break their project's scheduling rules (simulated time, 1200 times faster). */
class SchedulingRulesIT {

    private static final String CLUSTER = """
            cluster: rules-test
            nodePools:
              - name: pool
            nodes:
              - {name: node-1, nodePool: pool, gpus: 8, gpuMemoryMiB: 81920, cpuMillis: 64000, memoryMiB: 524288}
            departments:
              - name: research
                quotas: [{nodePool: pool, gpu: 8, cpuMillis: 64000, memoryMiB: 524288}]
            projects:
              - {name: nlp, department: research, quotas: [{nodePool: pool, gpu: 4, cpuMillis: 32000, memoryMiB: 262144}]}
              - {name: vision, department: research, quotas: [{nodePool: pool, gpu: 4, cpuMillis: 32000, memoryMiB: 262144}]}
            """;

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(1200).withCluster(CLUSTER);

    private static PoolQuota quota(double gpu, long cpuMillis, long memoryMib) {
        return PoolQuota.newBuilder().setNodePool("pool")
                .setDeserved(Resources.newBuilder().setGpu(gpu).setCpuMillis(cpuMillis).setMemoryMib(memoryMib)).build();
    }

    private void projectRules(String project, SchedulingRules.Builder rules) {
        runplane.client().organization().updateProject(ProjectRequest.newBuilder().setProject(Project.newBuilder()
                .setName(project).setDepartment("research").addNodePools("pool").addQuotas(quota(4, 32000, 262144))
                .setRules(rules)).build());
    }

    private void submit(String project, String name, WorkloadType type) {
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training(project, name, "24h").setType(type)
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1).setCpuMillis(1000).setMemoryMib(4096))).build());
    }

    @Test
    void trainingPastItsProjectsDurationLimitIsStoppedAndSaysWhy() {
        projectRules("nlp", SchedulingRules.newBuilder().setTrainingDurationLimitSeconds(7200));
        submit("nlp", "limited", WorkloadType.WORKLOAD_TYPE_TRAINING);
        submit("vision", "unlimited", WorkloadType.WORKLOAD_TYPE_TRAINING);
        Await.status(runplane.client(), "vision", "unlimited", WorkloadStatus.WORKLOAD_STATUS_RUNNING);

        Workload stopped = Await.status(runplane.client(), "nlp", "limited", WorkloadStatus.WORKLOAD_STATUS_STOPPED);

        assertThat(stopped.getStatusMessage()).isEqualTo("stopped: training duration limit of 2h reached in project nlp");
        assertThat(runplane.client().events("nlp", "limited")).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("Stopped");
            assertThat(e.getMessage()).isEqualTo("stopped: training duration limit of 2h reached in project nlp");
        });
        assertThat(runplane.client().workloads().get(WorkloadRef.newBuilder().setProject("vision").setName("unlimited").build()).getStatus())
                .isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);
    }

    @Test
    void aWorkspaceWithIdleGpusIsStoppedUnderItsDepartmentsIdleLimit() {
        runplane.client().organization().updateDepartment(DepartmentRequest.newBuilder().setDepartment(Department.newBuilder()
                .setName("research").addQuotas(quota(8, 64000, 524288))
                .setRules(SchedulingRules.newBuilder().setWorkspaceIdleGpuLimitSeconds(120))).build());
        submit("vision", "notebook", WorkloadType.WORKLOAD_TYPE_INTERACTIVE);

        Workload stopped = Await.status(runplane.client(), "vision", "notebook", WorkloadStatus.WORKLOAD_STATUS_STOPPED);

        assertThat(stopped.getStatusMessage()).isEqualTo("stopped: GPUs idle for the workspace idle GPU limit of 2m in project vision");
    }
}
