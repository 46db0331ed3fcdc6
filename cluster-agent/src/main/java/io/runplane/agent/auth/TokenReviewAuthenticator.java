package io.runplane.agent.auth;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.KubernetesClient;
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
 * per call. A review that cannot be made is not cached: the next call tries again.
 */
public final class TokenReviewAuthenticator implements Authenticator {

    /** How long an answer is kept. */
    public static final Duration TTL = Duration.ofSeconds(30);
    /** How many tokens' answers are kept at most. */
    public static final int CAPACITY = 1024;
    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    private record Cached(Authentication answer, Instant until) {
    }

    private final KubernetesClient client;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> cache;

    public TokenReviewAuthenticator(KubernetesClient client) {
        this(client, Clock.systemUTC(), TTL, CAPACITY);
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

    private static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getCode() + " " + e.getStatus().getMessage();
        }
        return e.getCode() > 0 ? e.getCode() + " " + e.getMessage() : e.getMessage();
    }
}
