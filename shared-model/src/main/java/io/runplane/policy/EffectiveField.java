package io.runplane.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * One field of an effective policy: its merged default and its rule, each with the policy it came
 * from.
 *
 * @param field the catalogue entry
 * @param defaultValue the default a workload gets when it leaves the field unset
 * @param defaultSource the policy the default came from (the lowest scope that set it)
 * @param rule the rule on the field
 * @param ruleSource the single policy on the branch that owns the rule
 */
public record EffectiveField(FieldDefinition field, Optional<PolicyValue> defaultValue,
        Optional<PolicySource> defaultSource, Optional<FieldRule> rule, Optional<PolicySource> ruleSource) {

    /** Checks the components. */
    public EffectiveField {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(defaultSource, "defaultSource");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(ruleSource, "ruleSource");
    }

    /** The field's path. */
    public String path() {
        return field.path();
    }

    /** Whether a submitter may change the field ({@code false} only under {@code canEdit: false}). */
    public boolean editable() {
        return rule.flatMap(RuleChecks::canEdit).orElse(true);
    }

    /** Whether a workload must have a value for the field. */
    public boolean required() {
        return rule.flatMap(RuleChecks::required).orElse(false);
    }

    /** Where the field's default and rule came from, e.g. {@code project team-a (limits)}. */
    public String sourceDisplay() {
        if (defaultSource.isPresent() && ruleSource.isPresent() && !defaultSource.equals(ruleSource)) {
            return "default: " + defaultSource.get().display() + "; rule: " + ruleSource.get().display();
        }
        return defaultSource.or(() -> ruleSource).map(PolicySource::display).orElse("");
    }
}
