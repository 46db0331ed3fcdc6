package io.runplane.agent;

import io.runplane.api.v1.ComputeRequest;
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

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idle GPU clock of a workload survives an agent restart: with a 60 minute limit, a workspace
 * idle for 50 minutes before the restart is stopped about 10 minutes after it, not 60 (simulated
 * time, 600 times faster: a simulated minute is 0.1 s).
 */
class IdleGpuTimeRestartIT {

    private static final double SCALE = 600;
    private static final String CLUSTER = """
            cluster: idle-test
            nodePools:
              - name: pool
            nodes:
              - {name: node-1, nodePool: pool, gpus: 8, gpuMemoryMiB: 81920, cpuMillis: 64000, memoryMiB: 524288}
            departments:
              - name: research
                quotas: [{nodePool: pool, gpu: 8, cpuMillis: 64000, memoryMiB: 524288}]
            projects:
              - {name: vision, department: research, quotas: [{nodePool: pool, gpu: 4, cpuMillis: 32000, memoryMiB: 262144}]}
            """;

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(SCALE).withCluster(CLUSTER);

    private static Duration simulated(Duration real) {
        return Duration.ofMillis((long) (real.toMillis() * SCALE));
    }

    @Test
    void aWorkspaceIdleFiftyMinutesBeforeARestartIsStoppedTenMinutesAfterIt() throws Exception {
        runplane.client().organization().updateProject(ProjectRequest.newBuilder().setProject(Project.newBuilder()
                .setName("vision").setDepartment("research").addNodePools("pool")
                .addQuotas(PoolQuota.newBuilder().setNodePool("pool")
                        .setDeserved(Resources.newBuilder().setGpu(4).setCpuMillis(32000).setMemoryMib(262144)))
                .setRules(SchedulingRules.newBuilder().setWorkspaceIdleGpuLimitSeconds(3600))).build());
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("vision", "notebook", "24h")
                .setType(WorkloadType.WORKLOAD_TYPE_INTERACTIVE).putAnnotations("runplane.io/simulated-gpu-idle", "true")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1).setCpuMillis(1000).setMemoryMib(4096))).build());
        Await.status(runplane.client(), "vision", "notebook", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        long runningAt = System.nanoTime();

        Thread.sleep(5_000);
        WorkloadRef ref = WorkloadRef.newBuilder().setProject("vision").setName("notebook").build();
        assertThat(runplane.client().workloads().get(ref).getStatus()).as("still running after 50 idle minutes")
                .isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        Duration idleBefore = simulated(Duration.ofNanos(System.nanoTime() - runningAt));

        runplane.restart();
        long restartedAt = System.nanoTime();
        Workload stopped = Await.status(runplane.client(), "vision", "notebook", WorkloadStatus.WORKLOAD_STATUS_STOPPED);
        Duration afterRestart = simulated(Duration.ofNanos(System.nanoTime() - restartedAt));

        assertThat(stopped.getStatusMessage()).isEqualTo("stopped: GPUs idle for the workspace idle GPU limit of 1h in project vision");
        assertThat(idleBefore).isGreaterThanOrEqualTo(Duration.ofMinutes(50));
        assertThat(afterRestart).as("stopped after the rest of the hour, not a whole new hour")
                .isLessThan(Duration.ofMinutes(60).minus(idleBefore).plus(Duration.ofMinutes(20)));
    }
}
