package io.runplane.agent;

import io.grpc.Context;
import io.runplane.api.v1.EventsRequest;
import io.runplane.api.v1.ListWorkloadsRequest;
import io.runplane.api.v1.ListWorkloadsResponse;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadEvent;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** List filters, sorting and paging; watch resume and resync; following the event history. */
class ListWatchEventsIT {

    @RegisterExtension
    static final RunningAgent runplane = RunningAgent.atTimeScale(50).as("lister");

    @BeforeAll
    static void seed() {
        for (String name : List.of("list-c", "list-a", "list-b")) {
            runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("vision", name, "1h").clearNodePools()
                    .addNodePools("l40s")).build());
        }
    }

    @Test
    void filtersSortsAndPages() {
        ListWorkloadsResponse byType = runplane.client().workloads().list(ListWorkloadsRequest.newBuilder()
                .addTypes(WorkloadType.WORKLOAD_TYPE_TRAINING).setProject("vision").setOrderBy("name").build());
        assertThat(byType.getWorkloadsList()).extracting(w -> w.getSpec().getName())
                .containsExactly("list-a", "list-b", "list-c", "resnet50-baseline");

        ListWorkloadsResponse search = runplane.client().workloads().list(ListWorkloadsRequest.newBuilder().setSearch("LIST-").build());
        assertThat(search.getTotalSize()).isEqualTo(3);

        ListWorkloadsResponse finished = runplane.client().workloads().list(ListWorkloadsRequest.newBuilder()
                .addStatuses(WorkloadStatus.WORKLOAD_STATUS_COMPLETED).addStatuses(WorkloadStatus.WORKLOAD_STATUS_FAILED).build());
        assertThat(finished.getWorkloadsList()).extracting(w -> w.getSpec().getName())
                .containsExactlyInAnyOrder("resnet50-baseline", "bert-finetune-squad");

        List<String> paged = new ArrayList<>();
        ListWorkloadsRequest.Builder page = ListWorkloadsRequest.newBuilder().setProject("vision").setPageSize(2).setOrderBy("name")
                .setDescending(true);
        ListWorkloadsResponse response;
        do {
            response = runplane.client().workloads().list(page.build());
            assertThat(response.getWorkloadsCount()).isLessThanOrEqualTo(2);
            response.getWorkloadsList().forEach(w -> paged.add(w.getSpec().getName()));
            page.setPageToken(response.getNextPageToken());
        } while (!response.getNextPageToken().isEmpty());
        assertThat(paged).hasSize(response.getTotalSize()).hasSize(5);
        assertThat(paged).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void aWatchResumesAfterItsLastRevisionAndResyncsWhenTheRevisionIsUnknown() throws Exception {
        long revision = runplane.client().workloads().list(ListWorkloadsRequest.getDefaultInstance()).getRevision();
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("nlp", "resume-me", "1h")).build());

        try (Context.CancellableContext context = Context.current().withCancellation()) {
            Iterator<WatchWorkloadsResponse> resumed = context.call(() -> runplane.client().workloads().withDeadlineAfter(30, TimeUnit.SECONDS)
                    .watch(WatchWorkloadsRequest.newBuilder().setResumeFromRevision(revision).build()));
            WatchWorkloadsResponse first = resumed.next();
            assertThat(first.hasDelta()).isTrue();
            assertThat(first.getRevision()).isGreaterThan(revision);
            WatchWorkloadsResponse next = first;
            while (!next.getDelta().getWorkload().getSpec().getName().equals("resume-me")) {
                next = resumed.next();
                assertThat(next.hasDelta()).isTrue();
            }
            context.cancel(null);
        }

        try (Context.CancellableContext context = Context.current().withCancellation()) {
            Iterator<WatchWorkloadsResponse> stale = context.call(() -> runplane.client().workloads().withDeadlineAfter(30, TimeUnit.SECONDS)
                    .watch(WatchWorkloadsRequest.newBuilder().setResumeFromRevision(revision + 1_000_000).build()));
            WatchWorkloadsResponse first = stale.next();
            assertThat(first.hasSnapshot()).isTrue();
            assertThat(first.getSnapshot().getResync()).isTrue();
            assertThat(first.getSnapshot().getWorkloadsList()).extracting(w -> w.getSpec().getName()).contains("resume-me", "list-a");
            context.cancel(null);
        }
    }

    @Test
    void followingEventsDeliversTheHistoryThenNewEventsUntilTheWorkloadIsGone() throws Exception {
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("nlp", "followed", "1h")).build());
        Workload running = Await.status(runplane.client(), "nlp", "followed", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        assertThat(running.getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);

        WorkloadRef ref = WorkloadRef.newBuilder().setProject("nlp").setName("followed").build();
        Iterator<WorkloadEvent> events = runplane.client().workloads().withDeadlineAfter(30, TimeUnit.SECONDS)
                .events(EventsRequest.newBuilder().setWorkload(ref).setFollow(true).build());
        List<String> reasons = new ArrayList<>();
        while (!reasons.contains("Running")) {
            reasons.add(events.next().getReason());
        }
        assertThat(reasons).containsSubsequence("Submitted", "Pending", "Initializing", "Running");

        runplane.client().workloads().stop(ref);
        WorkloadEvent stopped = events.next();
        while (!stopped.getReason().equals("Stopped")) {
            stopped = events.next();
        }
        assertThat(stopped.getMessage()).isEqualTo("stopped by lister");
        assertThat(stopped.getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_STOPPED);

        runplane.client().workloads().delete(ref);
        List<String> rest = new ArrayList<>();
        events.forEachRemaining(e -> rest.add(e.getReason()));
        assertThat(rest).contains("Deleting");
    }
}
