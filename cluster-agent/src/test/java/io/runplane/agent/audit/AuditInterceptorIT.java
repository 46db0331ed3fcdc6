package io.runplane.agent.audit;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.runplane.agent.auth.AuthInterceptor;
import io.runplane.agent.auth.IdentityFile;
import io.runplane.agent.auth.TokenAuthenticator;
import io.runplane.agent.auth.Tokens;
import io.runplane.api.BearerToken;
import io.runplane.api.v1.DeleteWorkloadResponse;
import io.runplane.api.v1.ListWorkloadsRequest;
import io.runplane.api.v1.ListWorkloadsResponse;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.SubmitWorkloadResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadsGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class AuditInterceptorIT {

    private static final String TOKEN = Tokens.newToken();
    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    /** Accepts submissions and stops; refuses deletes; answers lists. */
    private static final class Workloads extends WorkloadsGrpc.WorkloadsImplBase {
        @Override
        public void submit(SubmitWorkloadRequest request, StreamObserver<SubmitWorkloadResponse> response) {
            response.onNext(SubmitWorkloadResponse.newBuilder()
                    .setWorkload(Workload.newBuilder().setSpec(request.getSpec())).build());
            response.onCompleted();
        }

        @Override
        public void delete(WorkloadRef request, StreamObserver<DeleteWorkloadResponse> response) {
            response.onError(Status.NOT_FOUND.withDescription("no workload " + request.getName()).asRuntimeException());
        }

        @Override
        public void list(ListWorkloadsRequest request, StreamObserver<ListWorkloadsResponse> response) {
            response.onNext(ListWorkloadsResponse.getDefaultInstance());
            response.onCompleted();
        }
    }

    @TempDir
    Path dataDir;

    private AuditLog log;
    private Server server;
    private ManagedChannel channel;
    private WorkloadsGrpc.WorkloadsBlockingStub workloads;

    @BeforeEach
    void start() throws Exception {
        log = new AuditLog(dataDir.resolve("audit.log"));
        IdentityFile identities = new IdentityFile(
                List.of(new IdentityFile.User("alice", List.of(), List.of(Tokens.sha256(TOKEN)))), List.of());
        // The last interceptor runs first: authenticate, then audit.
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new Workloads(),
                        new AuditInterceptor(log, Clock.fixed(NOW, ZoneOffset.UTC)),
                        new AuthInterceptor(new TokenAuthenticator(identities))))
                .build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
        workloads = WorkloadsGrpc.newBlockingStub(channel).withCallCredentials(new BearerToken(TOKEN));
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        log.close();
    }

    @Test
    void changesAreRecordedWithCallerTargetAndOutcomeButReadsAreNot() throws Exception {
        workloads.submit(SubmitWorkloadRequest.newBuilder()
                .setSpec(WorkloadSpec.newBuilder().setProject("team-a").setName("train-1")).build());
        workloads.list(ListWorkloadsRequest.getDefaultInstance());
        assertThatThrownBy(() -> workloads.delete(WorkloadRef.newBuilder().setProject("team-a").setName("ghost").build()))
                .isInstanceOf(StatusRuntimeException.class);

        assertThat(log.read())
                .extracting(AuditEntry::time, AuditEntry::subject, AuditEntry::action, AuditEntry::target,
                        AuditEntry::outcome, AuditEntry::message)
                .containsExactly(
                        tuple(NOW, "user alice", "runplane.v1.Workloads/Submit", "project team-a, name train-1", "OK", ""),
                        tuple(NOW, "user alice", "runplane.v1.Workloads/Delete", "project team-a, name ghost",
                                "NOT_FOUND", "no workload ghost"));
    }

    @Test
    void aTornLastLineFromACrashIsSkippedAndEarlierEntriesSurvive() throws Exception {
        workloads.submit(SubmitWorkloadRequest.newBuilder()
                .setSpec(WorkloadSpec.newBuilder().setProject("team-a").setName("train-1")).build());
        Files.writeString(dataDir.resolve("audit.log"), "{\"time\":\"2026-11-2", java.nio.file.StandardOpenOption.APPEND);

        assertThat(log.read()).extracting(AuditEntry::target).containsExactly("project team-a, name train-1");

        log.close();
        log = new AuditLog(dataDir.resolve("audit.log"));
        log.append(new AuditEntry(NOW, "user alice", "runplane.v1.Workloads/Stop", "project team-a, name train-1",
                "OK", ""));

        assertThat(log.read()).extracting(AuditEntry::action)
                .containsExactly("runplane.v1.Workloads/Submit", "runplane.v1.Workloads/Stop");
    }
}
