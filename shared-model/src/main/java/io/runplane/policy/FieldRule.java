package io.runplane.policy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * A rule on one policy field. Each value type has its own rule kind; an absent attribute
 * ({@code Optional.empty()}) constrains nothing.
 */
public sealed interface FieldRule {

    /** The rule as one line for tables, e.g. {@code canEdit: false, max: 4}. */
    String display();

    /** Whether this rule kind may be set on a field of {@code type}. */
    boolean fits(ValueType type);

    /** Rules on a boolean field. */
    record BooleanRule(Optional<Boolean> canEdit, Optional<Boolean> required) implements FieldRule {
        /** Checks the components. */
        public BooleanRule {
            Objects.requireNonNull(canEdit, "canEdit");
            Objects.requireNonNull(required, "required");
        }

        @Override
        public String display() {
            return join(common(canEdit, required));
        }

        @Override
        public boolean fits(ValueType type) {
            return type instanceof ValueType.BooleanType;
        }
    }

    /** Rules on a string field; {@code options}, when not empty, are the only allowed values. */
    record StringRule(Optional<Boolean> canEdit, Optional<Boolean> required, List<Option> options)
            implements FieldRule {
        /** Copies the options. */
        public StringRule {
            Objects.requireNonNull(canEdit, "canEdit");
            Objects.requireNonNull(required, "required");
            options = List.copyOf(options);
        }

        @Override
        public String display() {
            List<String> parts = common(canEdit, required);
            if (!options.isEmpty()) {
                parts.add("options: " + options.stream().map(Option::value).collect(Collectors.joining("|")));
            }
            return join(parts);
        }

        @Override
        public boolean fits(ValueType type) {
            return type instanceof ValueType.StringType;
        }
    }

    /** Rules on an integer field. */
    record IntegerRule(Optional<Boolean> canEdit, Optional<Boolean> required, OptionalLong min,
            OptionalLong max, OptionalLong step, Optional<DefaultFrom> defaultFrom) implements FieldRule {
        /** Checks the components. */
        public IntegerRule {
            Objects.requireNonNull(canEdit, "canEdit");
            Objects.requireNonNull(required, "required");
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(defaultFrom, "defaultFrom");
            if (step.isPresent() && step.getAsLong() <= 0) {
                throw new IllegalArgumentException("step must be positive");
            }
            if (min.isPresent() && max.isPresent() && min.getAsLong() > max.getAsLong()) {
                throw new IllegalArgumentException("min " + min.getAsLong() + " is greater than max " + max.getAsLong());
            }
        }

        @Override
        public String display() {
            List<String> parts = common(canEdit, required);
            min.ifPresent(v -> parts.add("min: " + v));
            max.ifPresent(v -> parts.add("max: " + v));
            step.ifPresent(v -> parts.add("step: " + v));
            defaultFrom.ifPresent(d -> parts.add("defaultFrom: " + d.display()));
            return join(parts);
        }

        @Override
        public boolean fits(ValueType type) {
            return type instanceof ValueType.IntegerType;
        }
    }

    /** Rules on a decimal number field. */
    record NumberRule(Optional<Boolean> canEdit, Optional<Boolean> required, Optional<BigDecimal> min,
            Optional<BigDecimal> max, Optional<DefaultFrom> defaultFrom) implements FieldRule {
        /** Checks the components. */
        public NumberRule {
            Objects.requireNonNull(canEdit, "canEdit");
            Objects.requireNonNull(required, "required");
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            Objects.requireNonNull(defaultFrom, "defaultFrom");
            if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
                throw new IllegalArgumentException("min " + min.get() + " is greater than max " + max.get());
            }
        }

        @Override
        public String display() {
            List<String> parts = common(canEdit, required);
            min.ifPresent(v -> parts.add("min: " + v.toPlainString()));
            max.ifPresent(v -> parts.add("max: " + v.toPlainString()));
            defaultFrom.ifPresent(d -> parts.add("defaultFrom: " + d.display()));
            return join(parts);
        }

