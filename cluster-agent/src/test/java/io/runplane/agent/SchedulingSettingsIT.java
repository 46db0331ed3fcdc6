package io.runplane.agent;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.runplane.access.Role;
import io.runplane.api.v1.AuditEntry;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.GetSchedulingSettingsRequest;
import io.runplane.api.v1.ListAuditEntriesRequest;
import io.runplane.api.v1.ListWorkloadsRequest;
import io.runplane.api.v1.SchedulingSettings;
import io.runplane.api.v1.SchedulingSettingsRequest;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.WorkloadStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The cluster's scheduling settings over gRPC: seeded from the cluster file, validated, audited, kept, and applied. */
class SchedulingSettingsIT {

    private static final String CLUSTER = """
            cluster: fairness-test
            nodePools:
              - {name: pool}
            nodes:
              - {name: node-1, nodePool: pool, gpus: 8, gpuMemoryMiB: 81920, cpuMillis: 64000, memoryMiB: 524288}
            departments:
              - name: dept
                quotas: [{nodePool: pool, gpu: 0, cpuMillis: 0, memoryMiB: 0}]
            projects:
              - {name: early, department: dept, quotas: [{nodePool: pool, gpu: 0, cpuMillis: 0, memoryMiB: 0}]}
              - {name: late, department: dept, quotas: [{nodePool: pool, gpu: 0, cpuMillis: 0, memoryMiB: 0}]}
            scheduling: {timeBasedFairness: false, window: 12h, usageWeight: 2}
            """;

    private static final int TIME_SCALE = 60;
    private static final Duration WINDOW = Duration.ofMinutes(15);

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(TIME_SCALE).withCluster(CLUSTER);

    private SchedulingSettings settings() {
        return runplane.client().organization().getSchedulingSettings(GetSchedulingSettingsRequest.getDefaultInstance());
    }

    private SchedulingSettings update(AgentClient client, boolean on, long windowSeconds, double usageWeight) {
        return client.organization().updateSchedulingSettings(SchedulingSettingsRequest.newBuilder().setSettings(SchedulingSettings.newBuilder()
                .setTimeBasedFairness(on).setWindowSeconds(windowSeconds).setUsageWeight(usageWeight)).build());
    }

    @Test
    void settingsAreSeededValidatedAuditedAndKept() throws Exception {
        SchedulingSettings seeded = settings();
        assertThat(seeded.getTimeBasedFairness()).isFalse();
        assertThat(seeded.getWindowSeconds()).isEqualTo(Duration.ofHours(12).toSeconds());
        assertThat(seeded.getUsageWeight()).isEqualTo(2);

        StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
                () -> update(runplane.client(), true, 10, -1));
        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(StatusProto.fromThrowable(refused).getDetailsList().stream().filter(d -> d.is(BadRequest.class)).findFirst()
                .orElseThrow().unpack(BadRequest.class).getFieldViolationsList())
                .extracting(BadRequest.FieldViolation::getField)
                .containsExactlyInAnyOrder("settings.window_seconds", "settings.usage_weight");
        assertThat(settings()).as("a refused change changes nothing").isEqualTo(seeded);

        runplane.grant("vic", Role.VIEWER, ScopeKind.SCOPE_KIND_PROJECT, "early");
        StatusRuntimeException denied = catchThrowableOfType(StatusRuntimeException.class,
                () -> update(runplane.clientFor("vic"), true, 3600, 1));
        assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);

        SchedulingSettings on = update(runplane.client(), true, 3600, 0.5);
        assertThat(on.getTimeBasedFairness()).isTrue();
        assertThat(on.getWindowSeconds()).isEqualTo(3600);
        assertThat(on.getUsageWeight()).isEqualTo(0.5);
        assertThat(runplane.client().audit().listAuditEntries(ListAuditEntriesRequest.newBuilder()
                        .setActionPrefix("runplane.v1.Organization/UpdateSchedulingSettings").build()).getEntriesList())
                .extracting(AuditEntry::getOutcome).containsExactlyInAnyOrder("INVALID_ARGUMENT", "PERMISSION_DENIED", "OK");

        runplane.restart();
        assertThat(settings()).as("kept with the organization").isEqualTo(on);
    }

    @Test
    void withoutTimeBasedFairnessTwoProjectsOverQuotaShareEvenly() {
        assertThat(splitAfterLateArrives(false)).as("without: an even split of the 8 GPUs").isEqualTo(4);
    }

    @Test
    void withTimeBasedFairnessAProjectThatUsedTheClusterGivesMoreOfItsShareBack() {
        update(runplane.client(), true, WINDOW.toSeconds(), 3);
        assertThat(splitAfterLateArrives(true)).as("with: the project that used nothing gets more than half").isGreaterThan(4);
    }

    /**
     * Eight 1-GPU workloads of "early" run, then eight of "late" arrive: how many of "late" run, once
     * more than half do ({@code untilMoreThanHalf}) or the count stayed the same for 10 s; the most
     * seen at the deadline. With fairness on, "early" first holds the cluster for a whole window, so
     * its past usage is the most it can be whatever the machine's speed (a shorter stay made the
     * outcome depend on how quickly the workloads started).
     */
    private int splitAfterLateArrives(boolean untilMoreThanHalf) {
        for (int i = 0; i < 8; i++) {
            submit("early", "e" + i);
        }
        for (int i = 0; i < 8; i++) {
            Await.status(runplane.client(), "early", "e" + i, WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        }
        if (untilMoreThanHalf) {
            sleep(WINDOW.dividedBy(TIME_SCALE));
        }
        for (int i = 0; i < 8; i++) {
            submit("late", "l" + i);
        }
        Instant deadline = Instant.now().plusSeconds(60);
        int most = 0;
        int settled = 0;
        Instant settledSince = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            int running = running("late");
            most = Math.max(most, running);
            if (untilMoreThanHalf && running > 4) {
                return running;
            }
            if (running != settled) {
                settled = running;
                settledSince = Instant.now();
            } else if (!untilMoreThanHalf && running > 0 && Duration.between(settledSince, Instant.now()).toSeconds() >= 10) {
                return settled;
            }
            pause();
        }
        return most;
    }

    private int running(String project) {
        return (int) runplane.client().workloads().list(ListWorkloadsRequest.newBuilder().setProject(project)
                .addStatuses(WorkloadStatus.WORKLOAD_STATUS_RUNNING).build()).getWorkloadsList().size();
    }

    private void submit(String project, String name) {
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training(project, name, "10h")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1).setCpuMillis(500).setMemoryMib(1024))).build());
    }

    private static void pause() {
        sleep(Duration.ofMillis(200));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
