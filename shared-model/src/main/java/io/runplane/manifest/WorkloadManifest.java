package io.runplane.manifest;

import io.runplane.api.v1.WorkloadSpec;
import io.runplane.policy.WorkloadKind;
import java.util.Objects;

/**
 * A workload read from a manifest.
 *
 * @param kind the workload type, from the manifest's kind
 * @param spec the workload, with project, name and type filled in from the manifest
 */
public record WorkloadManifest(WorkloadKind kind, WorkloadSpec spec) {

    /** Checks the components. */
    public WorkloadManifest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(spec, "spec");
    }

    /** The workload's project. */
    public String project() {
        return spec.getProject();
    }

    /** The workload's name. */
    public String name() {
        return spec.getName();
    }
}
