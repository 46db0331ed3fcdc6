package io.runplane.agent;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.runplane.api.v1.WhoAmIRequest;
import io.runplane.api.v1.WhoAmIResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An agent in Kubernetes mode signs callers in with TokenReview: real gRPC calls over a socket,
 * reviews answered by the mock API server as a real one would for the tokens it knows.
 */
@EnableKubernetesMockClient(crud = true)
class TokenReviewIT {

    KubernetesMockServer server;
    KubernetesClient client;
    @TempDir
    Path dir;
    private EmbeddedAgent agent;
    private final Map<String, AtomicInteger> reviews = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews").andReply(new ApiServerReviews()).always();
        agent = KubernetesAgent.start(client, dir);
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void aTokenTheApiServerKnowsSignsInAsItsUserAndGroups() throws Exception {
        try (AgentClient alice = new AgentClient(agent.port(), "alice-oidc-token")) {
            WhoAmIResponse me = alice.cluster().whoAmI(WhoAmIRequest.getDefaultInstance());

            assertThat(me.getSubject()).isEqualTo("alice@example.com");
            assertThat(me.getGroupsList()).containsExactlyInAnyOrder("runplane-admins", "system:authenticated");
            assertThat(me.getBackend()).isEqualTo("kubernetes");
        }
        try (AgentClient bot = new AgentClient(agent.port(), "ci-service-account-token")) {
            assertThat(bot.cluster().whoAmI(WhoAmIRequest.getDefaultInstance()).getSubject())
                    .isEqualTo("system:serviceaccount:ci:runner");
        }
    }

    @Test
    void aTokenTheApiServerRejectsIsUnauthenticatedWithItsReason() throws Exception {
        try (AgentClient stranger = new AgentClient(agent.port(), "expired-token")) {
            assertThatThrownBy(() -> stranger.cluster().whoAmI(WhoAmIRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                        assertThat(e.getStatus().getDescription())
                                .isEqualTo("the Kubernetes API server did not authenticate the bearer token: token has expired");
                    });
        }
    }

    @Test
    void answersAreCachedSoRepeatedCallsPostOneReview() throws Exception {
        try (AgentClient alice = new AgentClient(agent.port(), "alice-oidc-token");
             AgentClient stranger = new AgentClient(agent.port(), "expired-token")) {
            for (int i = 0; i < 5; i++) {
                alice.cluster().whoAmI(WhoAmIRequest.getDefaultInstance());
                assertThatThrownBy(() -> stranger.cluster().whoAmI(WhoAmIRequest.getDefaultInstance()))
                        .isInstanceOf(StatusRuntimeException.class);
            }
        }
        assertThat(reviews.get("alice-oidc-token")).hasValue(1);
        assertThat(reviews.get("expired-token")).hasValue(1);
    }

    @Test
    void aReviewThatCannotBeMadeIsRefusedAndTriedAgainNextTime() throws Exception {
        try (AgentClient unlucky = new AgentClient(agent.port(), "token-during-outage")) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> unlucky.cluster().whoAmI(WhoAmIRequest.getDefaultInstance()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                            assertThat(e.getStatus().getDescription())
                                    .startsWith("cannot verify the bearer token with the Kubernetes API server (TokenReview): 503");
                        });
            }
        }
        assertThat(reviews.get("token-during-outage")).hasValue(2);
    }

    /** Answers TokenReviews the way an API server with these users would; counts reviews per token. */
    private final class ApiServerReviews implements ResponseProvider<Object> {
        private Headers headers = Headers.builder().build();
        /** The status code and the body are asked for separately, and the request body reads only once. */
        private final Map<RecordedRequest, String> bodies = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

        private String body(RecordedRequest request) {
            return bodies.computeIfAbsent(request, RecordedRequest::getUtf8Body);
        }

        @Override
        public Object getBody(RecordedRequest request) {
            TokenReview review = Serialization.unmarshal(body(request), TokenReview.class);
            String token = review.getSpec().getToken();
            reviews.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            TokenReviewBuilder answer = new TokenReviewBuilder(review);
            return switch (token) {
                case "alice-oidc-token" -> answer.withNewStatus().withAuthenticated(true).withNewUser()
                        .withUsername("alice@example.com").withGroups(List.of("runplane-admins", "system:authenticated"))
                        .endUser().endStatus().build();
                case "ci-service-account-token" -> answer.withNewStatus().withAuthenticated(true).withNewUser()
                        .withUsername("system:serviceaccount:ci:runner").withGroups(List.of("system:serviceaccounts"))
                        .endUser().endStatus().build();
                case "token-during-outage" -> "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                        + "\"message\":\"etcd leader changed\",\"code\":503}";
                default -> answer.withNewStatus().withAuthenticated(false).withError("token has expired").endStatus().build();
            };
        }

        @Override
        public int getStatusCode(RecordedRequest request) {
            return body(request).contains("token-during-outage") ? 503 : 201;
        }

        @Override
        public Headers getHeaders() {
            return headers;
        }

        @Override
        public void setHeaders(Headers headers) {
            this.headers = headers;
        }
    }
}
