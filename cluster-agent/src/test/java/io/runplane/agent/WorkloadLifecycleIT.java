package io.runplane.agent;

import io.grpc.Context;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.runplane.api.v1.ListProjectsRequest;
import io.runplane.api.v1.LogLine;
import io.runplane.api.v1.LogsRequest;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.SubmitWorkloadResponse;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Submit, watch and logs through a real socket against an agent running 20x real time. */
class WorkloadLifecycleIT {

    @RegisterExtension
    static final RunningAgent runplane = RunningAgent.atTimeScale(20);

    @Test
    void servesHealthAndTheSeededProjects() {
        HealthCheckResponse health = HealthGrpc.newBlockingStub(runplane.client().channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService("runplane.v1.Workloads").build());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

        List<Project> projects = runplane.client().organization().listProjects(ListProjectsRequest.getDefaultInstance()).getProjectsList();
        assertThat(projects).extracting(Project::getName).containsExactlyInAnyOrder("vision", "nlp", "serving");
        assertThat(projects).allSatisfy(p -> assertThat(p.getQuotasList()).isNotEmpty());
    }

    @Test
    void submittedTrainingIsWatchedFromSnapshotThroughDeltasToCompletionAndHasLogs() throws Exception {
        try (Context.CancellableContext watchContext = Context.current().withCancellation()) {
            Iterator<WatchWorkloadsResponse> watch = watchContext.call(() -> runplane.client().workloads().withDeadlineAfter(60, TimeUnit.SECONDS)
                    .watch(WatchWorkloadsRequest.newBuilder().setProject("vision").build()));
            WatchWorkloadsResponse first = watch.next();
            assertThat(first.hasSnapshot()).isTrue();
            assertThat(first.getSnapshot().getResync()).isFalse();
            assertThat(first.getSnapshot().getWorkloadsList()).extracting(w -> w.getSpec().getName()).contains("resnet50-baseline");

            SubmitWorkloadResponse submitted = runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder()
                    .setSpec(Specs.training("vision", "mnist-watch", "20s")).build());
            assertThat(submitted.getWorkload().getStatus()).as("Submit creates the pod group").isEqualTo(WorkloadStatus.WORKLOAD_STATUS_PENDING);
            assertThat(submitted.getWorkload().getCreatedBy()).isEqualTo("tester");
            assertThat(submitted.getManifest()).contains("kind: TrainingWorkload", "kind: PodGroup");

            List<WorkloadStatus> seen = new ArrayList<>();
            long lastRevision = first.getRevision();
            while (!seen.contains(WorkloadStatus.WORKLOAD_STATUS_COMPLETED)) {
                WatchWorkloadsResponse next = watch.next();
                assertThat(next.hasDelta()).isTrue();
                assertThat(next.getRevision()).isGreaterThan(lastRevision);
                lastRevision = next.getRevision();
                Workload w = next.getDelta().getWorkload();
                if (w.getSpec().getName().equals("mnist-watch") && (seen.isEmpty() || seen.getLast() != w.getStatus())) {
                    seen.add(w.getStatus());
                }
            }
            watchContext.cancel(null);
            assertThat(seen).containsSubsequence(WorkloadStatus.WORKLOAD_STATUS_PENDING,
                    WorkloadStatus.WORKLOAD_STATUS_INITIALIZING, WorkloadStatus.WORKLOAD_STATUS_RUNNING, WorkloadStatus.WORKLOAD_STATUS_COMPLETED);
        }

        Workload done = runplane.client().workloads().get(WorkloadRef.newBuilder().setProject("vision").setName("mnist-watch").build());
        assertThat(done.getPodsList()).hasSize(1);
        String pod = done.getPods(0).getName();
        List<LogLine> lines = new ArrayList<>();
        runplane.client().workloads().logs(LogsRequest.newBuilder()
                .setWorkload(WorkloadRef.newBuilder().setProject("vision").setName("mnist-watch")).build()).forEachRemaining(lines::add);
        assertThat(lines).isNotEmpty();
        assertThat(lines).allSatisfy(l -> assertThat(l.getPod()).isEqualTo(pod));
        assertThat(lines).extracting(LogLine::getText)
                .contains("env RUNPLANE_PROJECT=vision", "env RUNPLANE_WORKLOAD=mnist-watch", "Finished successfully")
                .anySatisfy(t -> assertThat(t).contains("loss"));
    }
}
