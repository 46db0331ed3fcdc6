package io.runplane.console.bench;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.runplane.api.v1.ClusterGrpc;
import io.runplane.api.v1.ListNodePoolsRequest;
import io.runplane.api.v1.ListNodePoolsResponse;
import io.runplane.api.v1.OrganizationGrpc;
import io.runplane.api.v1.OverviewRequest;
import io.runplane.api.v1.OverviewResponse;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.WhoAmIRequest;
import io.runplane.api.v1.WhoAmIResponse;
import io.runplane.api.v1.WorkloadsGrpc;
import io.runplane.console.app.Background;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for the agent on a loopback port: serves the Watch stream of a {@link SyntheticFleet}
 * (the snapshot, then the deltas of status changes made at a fixed rate), plus the unary calls the
 * console makes without user action (who am I, overview, node pools). The console connects to it
 * over real gRPC as to any remote agent.
 */
final class SyntheticAgent implements AutoCloseable {

    /** The synthetic agent takes any caller; the console still sends a token, as it does to a real agent. */
    static final String TOKEN = "benchmark";

    private static final long DRIVER_PERIOD_MILLIS = 5;

    private final CompletableFuture<SyntheticFleet> fleet = new CompletableFuture<>();
    private final List<ServerCallStreamObserver<WatchWorkloadsResponse>> watchers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor(
            Background.namedDaemons("bench-driver"));
    private final AtomicLong changesSent = new AtomicLong();
    private final Server server;
    private volatile long driveStartNanos;

    /** Listens at once; watchers wait for {@link #serve}. */
    SyntheticAgent() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(new Watch())
                    .addService(new Cluster())
                    .addService(new Organization())
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the benchmark's agent: " + e.getMessage(), e);
        }
    }

    int port() {
        return server.getPort();
    }

    void serve(SyntheticFleet workloads) {
        fleet.complete(workloads);
    }

    /** Starts changing statuses at {@code perSecond} changes per second, sent to every watcher. */
    void startChanges(int perSecond) {
        if (perSecond == 0) {
            return;
        }
        SyntheticFleet workloads = fleet.join();
        driveStartNanos = System.nanoTime();
        driver.scheduleAtFixedRate(() -> {
            long due = (System.nanoTime() - driveStartNanos) * perSecond / 1_000_000_000L;
            while (changesSent.get() < due) {
                WatchWorkloadsResponse change;
                synchronized (workloads) {
                    change = workloads.nextChange();
                    for (ServerCallStreamObserver<WatchWorkloadsResponse> watcher : watchers) {
                        send(watcher, change);
                    }
                }
                changesSent.incrementAndGet();
            }
        }, 0, DRIVER_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Status changes sent so far, and the rate they were sent at since {@link #startChanges}. */
    long changesSent() {
        return changesSent.get();
    }

    double achievedRate() {
        double seconds = (System.nanoTime() - driveStartNanos) / 1e9;
        return driveStartNanos == 0 || seconds <= 0 ? 0 : changesSent.get() / seconds;
    }

    int snapshotBytes() {
        return fleet.join().snapshot().getSerializedSize();
    }

    @Override
    public void close() {
        driver.shutdownNow();
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(ServerCallStreamObserver<WatchWorkloadsResponse> watcher, WatchWorkloadsResponse message) {
        try {
            watcher.onNext(message);
        } catch (RuntimeException e) {
            watchers.remove(watcher);
        }
    }

    private final class Watch extends WorkloadsGrpc.WorkloadsImplBase {
        @Override
        public void watch(WatchWorkloadsRequest request, StreamObserver<WatchWorkloadsResponse> out) {
            ServerCallStreamObserver<WatchWorkloadsResponse> watcher = (ServerCallStreamObserver<WatchWorkloadsResponse>) out;
            watcher.setOnCancelHandler(() -> watchers.remove(watcher));
            if (request.getResumeFromRevision() != 0) {
                watcher.onError(Status.OUT_OF_RANGE.withDescription("the benchmark's agent keeps no history; watch from 0")
                        .asRuntimeException());
                return;
            }
            SyntheticFleet workloads = fleet.join();
            synchronized (workloads) {
                watcher.onNext(workloads.snapshot());
                watchers.add(watcher);
            }
        }
    }

    private final class Cluster extends ClusterGrpc.ClusterImplBase {
        @Override
        public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> out) {
            out.onNext(WhoAmIResponse.newBuilder().setSubject("bench").setCluster("bench").setBackend("synthetic").build());
            out.onCompleted();
        }

        @Override
        public void overview(OverviewRequest request, StreamObserver<OverviewResponse> out) {
            out.onNext(OverviewResponse.newBuilder().setNodes(500).setTotalGpus(4_000).build());
            out.onCompleted();
        }
    }

    private final class Organization extends OrganizationGrpc.OrganizationImplBase {
        @Override
        public void listNodePools(ListNodePoolsRequest request, StreamObserver<ListNodePoolsResponse> out) {
            out.onNext(ListNodePoolsResponse.getDefaultInstance());
            out.onCompleted();
        }
    }
}
