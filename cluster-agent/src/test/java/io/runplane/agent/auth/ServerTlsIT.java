package io.runplane.agent.auth;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.StreamObserver;
import io.runplane.agent.AgentOptions;
import io.runplane.agent.EmbeddedAgent;
import io.runplane.api.BearerToken;
import io.runplane.api.v1.ClusterGrpc;
import io.runplane.api.v1.WhoAmIRequest;
import io.runplane.api.v1.WhoAmIResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bearer tokens over TLS: the client trusts the agent's certificate and the token reaches the handler. */
class ServerTlsIT {

    @TempDir
    Path dir;

    private Server server;
    private ManagedChannel channel;

    private static final class EchoCaller extends ClusterGrpc.ClusterImplBase {
        @Override
        public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> response) {
            response.onNext(WhoAmIResponse.newBuilder().setSubject(Caller.current().name()).build());
            response.onCompleted();
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void startServer(SelfSignedCertificate cert, String token) throws Exception {
        IdentityFile identities = new IdentityFile(
                List.of(new IdentityFile.User("alice", List.of(), List.of(Tokens.sha256(token)))), List.of());
        server = Grpc.newServerBuilderForPort(0, ServerTls.fromPem(cert.certificate(), cert.privateKey()))
                .addService(ServerInterceptors.intercept(new EchoCaller(),
                        new AuthInterceptor(new TokenAuthenticator(identities))))
                .build().start();
    }

    @Test
    void aClientThatTrustsTheCertificateCallsWithItsToken() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
        String token = Tokens.newToken();
        startServer(cert, token);
        channel = Grpc.newChannelBuilderForAddress("localhost", server.getPort(),
                TlsChannelCredentials.newBuilder().trustManager(cert.certificate().toFile()).build()).build();

        WhoAmIResponse me = ClusterGrpc.newBlockingStub(channel).withCallCredentials(new BearerToken(token))
                .whoAmI(WhoAmIRequest.getDefaultInstance());

        assertThat(me.getSubject()).isEqualTo("alice");
    }

    @Test
    void aPlaintextClientCannotTalkToATlsAgent() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
        String token = Tokens.newToken();
        startServer(cert, token);
        channel = Grpc.newChannelBuilderForAddress("localhost", server.getPort(),
                InsecureChannelCredentials.create()).build();

        assertThatThrownBy(() -> ClusterGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .withCallCredentials(new BearerToken(token)).whoAmI(WhoAmIRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }

    @Test
    void theAgentServesTlsAndSignsTheLocalUserInWithItsToken() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
        try (EmbeddedAgent agent = EmbeddedAgent.start(dir.resolve("data"), 0,
                AgentOptions.timeScale(50).withLocalUser("ops").withTls(cert.certificate(), cert.privateKey()))) {
            channel = Grpc.newChannelBuilderForAddress("localhost", agent.port(),
                    TlsChannelCredentials.newBuilder().trustManager(cert.certificate().toFile()).build()).build();

            WhoAmIResponse me = ClusterGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .withCallCredentials(new BearerToken(agent.localToken())).whoAmI(WhoAmIRequest.getDefaultInstance());

            assertThat(me.getSubject()).isEqualTo("ops");
            assertThat(me.getGroupsList()).containsExactly(LocalIdentity.ADMINS_GROUP);
            ManagedChannel plaintext = Grpc.newChannelBuilderForAddress("localhost", agent.port(),
                    InsecureChannelCredentials.create()).build();
            try {
                assertThatThrownBy(() -> ClusterGrpc.newBlockingStub(plaintext).withDeadlineAfter(5, TimeUnit.SECONDS)
                        .withCallCredentials(new BearerToken(agent.localToken())).whoAmI(WhoAmIRequest.getDefaultInstance()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
            } finally {
                plaintext.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void missingCertificateFilesAreNamedInTheError() {
        assertThatThrownBy(() -> ServerTls.fromPem(dir.resolve("none.crt"), dir.resolve("none.key")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--tls-cert: ")
                .hasMessageContaining("none.crt does not exist");
    }
}
