package io.runplane.policy;

import io.runplane.policy.FieldRule.ArrayRule;
import io.runplane.policy.FieldRule.BooleanRule;
import io.runplane.policy.FieldRule.IntegerRule;
import io.runplane.policy.FieldRule.ItemizedRule;
import io.runplane.policy.FieldRule.NumberRule;
import io.runplane.policy.FieldRule.Option;
import io.runplane.policy.FieldRule.QuantityRule;
import io.runplane.policy.FieldRule.StringRule;
import io.runplane.policy.PolicyValue.IntegerValue;
import io.runplane.policy.PolicyValue.ItemizedValue;
import io.runplane.policy.PolicyValue.NumberValue;
import io.runplane.policy.PolicyValue.QuantityValue;
import io.runplane.policy.PolicyValue.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Checks one field's value against its rule. */
final class RuleChecks {

    private RuleChecks() {
    }

    static Optional<Boolean> canEdit(FieldRule rule) {
        return switch (rule) {
            case BooleanRule r -> r.canEdit();
            case StringRule r -> r.canEdit();
            case IntegerRule r -> r.canEdit();
            case NumberRule r -> r.canEdit();
            case QuantityRule r -> r.canEdit();
            case ArrayRule r -> r.canEdit();
            case ItemizedRule r -> Optional.empty();
        };
    }

    static Optional<Boolean> required(FieldRule rule) {
        return switch (rule) {
            case BooleanRule r -> r.required();
            case StringRule r -> r.required();
            case IntegerRule r -> r.required();
            case NumberRule r -> r.required();
            case QuantityRule r -> r.required();
            case ArrayRule r -> r.required();
            case ItemizedRule r -> Optional.empty();
        };
    }

    /** Every violation of {@code field}'s rule by {@code value} (empty: the workload leaves it unset). */
    static List<Violation> check(EffectiveField field, Optional<PolicyValue> value) {
        if (field.rule().isEmpty()) {
            return List.of();
        }
        FieldRule rule = field.rule().get();
        String path = field.path();
        if (rule instanceof ItemizedRule itemized) {
            return itemized(path, itemized, value, field.defaultValue());
        }
        List<Violation> out = new ArrayList<>();
        if (!canEdit(rule).orElse(true) && value.isPresent()) {
            Optional<PolicyValue> def = field.defaultValue();
            if (def.isEmpty()) {
                out.add(new Violation(path, "cannot be set (the policy does not allow editing it)"));
            } else if (!value.get().sameAs(def.get())) {
                out.add(new Violation(path, "cannot be changed from the default " + def.get().display()));
            }
        }
        if (required(rule).orElse(false) && value.isEmpty()) {
            out.add(new Violation(path, "is required"));
        }
        value.ifPresent(v -> out.addAll(bounds(path, rule, v)));
        return out;
    }

    private static List<Violation> bounds(String path, FieldRule rule, PolicyValue value) {
        List<Violation> out = new ArrayList<>();
        switch (rule) {
            case StringRule r when value instanceof StringValue s && !r.options().isEmpty() -> {
                if (r.options().stream().noneMatch(o -> o.value().equals(s.value()))) {
                    out.add(new Violation(path, "must be one of: "
                            + r.options().stream().map(Option::value).collect(Collectors.joining(", "))));
                }
            }
            case IntegerRule r when value instanceof IntegerValue i -> {
                long v = i.value();
                r.min().ifPresent(min -> {
                    if (v < min) {
                        out.add(new Violation(path, "must be no less than " + min));
                    }
                });
                r.max().ifPresent(max -> {
                    if (v > max) {
                        out.add(new Violation(path, "must be no greater than " + max));
                    }
                });
                r.step().ifPresent(step -> {
                    long base = r.min().orElse(0);
                    if (Math.floorMod(v - base, step) != 0) {
                        out.add(new Violation(path, base == 0 ? "must be a multiple of " + step
                                : "must be " + base + " plus a multiple of " + step));
                    }
                });
            }
            case NumberRule r when value instanceof NumberValue n -> {
                r.min().filter(min -> n.value().compareTo(min) < 0).ifPresent(min ->
                        out.add(new Violation(path, "must be no less than " + min.toPlainString())));
                r.max().filter(max -> n.value().compareTo(max) > 0).ifPresent(max ->
                        out.add(new Violation(path, "must be no greater than " + max.toPlainString())));
            }
            case QuantityRule r when value instanceof QuantityValue q -> {
                r.min().filter(min -> q.value().compareInSpecUnits(min) < 0).ifPresent(min ->
                        out.add(new Violation(path, "must be no less than " + min.text())));
                r.max().filter(max -> q.value().compareInSpecUnits(max) > 0).ifPresent(max ->
                        out.add(new Violation(path, "must be no greater than " + max.text())));
            }
            default -> {
                // booleans and arrays have no bounds
            }
        }
        return out;
    }

    private static List<Violation> itemized(String path, ItemizedRule rule, Optional<PolicyValue> value,
            Optional<PolicyValue> defaults) {
        List<Instance> submitted = instances(value);
        List<Instance> defaultInstances = instances(defaults);
        List<Violation> out = new ArrayList<>();
        if (!rule.canAdd().orElse(true)) {
            for (Instance i : submitted) {
                if (find(defaultInstances, i.key()).isEmpty()) {
                    out.add(new Violation(path + "[" + i.key() + "]",
                            "cannot be added (the policy allows only its own instances)"));
                }
            }
        }
        for (String key : rule.locked()) {
            Optional<Instance> def = find(defaultInstances, key);
            Optional<Instance> sub = find(submitted, key);
            if (def.isEmpty()) {
                if (sub.isPresent()) {
                    out.add(new Violation(path + "[" + key + "]", "is locked and cannot be set"));
                }
            } else if (sub.isEmpty()) {
                out.add(new Violation(path + "[" + key + "]", "is locked and cannot be removed"));
            } else if (!sub.get().sameContent(def.get())) {
                out.add(new Violation(path + "[" + key + "]", "is locked to " + def.get().display()));
            }
        }
        return out;
    }

    static List<Instance> instances(Optional<PolicyValue> value) {
        return value.filter(ItemizedValue.class::isInstance).map(v -> ((ItemizedValue) v).instances())
                .orElse(List.of()).stream().filter(i -> !i.exclude()).toList();
    }

    static Optional<Instance> find(List<Instance> instances, String key) {
        return instances.stream().filter(i -> i.key().equals(key)).findFirst();
    }
}
