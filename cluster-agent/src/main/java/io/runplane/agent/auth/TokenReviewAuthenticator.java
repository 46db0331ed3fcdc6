package io.runplane.agent.auth;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.runplane.access.Identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies bearer tokens the way the cluster does: each token is posted as a TokenReview, and the
 * user and groups the API server answers become the caller. Answers (both ways) are kept for a short
 * while, by the token's digest, in a bounded cache, so that a busy console does not post a review
 * per call. A review that cannot be made is not cached: the next call tries again. Reviews go
 * through a client of their own that fails fast (no retries, a short timeout), as a caller waits.
 */
public final class TokenReviewAuthenticator implements Authenticator, AutoCloseable {

    /** How long an answer is kept. */
    public static final Duration TTL = Duration.ofSeconds(30);
    /** How many tokens' answers are kept at most. */
    public static final int CAPACITY = 1024;
    private static final Duration REVIEW_TIMEOUT = Duration.ofSeconds(5);
    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    private record Cached(Authentication answer, Instant until) {
    }

    private final KubernetesClient client;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> cache;

    /** Reviews tokens with the API server and credentials of {@code cluster}, through a fail-fast client of its own. */
    public static TokenReviewAuthenticator of(KubernetesClient cluster) {
        Config config = new ConfigBuilder(cluster.getConfiguration())
                .withRequestRetryBackoffLimit(0)
                .withRequestTimeout((int) REVIEW_TIMEOUT.toMillis())
                .build();
        return new TokenReviewAuthenticator(new KubernetesClientBuilder().withConfig(config).build(), Clock.systemUTC(), TTL, CAPACITY);
    }

    TokenReviewAuthenticator(KubernetesClient client, Clock clock, Duration ttl, int capacity) {
        this.client = client;
        this.clock = clock;
        this.ttl = ttl;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public Authentication verify(String token) {
        String key = Tokens.sha256(token);
        Instant now = clock.instant();
        synchronized (cache) {
            Cached cached = cache.get(key);
            if (cached != null && now.isBefore(cached.until())) {
                return cached.answer();
            }
        }
        TokenReviewStatus status;
        try {
            TokenReview review = client.authentication().v1().tokenReviews()
                    .create(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build());
            status = review.getStatus();
        } catch (KubernetesClientException e) {
            return new Refused("cannot verify the bearer token with the Kubernetes API server (TokenReview): " + reason(e));
        }
        Authentication answer = answer(status);
        synchronized (cache) {
            cache.put(key, new Cached(answer, now.plus(ttl)));
        }
        return answer;
    }

    private static Authentication answer(TokenReviewStatus status) {
        if (status == null || !Boolean.TRUE.equals(status.getAuthenticated()) || status.getUser() == null
                || status.getUser().getUsername() == null || status.getUser().getUsername().isEmpty()) {
            String error = status == null || status.getError() == null || status.getError().isEmpty() ? "" : ": " + status.getError();
            return new Refused("the Kubernetes API server did not authenticate the bearer token" + error);
        }
        UserInfo user = status.getUser();
        List<String> groups = user.getGroups() == null ? List.of() : user.getGroups();
        boolean serviceAccount = user.getUsername().startsWith(SERVICE_ACCOUNT_PREFIX);
        return new Accepted(new Identity(user.getUsername(), Set.copyOf(groups), serviceAccount));
    }

    @Override
    public void close() {
        client.close();
    }

    private static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getCode() + " " + e.getStatus().getMessage();
        }
        return e.getCode() > 0 ? e.getCode() + " " + e.getMessage() : e.getMessage();
    }
}
