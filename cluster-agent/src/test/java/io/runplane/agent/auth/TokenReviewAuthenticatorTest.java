package io.runplane.agent.auth;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.runplane.access.Identity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The review cache: answers expire after their time to live, and the oldest tokens make room for new ones. */
@EnableKubernetesMockClient
class TokenReviewAuthenticatorTest {

    KubernetesMockServer server;
    KubernetesClient client;
    private final Map<String, AtomicInteger> reviews = new ConcurrentHashMap<>();
    private Instant now = Instant.parse("2026-03-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @BeforeEach
    void apiServer() {
        server.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews").andReply(201, request -> {
            TokenReview review = Serialization.unmarshal(request.getUtf8Body(), TokenReview.class);
            String token = review.getSpec().getToken();
            reviews.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            return new TokenReviewBuilder(review).withNewStatus().withAuthenticated(true).withNewUser()
                    .withUsername(token.replace("-token", "")).withGroups(List.of("ml")).endUser().endStatus().build();
        }).always();
    }

    @Test
    void anAnswerIsReusedUntilItsTimeToLiveEnds() {
        TokenReviewAuthenticator reviewer = new TokenReviewAuthenticator(client, clock, Duration.ofSeconds(30), 10);

        assertThat(reviewer.verify("bob-token")).isEqualTo(new Authenticator.Accepted(new Identity("bob", Set.of("ml"), false)));
        now = now.plusSeconds(29);
        reviewer.verify("bob-token");
        assertThat(reviews.get("bob-token")).hasValue(1);

        now = now.plusSeconds(2);
        reviewer.verify("bob-token");
        assertThat(reviews.get("bob-token")).hasValue(2);
    }

    @Test
    void theCacheHoldsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        TokenReviewAuthenticator reviewer = new TokenReviewAuthenticator(client, clock, Duration.ofSeconds(30), 2);

        reviewer.verify("a-token");
        reviewer.verify("b-token");
        reviewer.verify("a-token");
        reviewer.verify("c-token");
        reviewer.verify("a-token");
        reviewer.verify("b-token");

        assertThat(reviews.get("a-token")).hasValue(1);
        assertThat(reviews.get("b-token")).as("dropped for c, the least recently used").hasValue(2);
        assertThat(reviews.get("c-token")).hasValue(1);
    }
}
