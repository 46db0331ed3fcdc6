package io.runplane.policy;

import java.util.Objects;

/**
 * Two policies on one branch of the organization tree that both claim something only one may own.
 *
 * @param path the field path (or {@code *} for two policies at the same scope)
 * @param first the higher (or first-seen) policy
 * @param second the other policy
 * @param message what the two disagree on
 */
public record PolicyConflict(String path, PolicySource first, PolicySource second, String message) {

    /** Checks the components. */
    public PolicyConflict {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(message, "message");
    }

    /** One line naming both policies. */
    @Override
    public String toString() {
        return path + ": " + message + " (" + first.display() + " and " + second.display() + ")";
    }
}
