package io.runplane.policy;

import io.runplane.api.v1.WorkloadSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One policy as an admin writes it: for one workload type at one scope, default values and rules
 * by field path, and assets imposed on every workload.
 *
 * @param name the policy's name (unique per scope and type)
 * @param kind the workload type it governs
 * @param scope where it applies
 * @param defaults default values by field path, in canonical order
 * @param rules rules by field path, in canonical order
 * @param imposedAssets ids of assets added to every workload
 */
public record WorkloadPolicy(String name, WorkloadKind kind, Scope scope, Map<String, PolicyValue> defaults,
        Map<String, FieldRule> rules, List<String> imposedAssets) {

    /**
     * Checks the components and puts the maps in canonical field order.
     *
     * @throws IllegalArgumentException when a path is not a field of {@code kind}, a default does
     *     not fit its field, or a rule is not of its field's rule kind
     */
    public WorkloadPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        defaults = canonical(defaults);
        rules = canonical(rules);
        imposedAssets = List.copyOf(imposedAssets);
        defaults.forEach((path, value) -> {
            FieldDefinition field = fieldOf(kind, path);
            field.accessor().write(WorkloadSpec.getDefaultInstance(), value);
        });
        rules.forEach((path, rule) -> {
            FieldDefinition field = fieldOf(kind, path);
            if (!rule.fits(field.type())) {
                throw new IllegalArgumentException(path + ": a " + field.type().displayName()
                        + " field cannot have the rule " + rule);
            }
        });
    }

    /** Where this policy's entries come from, for effective-policy tables and conflicts. */
    public PolicySource source() {
        return new PolicySource(name, scope);
    }

    private static FieldDefinition fieldOf(WorkloadKind kind, String path) {
        return FieldCatalogue.field(path).filter(f -> f.appliesTo(kind)).orElseThrow(
                () -> new IllegalArgumentException(path + " is not a field of " + kind.policyKind()));
    }

    private static <V> Map<String, V> canonical(Map<String, V> map) {
        Map<String, V> sorted = new TreeMap<>((a, b) -> {
            int c = Integer.compare(FieldCatalogue.order(a), FieldCatalogue.order(b));
            return c != 0 ? c : a.compareTo(b);
        });
        sorted.putAll(map);
        return Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }
}
