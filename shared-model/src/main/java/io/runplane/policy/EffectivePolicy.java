package io.runplane.policy;

import io.runplane.api.v1.WorkloadSpec;
import io.runplane.policy.FieldRule.DefaultFrom;
import io.runplane.policy.FieldRule.IntegerRule;
import io.runplane.policy.FieldRule.NumberRule;
import io.runplane.policy.FieldRule.QuantityRule;
import io.runplane.policy.PolicyValue.IntegerValue;
import io.runplane.policy.PolicyValue.ItemizedValue;
import io.runplane.policy.PolicyValue.NumberValue;
import io.runplane.policy.PolicyValue.QuantityValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The policy that governs workloads of one type on one branch of the organization tree, after
 * merging every policy on the branch. Only fields with a default or a rule are listed; every other
 * field is free.
 *
 * @param kind the workload type
 * @param branch the branch of the organization tree
 * @param fields the constrained fields, in canonical order
 * @param imposedAssets the assets imposed by any policy on the branch, without duplicates
 */
public record EffectivePolicy(WorkloadKind kind, OrgPath branch, List<EffectiveField> fields,
        List<String> imposedAssets) {

    /** Copies the lists. */
    public EffectivePolicy {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(branch, "branch");
        fields = List.copyOf(fields);
        imposedAssets = List.copyOf(imposedAssets);
    }

    /** The effective default and rule of the field at {@code path}; empty when the field is free. */
    public Optional<EffectiveField> field(String path) {
        return fields.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /**
     * A copy of {@code spec} with the defaults applied: every field the spec leaves unset gets its
     * default, then fields still unset whose rule has {@code defaultFrom} get the computed value;
     * itemized fields get the default instances whose keys the spec does not already have. Values
     * the spec sets are kept, even where the rule forbids editing ({@link #validate} reports those).
     */
    public WorkloadSpec applyDefaults(WorkloadSpec spec) {
        WorkloadSpec out = spec;
        for (EffectiveField f : fields) {
            if (f.defaultValue().isPresent()) {
                out = applyDefault(out, f.field(), f.defaultValue().get());
            }
        }
        for (EffectiveField f : fields) {
            SpecAccessor accessor = f.field().accessor();
            if (accessor.read(out).isEmpty()) {
                WorkloadSpec current = out;
                Optional<PolicyValue> computed = defaultFrom(f).flatMap(d -> computeFrom(current, f.field(), d));
                if (computed.isPresent()) {
                    out = writeComputed(out, accessor, computed.get());
                }
            }
        }
        if (spec.getType() == io.runplane.api.v1.WorkloadType.WORKLOAD_TYPE_UNSPECIFIED) {
            out = out.toBuilder().setType(kind.apiType()).build();
        }
        return out;
    }

    /** Every violation of this policy's rules by {@code spec}, in canonical field order. */
    public List<Violation> validate(WorkloadSpec spec) {
        List<Violation> out = new ArrayList<>();
        if (spec.getType() != io.runplane.api.v1.WorkloadType.WORKLOAD_TYPE_UNSPECIFIED
                && spec.getType() != kind.apiType()) {
            out.add(new Violation("type", "must be " + kind.displayName() + " for a " + kind.policyKind()));
        }
        for (EffectiveField f : fields) {
            out.addAll(RuleChecks.check(f, f.field().accessor().read(spec)));
        }
        return List.copyOf(out);
    }

    /**
     * Defaults that break the effective rules (a default of 8 GPUs under a maximum of 4, a default
     * outside the options); such a policy would reject every workload that keeps the default.
     * Paths are prefixed with {@code defaults.}.
     */
    public List<Violation> defaultViolations() {
        List<Violation> out = new ArrayList<>();
        for (EffectiveField f : fields) {
            if (f.defaultValue().isPresent() && f.rule().isPresent()) {
                for (Violation v : RuleChecks.check(f, f.defaultValue())) {
                    out.add(new Violation("defaults." + v.path(), v.message()));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Applies the defaults to {@code spec}, then validates the result. */
    public Admission admit(WorkloadSpec spec) {
        WorkloadSpec withDefaults = applyDefaults(spec);
        return new Admission(withDefaults, validate(withDefaults));
    }

    private static WorkloadSpec applyDefault(WorkloadSpec spec, FieldDefinition field, PolicyValue value) {
        Optional<PolicyValue> current = field.accessor().read(spec);
        if (value instanceof ItemizedValue defaults) {
            List<Instance> merged = new ArrayList<>(RuleChecks.instances(current));
            for (Instance d : RuleChecks.instances(Optional.of(defaults))) {
                if (RuleChecks.find(merged, d.key()).isEmpty()) {
                    merged.add(d);
                }
            }
            return merged.isEmpty() ? spec : field.accessor().write(spec, new ItemizedValue(merged));
        }
        return current.isPresent() ? spec : field.accessor().write(spec, value);
    }

    /** A computed default that does not fit the field (say, beyond 32 bits) is not applied. */
    private static WorkloadSpec writeComputed(WorkloadSpec spec, SpecAccessor accessor, PolicyValue value) {
        try {
            return accessor.write(spec, value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return spec;
        }
    }

    private static Optional<DefaultFrom> defaultFrom(EffectiveField f) {
        return f.rule().flatMap(r -> switch (r) {
            case IntegerRule i -> i.defaultFrom();
            case NumberRule n -> n.defaultFrom();
            case QuantityRule q -> q.defaultFrom();
            default -> Optional.empty();
        });
    }

    private static Optional<PolicyValue> computeFrom(WorkloadSpec spec, FieldDefinition target, DefaultFrom from) {
        Optional<BigDecimal> source = FieldCatalogue.field(from.field())
                .flatMap(f -> f.accessor().read(spec))
                .flatMap(EffectivePolicy::amount);
        return source.map(a -> a.multiply(from.factor())).flatMap(a -> switch (target.type()) {
            case ValueType.IntegerType i -> Optional.<PolicyValue>of(
                    new IntegerValue(a.setScale(0, RoundingMode.HALF_UP).longValue()));
            case ValueType.NumberType n -> Optional.<PolicyValue>of(new NumberValue(a));
            case ValueType.QuantityType q -> Optional.<PolicyValue>of(new QuantityValue(Quantity.ofAmount(a, q.unit())));
            default -> Optional.empty();
        });
    }

    private static Optional<BigDecimal> amount(PolicyValue value) {
        return switch (value) {
            case IntegerValue i -> Optional.of(BigDecimal.valueOf(i.value()));
            case NumberValue n -> Optional.of(n.value());
            case QuantityValue q -> Optional.of(q.value().amount());
            default -> Optional.empty();
        };
    }
}