        @Override
        public boolean fits(ValueType type) {
            return type instanceof ValueType.NumberType;
        }
    }

    /** Rules on a quantity field (cores or bytes). */
    record QuantityRule(Optional<Boolean> canEdit, Optional<Boolean> required, Optional<Quantity> min,
            Optional<Quantity> max, Optional<DefaultFrom> defaultFrom) implements FieldRule {
        /** Checks the components. */
        public QuantityRule {
            Objects.requireNonNull(canEdit, "canEdit");
            Objects.requireNonNull(required, "required");
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            Objects.requireNonNull(defaultFrom, "defaultFrom");
            if (min.isPresent() && max.isPresent()) {
                if (min.get().unit() != max.get().unit()) {
                    throw new IllegalArgumentException("min and max must measure the same unit");
                }
                if (min.get().compareInSpecUnits(max.get()) > 0) {
                    throw new IllegalArgumentException("min " + min.get() + " is greater than max " + max.get());
                }
            }
        }

        @Override
        public boolean fits(ValueType type) {
            return type instanceof ValueType.QuantityType q
                    && min.map(m -> m.unit() == q.unit()).orElse(true)
                    && max.map(m -> m.unit() == q.unit()).orElse(true);
        }

        @Override
        public String display() {
            List<String> parts = common(canEdit, required);
            min.ifPresent(v -> parts.add("min: " + v.text()));
            max.ifPresent(v -> parts.add("max: " + v.text()));
            defaultFrom.ifPresent(d -> parts.add("defaultFrom: " + d.display()));
            return join(parts);
        }

    }

    /** Rules on an array field, which is taken or replaced as a whole. */
    record ArrayRule(Optional<Boolean> canEdit, Optional<Boolean> required) implements FieldRule {
        /** Checks the components. */
        public ArrayRule {
            Objects.requireNonNull(canEdit, "canEdit");
            Objects.requireNonNull(required, "required");
        }

        @Override
        public String display() {
            return join(common(canEdit, required));
        }

        @Override
        public boolean fits(ValueType type) {
            return type instanceof ValueType.ArrayType;
        }
    }

    /**
     * Rules on an itemized field: whether a submitter may add instances beyond the defaults, and
     * which default instances are locked (cannot be changed, removed or excluded).
     */
    record ItemizedRule(Optional<Boolean> canAdd, List<String> locked) implements FieldRule {
        /** Copies the locked keys. */
        public ItemizedRule {
            Objects.requireNonNull(canAdd, "canAdd");
            locked = List.copyOf(locked);
        }

        @Override
        public String display() {
            List<String> parts = new ArrayList<>();
            canAdd.ifPresent(v -> parts.add("canAdd: " + v));
            if (!locked.isEmpty()) {
                parts.add("locked: " + String.join("|", locked));
            }
            return join(parts);
        }

        @Override
        public boolean fits(ValueType type) {
            return type instanceof ValueType.ItemizedType;
        }
    }

    /**
     * One allowed value of a string field.
     *
     * @param value the value
     * @param displayed the text a form shows for it (empty: the value itself)
     */
    record Option(String value, Optional<String> displayed) {
        /** Checks the components. */
        public Option {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(displayed, "displayed");
        }
    }

    /**
     * A default computed from another field when the workload leaves this one unset.
     *
     * @param field the path of the field the default is computed from
     * @param factor the factor applied to that field's value
     */
    record DefaultFrom(String field, BigDecimal factor) {
        /** Checks the components. */
        public DefaultFrom {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(factor, "factor");
        }

        /** E.g. {@code compute.cpuCoreLimit x 0.5}. */
        public String display() {
            return field + " x " + factor.toPlainString();
        }
    }

    private static List<String> common(Optional<Boolean> canEdit, Optional<Boolean> required) {
        List<String> parts = new ArrayList<>();
        canEdit.ifPresent(v -> parts.add("canEdit: " + v));
        required.ifPresent(v -> parts.add("required: " + v));
        return parts;
    }

    private static String join(List<String> parts) {
        return String.join(", ", parts);
    }
}
