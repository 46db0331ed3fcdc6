package io.runplane.agent;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.runplane.api.BearerToken;
import io.runplane.api.v1.ListWorkloadsRequest;
import io.runplane.api.v1.ListWorkloadsResponse;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadDelta;
import io.runplane.api.v1.WorkloadsGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Watch over real gRPC when workloads change faster than a watcher reads. */
class WatchFanOutIT {

    private static final String PROJECT = "vision";
    private static final int WORKLOADS = 150;

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(50);

    @Test
    void aWatcherThatStoppedReadingCatchesUpOnEveryWorkloadsLatestStateAndCanResume() throws Exception {
        ManagedChannel narrow = NettyChannelBuilder.forAddress("127.0.0.1", runplane.agent().port()).usePlaintext()
                .flowControlWindow(16 * 1024).build();
        try {
            Watcher lagging = new Watcher(false);
            Watcher prompt = new Watcher(true);
            WorkloadsGrpc.newStub(narrow).withCallCredentials(new BearerToken(runplane.agent().localToken()))
                    .watch(WatchWorkloadsRequest.newBuilder().setProject(PROJECT).build(), lagging);
            runplane.client().workloadsAsync().watch(WatchWorkloadsRequest.newBuilder().setProject(PROJECT).build(), prompt);
            lagging.awaitSnapshot();
            prompt.awaitSnapshot();

            for (int i = 0; i < WORKLOADS; i++) {
                runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder()
                        .setSpec(Specs.training(PROJECT, "fan-" + i, "1h")).build());
            }
            ListWorkloadsResponse listed = runplane.client().workloads().list(ListWorkloadsRequest.newBuilder().setProject(PROJECT).setPageSize(1000).build());
            lagging.readOn();
            assertThat(listed.getWorkloadsList()).hasSizeGreaterThan(WORKLOADS);
            lagging.awaitAtLeast(listed);
            prompt.awaitAtLeast(listed);
            assertThat(lagging.deltas.get()).as("a workload's queued changes are coalesced while the watcher lags")
                    .isLessThan(prompt.deltas.get());
            lagging.cancel();
            prompt.cancel();

            long resumeFrom = lagging.revision.get();
            runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training(PROJECT, "after-resume", "1h")).build());
            try (Context.CancellableContext context = Context.current().withCancellation()) {
                Iterator<WatchWorkloadsResponse> resumed = context.call(() -> runplane.client().workloads().withDeadlineAfter(30, TimeUnit.SECONDS)
                        .watch(WatchWorkloadsRequest.newBuilder().setProject(PROJECT).setResumeFromRevision(resumeFrom).build()));
                long last = resumeFrom;
                WatchWorkloadsResponse next;
                do {
                    next = resumed.next();
                    assertThat(next.hasDelta()).as("resumed with deltas, not a snapshot").isTrue();
                    assertThat(next.getRevision()).isGreaterThan(last);
                    last = next.getRevision();
                } while (!next.getDelta().getWorkload().getSpec().getName().equals("after-resume"));
                context.cancel(null);
            }
        } finally {
            narrow.shutdownNow();
            narrow.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWatcherThatAsksForBatchesGetsItsQueuedDeltasTogetherAndCanResumeFromInsideABatch() throws Exception {
        ManagedChannel narrow = NettyChannelBuilder.forAddress("127.0.0.1", runplane.agent().port()).usePlaintext()
                .flowControlWindow(16 * 1024).build();
        try {
            Watcher stalled = new Watcher(false);
            WorkloadsGrpc.newStub(narrow).withCallCredentials(new BearerToken(runplane.agent().localToken()))
                    .watch(WatchWorkloadsRequest.newBuilder().setProject(PROJECT).setBatches(true).build(), stalled);
            stalled.awaitSnapshot();
            for (int i = 0; i < WORKLOADS; i++) {
                runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder()
                        .setSpec(Specs.training(PROJECT, "batched-" + i, "1h")).build());
            }
            ListWorkloadsResponse listed = runplane.client().workloads().list(ListWorkloadsRequest.newBuilder().setProject(PROJECT).setPageSize(1000).build());
            stalled.readOn();
            stalled.awaitAtLeast(listed);
            stalled.cancel();

            assertThat(stalled.singles.get()).as("a watcher that asked for batches gets only batches").isZero();
            for (WatchWorkloadsResponse batch : stalled.batches) {
                List<Long> revisions = batch.getBatch().getDeltasList().stream().map(d -> d.getWorkload().getRevision()).toList();
                assertThat(revisions).isSorted().doesNotHaveDuplicates();
                assertThat(batch.getRevision()).as("a batch's revision is its last delta's").isEqualTo(revisions.getLast());
            }
            WatchWorkloadsResponse largest = stalled.batches.stream()
                    .max(java.util.Comparator.comparingInt(b -> b.getBatch().getDeltasCount())).orElseThrow();
            assertThat(largest.getBatch().getDeltasCount()).as("the deltas queued while it did not read come together").isGreaterThan(1);

            List<WorkloadDelta> inBatch = largest.getBatch().getDeltasList();
            long resumeFrom = inBatch.getFirst().getWorkload().getRevision();
            Map<String, Long> resumedRevisions = new java.util.HashMap<>();
            try (Context.CancellableContext context = Context.current().withCancellation()) {
                Iterator<WatchWorkloadsResponse> resumed = context.call(() -> runplane.client().workloads().withDeadlineAfter(30, TimeUnit.SECONDS)
                        .watch(WatchWorkloadsRequest.newBuilder().setProject(PROJECT).setResumeFromRevision(resumeFrom).setBatches(true).build()));
                long last = resumeFrom;
                while (last < largest.getRevision()) {
                    WatchWorkloadsResponse next = resumed.next();
                    assertThat(next.hasBatch()).as("resumed with deltas, not a snapshot").isTrue();
                    for (WorkloadDelta d : next.getBatch().getDeltasList()) {
                        assertThat(d.getWorkload().getRevision()).isGreaterThan(last);
                        last = d.getWorkload().getRevision();
                        resumedRevisions.merge(d.getWorkload().getSpec().getName(), last, Math::max);
                    }
                }
                context.cancel(null);
            }
            for (WorkloadDelta d : inBatch.subList(1, inBatch.size())) {
                assertThat(resumedRevisions.getOrDefault(d.getWorkload().getSpec().getName(), -1L))
                        .as("the rest of the batch after the resumed revision: " + d.getWorkload().getSpec().getName())
                        .isGreaterThanOrEqualTo(d.getWorkload().getRevision());
            }
        } finally {
            narrow.shutdownNow();
            narrow.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Keeps each workload's latest revision; one that does not read until told to stalls its stream. */
    private static final class Watcher implements ClientResponseObserver<WatchWorkloadsRequest, WatchWorkloadsResponse> {
        private final boolean reading;
        private final CountDownLatch snapshot = new CountDownLatch(1);
        private final Map<String, Long> revisions = new ConcurrentHashMap<>();
        private final AtomicLong revision = new AtomicLong();
        private final AtomicInteger deltas = new AtomicInteger();
        private final AtomicInteger singles = new AtomicInteger();
        private final List<WatchWorkloadsResponse> batches = new CopyOnWriteArrayList<>();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile ClientCallStreamObserver<WatchWorkloadsRequest> call;

        Watcher(boolean reading) {
            this.reading = reading;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchWorkloadsRequest> requestStream) {
            call = requestStream;
            if (!reading) {
                requestStream.disableAutoRequestWithInitial(1);
            }
        }

        @Override
        public void onNext(WatchWorkloadsResponse response) {
            if (response.hasSnapshot()) {
                response.getSnapshot().getWorkloadsList().forEach(w -> revisions.put(w.getSpec().getName(), w.getRevision()));
                snapshot.countDown();
            } else if (response.hasBatch()) {
                batches.add(response);
                response.getBatch().getDeltasList().forEach(this::apply);
            } else {
                singles.incrementAndGet();
                apply(response.getDelta());
            }
            revision.set(response.getRevision());
        }

        private void apply(WorkloadDelta delta) {
            deltas.incrementAndGet();
            Workload w = delta.getWorkload();
            if (delta.getKind() == WorkloadDelta.Kind.KIND_DELETED) {
                revisions.remove(w.getSpec().getName());
            } else {
                revisions.put(w.getSpec().getName(), w.getRevision());
            }
        }

        @Override
        public void onError(Throwable t) {
            failure.set(t);
        }

        @Override
        public void onCompleted() {
        }

        void awaitSnapshot() throws InterruptedException {
            assertThat(snapshot.await(30, TimeUnit.SECONDS)).as("snapshot received").isTrue();
        }

        void readOn() {
            call.request(Integer.MAX_VALUE);
        }

        /** Waits until it holds every listed workload at the listed revision or a later one. */
        void awaitAtLeast(ListWorkloadsResponse listed) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!holdsAtLeast(listed) && failure.get() == null && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(failure.get()).isNull();
            for (Workload w : listed.getWorkloadsList()) {
                assertThat(revisions.getOrDefault(w.getSpec().getName(), -1L)).as(w.getSpec().getName()).isGreaterThanOrEqualTo(w.getRevision());
            }
        }

        private boolean holdsAtLeast(ListWorkloadsResponse listed) {
            return listed.getWorkloadsList().stream().allMatch(w -> revisions.getOrDefault(w.getSpec().getName(), -1L) >= w.getRevision());
        }

        void cancel() {
            call.cancel("done", null);
        }
    }
}
