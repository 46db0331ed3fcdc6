package io.runplane.policy;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the {@link FieldCatalogue}: a policy field path, its value type, the workload
 * types it applies to, and how it maps onto a workload spec.
 *
 * @param path the dotted policy path, e.g. {@code compute.gpuDevicesRequest}
 * @param type the value type
 * @param kinds the workload types the field exists for
 * @param description one sentence for documentation and forms
 * @param accessor reads and writes the field on a workload spec
 */
public record FieldDefinition(String path, ValueType type, Set<WorkloadKind> kinds, String description,
        SpecAccessor accessor) {

    /** Copies the kinds. */
    public FieldDefinition {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(accessor, "accessor");
        kinds = Set.copyOf(EnumSet.copyOf(kinds));
    }

    /** Whether the field exists for workloads of {@code kind}. */
    public boolean appliesTo(WorkloadKind kind) {
        return kinds.contains(kind);
    }
}
