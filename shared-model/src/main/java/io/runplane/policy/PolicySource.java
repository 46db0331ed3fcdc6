package io.runplane.policy;

import java.util.Objects;

/**
 * The policy an effective default or rule came from.
 *
 * @param policyName the policy's name
 * @param scope the policy's scope
 */
public record PolicySource(String policyName, Scope scope) {

    /** Checks the components. */
    public PolicySource {
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(scope, "scope");
    }

    /** E.g. {@code project team-a (gpu-limits)}. */
    public String display() {
        return scope.display() + " (" + policyName + ")";
    }
}
