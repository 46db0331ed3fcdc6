package io.runplane.policy;

import io.runplane.api.v1.WorkloadSpec;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of admitting a workload: the spec with the policy's defaults applied, and every
 * violation of the policy's rules (empty when the workload may be submitted).
 *
 * @param spec the spec with defaults applied
 * @param violations all violations, in canonical field order
 */
public record Admission(WorkloadSpec spec, List<Violation> violations) {

    /** Copies the violations. */
    public Admission {
        Objects.requireNonNull(spec, "spec");
        violations = List.copyOf(violations);
    }

    /** Whether the workload satisfies the policy. */
    public boolean accepted() {
        return violations.isEmpty();
    }
}
