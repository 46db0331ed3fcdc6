package io.runplane.agent.loadtest;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import io.runplane.agent.AgentCommand;
import io.runplane.api.BearerToken;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.ListProjectsRequest;
import io.runplane.api.v1.OrganizationGrpc;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.SubmitWorkloadResponse;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;
import io.runplane.api.v1.WorkloadsGrpc;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Load on a running agent over TCP: N watchers on the workload watch and M submissions per second.
 * Prints one JSON document with the achieved rate, the submission latency (until acknowledged) and
 * the delivery latency (from sending a submission until each watcher receives its delta, or a
 * resync snapshot holding it when the watcher fell behind).
 */
public final class LoadTest implements AgentCommand {

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        LoadTestOptions options;
        try {
            options = LoadTestOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("runplane-agent loadtest: " + e.getMessage());
            err.print(LoadTestOptions.USAGE);
            return 2;
        }
        ManagedChannel channel = NettyChannelBuilder.forAddress(options.host(), options.port()).usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024).build();
        try {
            out.println(new Run(options, channel).execute());
            return 0;
        } catch (RuntimeException | InterruptedException e) {
            err.println("runplane-agent loadtest: " + e.getMessage());
            return 1;
        } finally {
            channel.shutdownNow();
        }
    }

    private static final class Run {
        private final LoadTestOptions options;
        private final WorkloadsGrpc.WorkloadsStub async;
        private final WorkloadsGrpc.WorkloadsFutureStub future;
        private final WorkloadsGrpc.WorkloadsBlockingStub blocking;
        private final OrganizationGrpc.OrganizationBlockingStub organization;
        private final String prefix = "lt" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36) + "-";
        private final int total;
        private final AtomicLongArray sentAt;
        private final Latencies acks = new Latencies();
        private final AtomicInteger acknowledged = new AtomicInteger();
        private final AtomicInteger errors = new AtomicInteger();
        private volatile String firstError = "";

        Run(LoadTestOptions options, ManagedChannel channel) {
            this.options = options;
            WorkloadsGrpc.WorkloadsStub stub = WorkloadsGrpc.newStub(channel);
            WorkloadsGrpc.WorkloadsFutureStub futureStub = WorkloadsGrpc.newFutureStub(channel);
            WorkloadsGrpc.WorkloadsBlockingStub blockingStub = WorkloadsGrpc.newBlockingStub(channel);
            OrganizationGrpc.OrganizationBlockingStub org = OrganizationGrpc.newBlockingStub(channel);
            if (options.token().isPresent()) {
                BearerToken token = new BearerToken(options.token().get());
                stub = stub.withCallCredentials(token);
                futureStub = futureStub.withCallCredentials(token);
                blockingStub = blockingStub.withCallCredentials(token);
                org = org.withCallCredentials(token);
            }
            this.async = stub;
            this.future = futureStub;
            this.blocking = blockingStub;
            this.organization = org;
            this.total = options.rate() * options.seconds();
            this.sentAt = new AtomicLongArray(total);
        }

        String execute() throws InterruptedException {
            String project = options.project().orElseGet(() -> organization.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .listProjects(ListProjectsRequest.getDefaultInstance()).getProjectsList().stream()
                    .findFirst().orElseThrow(() -> new IllegalStateException("the agent lists no project")).getName());
            List<Watcher> watchers = new ArrayList<>();
            CountDownLatch snapshots = new CountDownLatch(options.watchers());
            for (int i = 0; i < options.watchers(); i++) {
                Watcher watcher = new Watcher(snapshots);
                ClientCalls.asyncServerStreamingCall(async.getChannel().newCall(WatchedNames.WATCH, async.getCallOptions()),
                        WatchWorkloadsRequest.newBuilder().setProject(project).setBatches(true).build(), watcher);
                watchers.add(watcher);
            }
            if (!snapshots.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the watchers did not all receive their snapshot within 60 s");
            }
            long started = System.nanoTime();
            submitAll(project);
            long submitNanos = System.nanoTime() - started;
            awaitDeliveries(watchers);
            Latencies deliveries = new Latencies();
            long missing = 0;
            for (Watcher watcher : watchers) {
                watcher.cancel();
                deliveries.addAll(watcher.latencies);
                missing += acknowledged.get() - watcher.seenCount();
            }
            if (options.cleanup()) {
                deleteAll(project);
            }
            return String.format(Locale.ROOT,
                    "{\"target\":\"%s:%d\",\"project\":\"%s\",\"watchers\":%d,\"rateTarget\":%d,\"seconds\":%d,"
                            + "\"submitted\":%d,\"acknowledged\":%d,\"errors\":%d,\"firstError\":\"%s\","
                            + "\"achievedRate\":%.1f,\"submitLatencyMs\":%s,\"deliveryLatencyMs\":%s,\"missingDeliveries\":%d}",
                    options.host(), options.port(), project, options.watchers(), options.rate(), options.seconds(),
                    total, acknowledged.get(), errors.get(), firstError.replace("\"", "'"),
                    acknowledged.get() / (submitNanos / 1e9), acks.summaryJson(), deliveries.summaryJson(), missing);
        }

        private void submitAll(String project) throws InterruptedException {
            Semaphore inFlight = new Semaphore(options.maxInFlight());
            long start = System.nanoTime();
            long interval = 1_000_000_000L / options.rate();
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                inFlight.acquire();
                int index = i;
                SubmitWorkloadRequest request = SubmitWorkloadRequest.newBuilder().setSpec(WorkloadSpec.newBuilder()
                        .setProject(project).setName(prefix + i).setType(WorkloadType.WORKLOAD_TYPE_TRAINING)
                        .setImage("runplane/loadtest:latest")
                        .setCompute(ComputeRequest.newBuilder().setGpuDevices(1))).build();
                sentAt.set(index, System.nanoTime());
                Futures.addCallback(future.submit(request), new FutureCallback<SubmitWorkloadResponse>() {
                    @Override
                    public void onSuccess(SubmitWorkloadResponse result) {
                        acks.add(System.nanoTime() - sentAt.get(index));
                        acknowledged.incrementAndGet();
                        inFlight.release();
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        if (errors.getAndIncrement() == 0) {
                            firstError = t.getMessage();
                        }
                        inFlight.release();
                    }
                }, MoreExecutors.directExecutor());
            }
            inFlight.acquire(options.maxInFlight());
        }

        private void awaitDeliveries(List<Watcher> watchers) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (Watcher watcher : watchers) {
                while (watcher.seenCount() < acknowledged.get() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
        }

        private void deleteAll(String project) {
            for (int i = 0; i < total; i++) {
                try {
                    blocking.withDeadlineAfter(10, TimeUnit.SECONDS)
                            .delete(WorkloadRef.newBuilder().setProject(project).setName(prefix + i).build());
                } catch (RuntimeException notThere) {
                    // a submission that failed left nothing to delete
                }
            }
        }

        /** One watch stream; gRPC delivers its messages one at a time, so its state needs no locks. */
        private final class Watcher implements ClientResponseObserver<WatchWorkloadsRequest, WatchedNames> {
            private final CountDownLatch snapshots;
            private final BitSet seen = new BitSet(total);
            private final Latencies latencies = new Latencies();
            private final AtomicInteger seenCount = new AtomicInteger();
            private volatile ClientCallStreamObserver<WatchWorkloadsRequest> call;
            private boolean snapshotSeen;

            Watcher(CountDownLatch snapshots) {
                this.snapshots = snapshots;
            }

            @Override
            public void beforeStart(ClientCallStreamObserver<WatchWorkloadsRequest> requestStream) {
                this.call = requestStream;
            }

            @Override
            public void onNext(WatchedNames response) {
                long now = System.nanoTime();
                if (response.snapshot() && !snapshotSeen) {
                    snapshotSeen = true;
                    snapshots.countDown();
                    return;
                }
                // A delta's upserted workload, or a resync snapshot's (after the watcher fell behind) counting as delivered now.
                for (String name : response.names()) {
                    seen(name, now);
                }
            }

            private void seen(String name, long now) {
                if (!name.startsWith(prefix)) {
                    return;
                }
                int index = Integer.parseInt(name.substring(prefix.length()));
                if (index < total && !seen.get(index)) {
                    seen.set(index);
                    latencies.add(now - sentAt.get(index));
                    seenCount.incrementAndGet();
                }
            }

            int seenCount() {
                return seenCount.get();
            }

            void cancel() {
                if (call != null) {
                    call.cancel("load test finished", null);
                }
            }

            @Override
            public void onError(Throwable t) {
                snapshots.countDown();
            }

            @Override
            public void onCompleted() {
                snapshots.countDown();
            }
        }
    }
}
