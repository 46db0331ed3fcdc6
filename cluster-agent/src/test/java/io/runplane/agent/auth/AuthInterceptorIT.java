package io.runplane.agent.auth;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import io.runplane.api.BearerToken;
import io.runplane.api.v1.ClusterGrpc;
import io.runplane.api.v1.WhoAmIRequest;
import io.runplane.api.v1.WhoAmIResponse;
import io.runplane.access.Identity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The interceptor in front of a real server on a loopback socket. */
class AuthInterceptorIT {

    private static final String ALICE_TOKEN = Tokens.newToken();
    private static final String BOT_TOKEN = Tokens.newToken();

    /** Answers WhoAmI with whatever identity the interceptor put on the call. */
    private static final class EchoCaller extends ClusterGrpc.ClusterImplBase {
        @Override
        public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> response) {
            Identity caller = Caller.current();
            response.onNext(WhoAmIResponse.newBuilder().setSubject(caller.name())
                    .addAllGroups(caller.groups().stream().sorted().toList()).build());
            response.onCompleted();
        }
    }

    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        IdentityFile identities = new IdentityFile(
                List.of(new IdentityFile.User("alice", List.of("ml-team"), List.of(Tokens.sha256(ALICE_TOKEN)))),
                List.of(new IdentityFile.Application("ci-bot", List.of(Tokens.sha256(BOT_TOKEN)))));
        AuthInterceptor auth = new AuthInterceptor(new TokenAuthenticator(identities));
        HealthStatusManager health = new HealthStatusManager();
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new EchoCaller(), auth))
                .addService(ServerInterceptors.intercept(health.getHealthService(), auth))
                .build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aValidTokenReachesTheHandlerAsItsIdentity() {
        WhoAmIResponse me = ClusterGrpc.newBlockingStub(channel).withCallCredentials(new BearerToken(ALICE_TOKEN))
                .whoAmI(WhoAmIRequest.getDefaultInstance());

        assertThat(me.getSubject()).isEqualTo("alice");
        assertThat(me.getGroupsList()).containsExactly("ml-team");
    }

    @Test
    void anApplicationTokenIdentifiesTheApplication() {
        WhoAmIResponse me = ClusterGrpc.newBlockingStub(channel).withCallCredentials(new BearerToken(BOT_TOKEN))
                .whoAmI(WhoAmIRequest.getDefaultInstance());

        assertThat(me.getSubject()).isEqualTo("ci-bot");
    }

    @Test
    void aCallWithoutCredentialsIsRejectedWithAnExplanation() {
        assertThatThrownBy(() -> ClusterGrpc.newBlockingStub(channel).whoAmI(WhoAmIRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(e.getStatus().getDescription()).contains("authorization: Bearer");
                });
    }

    @Test
    void anUnknownTokenIsRejected() {
        assertThatThrownBy(() -> ClusterGrpc.newBlockingStub(channel)
                .withCallCredentials(new BearerToken(Tokens.newToken()))
                .whoAmI(WhoAmIRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(e.getStatus().getDescription()).isEqualTo("unknown or revoked bearer token");
                });
    }

    @Test
    void healthChecksNeedNoCredentials() {
        HealthCheckResponse response = HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }
}
