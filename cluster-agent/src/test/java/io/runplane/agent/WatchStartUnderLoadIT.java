package io.runplane.agent;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.runplane.api.v1.ListWorkloadsRequest;
import io.runplane.api.v1.ListWorkloadsResponse;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadDelta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Watches that start while workloads are submitted continuously, over real gRPC. */
class WatchStartUnderLoadIT {

    private static final String PROJECT = "vision";
    private static final int SUBMISSIONS = 300;
    private static final int WATCHERS = 40;

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(50);

    @Test
    void watchersStartedDuringSubmissionsMissNoChangeAndGetNoneTwice() throws Exception {
        CompletableFuture<Void> submitting = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < SUBMISSIONS; i++) {
                runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder()
                        .setSpec(Specs.training(PROJECT, "load-" + i, "1h")).build());
            }
        });
        List<Watcher> watchers = new ArrayList<>();
        for (int i = 0; i < WATCHERS; i++) {
            Watcher watcher = new Watcher(i % 2 == 0 ? "" : PROJECT);
            runplane.client().workloadsAsync().watch(WatchWorkloadsRequest.newBuilder()
                    .setProject(watcher.project).setBatches(i % 4 < 2).build(), watcher);
            watchers.add(watcher);
        }
        submitting.get(60, TimeUnit.SECONDS);

        for (Watcher watcher : watchers) {
            ListWorkloadsResponse listed = runplane.client().workloads().list(ListWorkloadsRequest.newBuilder()
                    .setProject(watcher.project).setPageSize(1000).build());
            Map<String, Workload> seen = watcher.awaitAtLeast(listed.getWorkloadsList());
            assertThat(seen.keySet()).as("watcher of '%s' sees every workload", watcher.project)
                    .containsExactlyInAnyOrderElementsOf(listed.getWorkloadsList().stream().map(w -> w.getSpec().getName()).toList());
            for (Workload w : listed.getWorkloadsList()) {
                Workload mine = seen.get(w.getSpec().getName());
                assertThat(mine.getRevision()).as("latest change of " + w.getSpec().getName()).isGreaterThanOrEqualTo(w.getRevision());
                if (mine.getRevision() == w.getRevision()) {
                    assertThat(mine).isEqualTo(w);
                }
            }
            assertThat(watcher.outOfOrder).as("revisions that did not follow the snapshot's or the previous delta's").isEmpty();
            watcher.cancel();
        }
        assertThat(watchers).allSatisfy(w -> assertThat(w.snapshotRevision).isPositive());
    }

    /** Applies a snapshot and then deltas to its own view, noting any revision not above the last one. */
    private static final class Watcher implements ClientResponseObserver<WatchWorkloadsRequest, WatchWorkloadsResponse> {
        private final String project;
        private final Map<String, Workload> view = new HashMap<>();
        private final List<String> outOfOrder = new ArrayList<>();
        private long snapshotRevision;
        private long revision;
        private Throwable failure;
        private ClientCallStreamObserver<WatchWorkloadsRequest> call;

        Watcher(String project) {
            this.project = project;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchWorkloadsRequest> requestStream) {
            call = requestStream;
        }

        @Override
        public synchronized void onNext(WatchWorkloadsResponse response) {
            if (response.hasSnapshot()) {
                if (snapshotRevision != 0) {
                    outOfOrder.add("a second snapshot at " + response.getRevision());
                }
                snapshotRevision = response.getRevision();
                response.getSnapshot().getWorkloadsList().forEach(w -> view.put(w.getSpec().getName(), w));
            } else if (response.hasBatch()) {
                response.getBatch().getDeltasList().forEach(this::apply);
            } else {
                apply(response.getDelta());
            }
            revision = response.getRevision();
            notifyAll();
        }

        private void apply(WorkloadDelta delta) {
            Workload w = delta.getWorkload();
            if (snapshotRevision == 0 || w.getRevision() <= revision) {
                outOfOrder.add(w.getSpec().getName() + " at " + w.getRevision() + " after " + revision);
            }
            revision = w.getRevision();
            if (delta.getKind() == WorkloadDelta.Kind.KIND_DELETED) {
                view.remove(w.getSpec().getName());
            } else {
                view.put(w.getSpec().getName(), w);
            }
        }

        /** Its view once it has seen each listed workload at the listed revision or a later one. */
        synchronized Map<String, Workload> awaitAtLeast(List<Workload> listed) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (failure == null && !listed.stream().allMatch(w -> view.containsKey(w.getSpec().getName())
                    && view.get(w.getSpec().getName()).getRevision() >= w.getRevision())) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("watcher of '%s' at revision %d caught up with the list", project, revision).isPositive();
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            assertThat(failure).isNull();
            return new HashMap<>(view);
        }

        void cancel() {
            call.cancel("done", null);
        }

        @Override
        public synchronized void onError(Throwable t) {
            failure = t;
            notifyAll();
        }

        @Override
        public void onCompleted() {
        }
    }
}
