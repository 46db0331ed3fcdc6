package io.runplane.policy;

import java.util.Objects;

/**
 * One way a workload breaks its effective policy.
 *
 * @param path the policy field path, e.g. {@code compute.gpuDevicesRequest}, or
 *     {@code environmentVariables[WANDB_BASE_URL]} for one instance of an itemized field
 * @param message a plain sentence fragment, e.g. {@code must be no greater than 4}
 */
public record Violation(String path, String message) {

    /** Checks the components. */
    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code path: message}. */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
