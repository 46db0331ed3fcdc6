package io.runplane.agent;

import io.grpc.ConnectivityState;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.runplane.api.BearerToken;
import io.runplane.api.v1.EventsRequest;
import io.runplane.api.v1.LogsRequest;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadsGrpc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What every client may rely on from the server itself: reflection, deadlines on endless streams, keepalive. */
class ServerContractIT {

    @RegisterExtension
    static final RunningAgent runplane = RunningAgent.atTimeScale(20);

    private static final WorkloadRef ENDLESS = WorkloadRef.newBuilder().setProject("vision").setName("endless").build();

    @BeforeAll
    static void aLongRun() {
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder()
                .setSpec(Specs.training("vision", "endless", "24h").clearNodePools().addNodePools("l40s")).build());
        Await.status(runplane.client(), "vision", "endless", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
    }

    @Test
    void reflectionListsEveryServiceWithoutAToken() throws Exception {
        ManagedChannel anonymous = ManagedChannelBuilder.forAddress("127.0.0.1", runplane.agent().port()).usePlaintext().build();
        try {
            CompletableFuture<List<String>> services = new CompletableFuture<>();
            StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(anonymous).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .serverReflectionInfo(new StreamObserver<>() {
                        @Override
                        public void onNext(ServerReflectionResponse response) {
                            services.complete(response.getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).toList());
                        }

                        @Override
                        public void onError(Throwable t) {
                            services.completeExceptionally(t);
                        }

                        @Override
                        public void onCompleted() {
                        }
                    });
            requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
            requests.onCompleted();

            assertThat(services.get(10, TimeUnit.SECONDS)).contains("runplane.v1.Workloads", "runplane.v1.Organization", "runplane.v1.Cluster",
                    "runplane.v1.Policies", "runplane.v1.AccessRules", "runplane.v1.Assets", "grpc.health.v1.Health");
        } finally {
            anonymous.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void followedLogsEventsAndWatchesEndWithDeadlineExceededWhenTheCallersDeadlinePasses() {
        long start = System.nanoTime();
        List<Status.Code> codes = new ArrayList<>();
        codes.add(drainUntilFailure(runplane.client().workloads().withDeadlineAfter(2, TimeUnit.SECONDS)
                .logs(LogsRequest.newBuilder().setWorkload(ENDLESS).setFollow(true).build())));
        codes.add(drainUntilFailure(runplane.client().workloads().withDeadlineAfter(2, TimeUnit.SECONDS)
                .events(EventsRequest.newBuilder().setWorkload(ENDLESS).setFollow(true).build())));
        codes.add(drainUntilFailure(runplane.client().workloads().withDeadlineAfter(2, TimeUnit.SECONDS)
                .watch(WatchWorkloadsRequest.newBuilder().setProject("vision").build())));

        assertThat(codes).containsOnly(Status.Code.DEADLINE_EXCEEDED);
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("three 2 s deadlines").isLessThan(20);
        assertThat(runplane.client().workloads().get(ENDLESS).getStatus()).as("the agent serves on").isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);
    }

    private static Status.Code drainUntilFailure(Iterator<?> stream) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> stream.forEachRemaining(m -> { }));
        assertThat(e).as("an endless stream ends only by its deadline").isNotNull();
        return e.getStatus().getCode();
    }

    /**
     * A client pinging every 10 s (the shortest interval the server permits) keeps an idle watch open:
     * with gRPC's default policy (one ping per 5 minutes) the server would close the connection with
     * {@code too_many_pings} at the third ping.
     */
    @Test
    void anIdleWatchOfAClientPingingEveryTenSecondsStaysOpen() throws Exception {
        ManagedChannel pinging = ManagedChannelBuilder.forAddress("127.0.0.1", runplane.agent().port()).usePlaintext()
                .keepAliveTime(10, TimeUnit.SECONDS).keepAliveTimeout(5, TimeUnit.SECONDS).keepAliveWithoutCalls(true).build();
        try (Context.CancellableContext context = Context.current().withCancellation()) {
            Iterator<WatchWorkloadsResponse> watch = context.call(() -> WorkloadsGrpc.newBlockingStub(pinging)
                    .withCallCredentials(new BearerToken(runplane.agent().localToken())).withDeadlineAfter(90, TimeUnit.SECONDS)
                    .watch(WatchWorkloadsRequest.newBuilder().setProject("nlp").build()));
            assertThat(watch.next().hasSnapshot()).isTrue();

            Thread.sleep(TimeUnit.SECONDS.toMillis(35));
            assertThat(pinging.getState(false)).isEqualTo(ConnectivityState.READY);
            runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("nlp", "after-idle", "24h")).build());
            WatchWorkloadsResponse next = watch.next();
            while (!next.getDelta().getWorkload().getSpec().getName().equals("after-idle")) {
                next = watch.next();
            }
            assertThat(next.getDelta().getWorkload().getSpec().getProject()).isEqualTo("nlp");
            context.cancel(null);
        } finally {
            pinging.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
