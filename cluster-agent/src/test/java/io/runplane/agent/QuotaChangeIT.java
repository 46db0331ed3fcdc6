package io.runplane.agent;

import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.OverQuotaPriority;
import io.runplane.api.v1.PoolQuota;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.ProjectRequest;
import io.runplane.api.v1.Resources;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.WorkloadEvent;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Quota changes over gRPC reach the real scheduler in its next cycles: lowered quota is reclaimed, raised quota lets pending work run. */
class QuotaChangeIT {

    private static final String CLUSTER = """
            cluster: quota-change-test
            nodePools:
              - name: pool
            nodes:
              - {name: node-1, nodePool: pool, gpus: 4, gpuMemoryMiB: 81920, cpuMillis: 64000, memoryMiB: 524288}
            departments:
              - name: dept
                quotas: [{nodePool: pool, gpu: 4, cpuMillis: 32000, memoryMiB: 131072}]
            projects:
              - {name: team-a, department: dept, quotas: [{nodePool: pool, gpu: 4, cpuMillis: 16000, memoryMiB: 65536}]}
              - {name: team-b, department: dept, quotas: [{nodePool: pool, gpu: 0, cpuMillis: 16000, memoryMiB: 65536, overQuotaWeight: 0}]}
            """;

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(20).withCluster(CLUSTER);

    private void submit(String project, String name, WorkloadType type) {
        WorkloadSpec.Builder spec = Specs.training(project, name, "2h").setType(type)
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(2).setCpuMillis(1000).setMemoryMib(4096));
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(spec).build());
    }

    private void setGpuQuota(String project, double gpu, OverQuotaPriority overQuota) {
        runplane.client().organization().updateProject(ProjectRequest.newBuilder().setProject(Project.newBuilder()
                .setName(project).setDepartment("dept").addNodePools("pool").setOverQuota(overQuota)
                .addQuotas(PoolQuota.newBuilder().setNodePool("pool")
                        .setDeserved(Resources.newBuilder().setGpu(gpu).setCpuMillis(16000).setMemoryMib(65536)))).build());
    }

    @Test
    void loweringAQuotaGivesItsGpusToTheProjectThatNowDeservesThem() {
        submit("team-a", "a-1", WorkloadType.WORKLOAD_TYPE_TRAINING);
        submit("team-a", "a-2", WorkloadType.WORKLOAD_TYPE_TRAINING);
        Await.status(runplane.client(), "team-a", "a-1", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        Await.status(runplane.client(), "team-a", "a-2", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        submit("team-b", "b-1", WorkloadType.WORKLOAD_TYPE_TRAINING);
        Await.workload(runplane.client(), "team-b", "b-1", w -> w.getStatus() == WorkloadStatus.WORKLOAD_STATUS_PENDING
                && w.getPodsList().stream().anyMatch(p -> !p.getPendingReason().isEmpty()));

        setGpuQuota("team-a", 2, OverQuotaPriority.OVER_QUOTA_PRIORITY_MEDIUM);
        setGpuQuota("team-b", 2, OverQuotaPriority.OVER_QUOTA_PRIORITY_NONE);

        Await.status(runplane.client(), "team-b", "b-1", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        List<WorkloadEvent> reclaimed = new ArrayList<>(runplane.client().events("team-a", "a-1"));
        reclaimed.addAll(runplane.client().events("team-a", "a-2"));
        assertThat(reclaimed).filteredOn(e -> e.getReason().equals("Reclaimed")).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("reclaimed by project team-b"));
    }

    @Test
    void raisingAQuotaLetsPendingWorkRun() {
        setGpuQuota("team-a", 2, OverQuotaPriority.OVER_QUOTA_PRIORITY_NONE);
        submit("team-a", "notebook-1", WorkloadType.WORKLOAD_TYPE_INTERACTIVE);
        Await.status(runplane.client(), "team-a", "notebook-1", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        submit("team-a", "notebook-2", WorkloadType.WORKLOAD_TYPE_INTERACTIVE);
        Await.workload(runplane.client(), "team-a", "notebook-2", w -> w.getStatus() == WorkloadStatus.WORKLOAD_STATUS_PENDING
                && w.getPodsList().stream().anyMatch(p -> p.getPendingReason().contains("within quota")));

        setGpuQuota("team-a", 4, OverQuotaPriority.OVER_QUOTA_PRIORITY_NONE);

        Await.status(runplane.client(), "team-a", "notebook-2", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
    }
}
