package io.runplane.agent;

import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.PoolQuota;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.ProjectRequest;
import io.runplane.api.v1.Resources;
import io.runplane.api.v1.SchedulingRules;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadEvent;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference's older statuses as events: Preempted (inside a project, by higher priority) and TimedOut (duration limit). */
class PreemptedAndTimedOutIT {

    private static final String CLUSTER = """
            cluster: preempt-test
            nodePools:
              - name: pool
            nodes:
              - {name: node-1, nodePool: pool, gpus: 4, gpuMemoryMiB: 81920, cpuMillis: 64000, memoryMiB: 524288}
            departments:
              - name: dept
                quotas: [{nodePool: pool, gpu: 4, cpuMillis: 64000, memoryMiB: 524288}]
            projects:
              - {name: team-a, department: dept, quotas: [{nodePool: pool, gpu: 4, cpuMillis: 64000, memoryMiB: 524288}]}
            """;

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(600).withCluster(CLUSTER);

    private void submit(String name, WorkloadType type, int gpus) {
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("team-a", name, "24h").setType(type)
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(gpus).setCpuMillis(1000).setMemoryMib(4096))).build());
    }

    @Test
    void aWorkspaceInQuotaPreemptsLowerPriorityTrainingOfItsOwnProject() {
        submit("train-1", WorkloadType.WORKLOAD_TYPE_TRAINING, 2);
        submit("train-2", WorkloadType.WORKLOAD_TYPE_TRAINING, 2);
        Await.status(runplane.client(), "team-a", "train-1", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        Await.status(runplane.client(), "team-a", "train-2", WorkloadStatus.WORKLOAD_STATUS_RUNNING);

        submit("notebook", WorkloadType.WORKLOAD_TYPE_INTERACTIVE, 2);
        Await.status(runplane.client(), "team-a", "notebook", WorkloadStatus.WORKLOAD_STATUS_RUNNING);

        List<WorkloadEvent> preempted = List.of("train-1", "train-2").stream()
                .flatMap(name -> runplane.client().events("team-a", name).stream())
                .filter(e -> e.getReason().equals("Preempted")).toList();
        assertThat(preempted).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getSource()).isEqualTo("scheduler");
            assertThat(e.getMessage()).isNotEmpty();
            assertThat(e.hasTime()).isTrue();
        });
        assertThat(runplane.client().events("team-a", "notebook")).noneMatch(e -> e.getReason().equals("Preempted"));
    }

    @Test
    void trainingStoppedByItsDurationLimitRecordsTimedOutThenStopped() {
        runplane.client().organization().updateProject(ProjectRequest.newBuilder().setProject(Project.newBuilder()
                .setName("team-a").setDepartment("dept").addNodePools("pool")
                .addQuotas(PoolQuota.newBuilder().setNodePool("pool")
                        .setDeserved(Resources.newBuilder().setGpu(4).setCpuMillis(64000).setMemoryMib(524288)))
                .setRules(SchedulingRules.newBuilder().setTrainingDurationLimitSeconds(3600))).build());
        submit("long-run", WorkloadType.WORKLOAD_TYPE_TRAINING, 1);

        Workload stopped = Await.status(runplane.client(), "team-a", "long-run", WorkloadStatus.WORKLOAD_STATUS_STOPPED);

        String why = "stopped: training duration limit of 1h reached in project team-a";
        assertThat(stopped.getStatusMessage()).isEqualTo(why);
        List<WorkloadEvent> events = runplane.client().events("team-a", "long-run");
        assertThat(events).extracting(WorkloadEvent::getReason).containsSubsequence("Running", "TimedOut", "Stopped");
        assertThat(events).filteredOn(e -> e.getReason().equals("TimedOut")).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).isEqualTo(why);
        });
    }
}
