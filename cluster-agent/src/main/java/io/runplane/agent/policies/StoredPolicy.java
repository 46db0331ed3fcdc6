package io.runplane.agent.policies;

import io.runplane.policy.WorkloadPolicy;

import java.time.Instant;
import java.util.Objects;

/**
 * A policy as the agent keeps it: the engine's policy, its canonical manifest, and who created and
 * last changed it, when.
 *
 * @param policy the policy
 * @param manifest the canonical {@code runplane.io/v1alpha1} YAML of {@code policy}
 */
public record StoredPolicy(WorkloadPolicy policy, String manifest, Instant createdAt, String createdBy,
                           Instant updatedAt, String updatedBy) {

    public StoredPolicy {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
    }

    /** The identity of a stored policy: one per workload type and scope. */
    public PolicyKey key() {
        return new PolicyKey(policy.kind(), policy.scope());
    }
}
