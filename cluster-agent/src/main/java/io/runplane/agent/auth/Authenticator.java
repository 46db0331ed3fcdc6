package io.runplane.agent.auth;

import io.runplane.access.Identity;

import java.util.Optional;

/** Decides who a bearer token belongs to: the identity file in simulated mode, TokenReview in a cluster. */
public interface Authenticator {

    /** The caller the token belongs to, or why it is refused. */
    Authentication verify(String token);

    /**
     * {@code who} as this authenticator knows them now (their groups may have changed), or empty if it
     * no longer knows them; by default the caller as they signed in.
     */
    default Optional<Identity> current(Identity who) {
        return Optional.of(who);
    }

    /** The outcome of one verification. */
    sealed interface Authentication {
    }

    record Accepted(Identity identity) implements Authentication {
    }

    /** @param reason why, as the caller is told in the UNAUTHENTICATED status */
    record Refused(String reason) implements Authentication {
    }
}
