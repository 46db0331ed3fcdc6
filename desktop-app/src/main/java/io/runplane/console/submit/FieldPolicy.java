package io.runplane.console.submit;

import io.runplane.policy.EffectiveField;
import io.runplane.policy.FieldRule;
import io.runplane.policy.PolicySource;
import io.runplane.policy.PolicyValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the effective policy says about one field of the form, in the form's terms: its default and
 * where it came from, whether it is locked and by which policy, its bounds and options.
 *
 * @param defaultValue the default, when the policy gives one
 * @param defaultFrom the scope the default came from, e.g. {@code department research}
 * @param lockedBy the policy that locks the field ({@code canEdit: false}), when one does
 * @param required whether the workload must have a value
 * @param min the lowest value an integer field may take
 * @param max the highest value an integer field may take
 * @param step the step of an integer field, counted from {@code min} (or 0)
 * @param bounds the bounds of any number or quantity field as text, e.g. {@code 1G to 20G}
 * @param options the only values a string field may take
 * @param computedFrom how a default is computed from another field, e.g. {@code compute.cpuCoreLimit x 0.5}
 */
public record FieldPolicy(Optional<PolicyValue> defaultValue, Optional<String> defaultFrom,
        Optional<String> lockedBy, boolean required, OptionalLong min, OptionalLong max, OptionalLong step,
        Optional<String> bounds, List<FieldRule.Option> options, Optional<String> computedFrom) {

    /** A field the policy does not constrain. */
    public static final FieldPolicy FREE = new FieldPolicy(Optional.empty(), Optional.empty(), Optional.empty(), false,
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), List.of(), Optional.empty());

    /** Copies the options. */
    public FieldPolicy {
        options = List.copyOf(options);
    }

    /** The form's view of one field of an effective policy. */
    public static FieldPolicy of(EffectiveField field) {
        Optional<String> lockedBy = field.editable() ? Optional.empty()
                : field.ruleSource().map(PolicySource::display);
        OptionalLong min = OptionalLong.empty();
        OptionalLong max = OptionalLong.empty();
        OptionalLong step = OptionalLong.empty();
        Optional<String> bounds = Optional.empty();
        List<FieldRule.Option> options = List.of();
        Optional<String> computedFrom = Optional.empty();
        switch (field.rule().orElse(null)) {
            case FieldRule.IntegerRule r -> {
                min = r.min();
                max = r.max();
                step = r.step();
                bounds = bounds(r.min().isPresent() ? Optional.of(Long.toString(r.min().getAsLong())) : Optional.empty(),
                        r.max().isPresent() ? Optional.of(Long.toString(r.max().getAsLong())) : Optional.empty());
                computedFrom = r.defaultFrom().map(FieldRule.DefaultFrom::display);
            }
            case FieldRule.NumberRule r -> {
                bounds = bounds(r.min().map(BigDecimal::toPlainString), r.max().map(BigDecimal::toPlainString));
                computedFrom = r.defaultFrom().map(FieldRule.DefaultFrom::display);
            }
            case FieldRule.QuantityRule r -> {
                bounds = bounds(r.min().map(q -> q.text()), r.max().map(q -> q.text()));
                computedFrom = r.defaultFrom().map(FieldRule.DefaultFrom::display);
            }
            case FieldRule.StringRule r -> options = r.options();
            case null, default -> { }
        }
        return new FieldPolicy(field.defaultValue(), field.defaultSource().map(s -> s.scope().display()), lockedBy,
                field.required(), min, max, step, bounds, options, computedFrom);
    }

    /** Whether the submitter may not change the field. */
    public boolean locked() {
        return lockedBy.isPresent();
    }

    /**
     * One line for under the field, e.g. {@code default from department research · 1 to 4, step 1},
     * or empty when the policy says nothing about the field.
     */
    public String hint() {
        List<String> parts = new ArrayList<>();
        defaultFrom.ifPresent(scope -> parts.add("default from " + scope));
        computedFrom.filter(c -> defaultValue.isEmpty()).ifPresent(c -> parts.add("default " + c.replace(" x ", " × ")));
        bounds.ifPresent(b -> parts.add(step.isPresent() ? b + ", step " + step.getAsLong() : b));
        if (bounds.isEmpty() && step.isPresent()) {
            parts.add("step " + step.getAsLong());
        }
        lockedBy.ifPresent(p -> parts.add("locked"));
        return String.join(" · ", parts);
    }

    /** The tooltip of the lock shown beside a locked field. */
    public String lockText() {
        return lockedBy.map(p -> "Locked by the policy of " + p
                + defaultValue.map(v -> ": it must stay " + v.display()).orElse(": it cannot be set")).orElse("");
    }

    /** The text a form shows for an option: its {@code displayed} text, or the value. */
    public static String display(FieldRule.Option option) {
        return option.displayed().orElse(option.value());
    }

    private static Optional<String> bounds(Optional<String> min, Optional<String> max) {
        if (min.isPresent() && max.isPresent()) {
            return Optional.of(min.get() + " to " + max.get());
        }
        return min.map(m -> "at least " + m).or(() -> max.map(m -> "at most " + m));
    }
}
