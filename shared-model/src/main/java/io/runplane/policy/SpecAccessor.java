package io.runplane.policy;

import io.runplane.api.v1.WorkloadSpec;
import java.util.Optional;

/** Reads and writes one policy field on a {@link WorkloadSpec}. */
public interface SpecAccessor {

    /** The field's value in {@code spec}, or empty when the spec leaves it unset. */
    Optional<PolicyValue> read(WorkloadSpec spec);

    /**
     * A copy of {@code spec} with the field set to {@code value}.
     *
     * @throws IllegalArgumentException when the value does not have the field's type
     */
    WorkloadSpec write(WorkloadSpec spec, PolicyValue value);
}
