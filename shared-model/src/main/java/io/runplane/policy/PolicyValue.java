package io.runplane.policy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** A typed value of a policy field: a default, a workload's value, or a rule bound. */
public sealed interface PolicyValue {

    /** The value as shown in tables and messages. */
    String display();

    /**
     * Whether this value means the same as another one: quantities compare at the spec's
     * resolution, numbers by value, itemized lists by content regardless of order.
     */
    boolean sameAs(PolicyValue other);

    /** A boolean value. */
    record BoolValue(boolean value) implements PolicyValue {
        @Override
        public String display() {
            return Boolean.toString(value);
        }

        @Override
        public boolean sameAs(PolicyValue other) {
            return equals(other);
        }
    }

    /** A string value. */
    record StringValue(String value) implements PolicyValue {
        /** Checks the value. */
        public StringValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String display() {
            return value;
        }

        @Override
        public boolean sameAs(PolicyValue other) {
            return equals(other);
        }
    }

    /** A whole number. */
    record IntegerValue(long value) implements PolicyValue {
        @Override
        public String display() {
            return Long.toString(value);
        }

        @Override
        public boolean sameAs(PolicyValue other) {
            return equals(other);
        }
    }

    /** A decimal number. */
    record NumberValue(BigDecimal value) implements PolicyValue {
        /** Checks the value. */
        public NumberValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String display() {
            return value.toPlainString();
        }

        @Override
        public boolean sameAs(PolicyValue other) {
            return other instanceof NumberValue n && n.value.compareTo(value) == 0;
        }
    }

    /** A quantity of cores or bytes. */
    record QuantityValue(Quantity value) implements PolicyValue {
        /** Checks the value. */
        public QuantityValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String display() {
            return value.text();
        }

        @Override
        public boolean sameAs(PolicyValue other) {
            return other instanceof QuantityValue q && q.value.compareInSpecUnits(value) == 0;
        }
    }

    /** A list of strings. */
    record ArrayValue(List<String> values) implements PolicyValue {
        /** Copies the list. */
        public ArrayValue {
            values = List.copyOf(values);
        }

        @Override
        public String display() {
            return "[" + String.join(", ", values) + "]";
        }

        @Override
        public boolean sameAs(PolicyValue other) {
            return equals(other);
        }
    }

    /** The instances of an itemized field. */
    record ItemizedValue(List<Instance> instances) implements PolicyValue {
        /** Copies the list. */
        public ItemizedValue {
            instances = List.copyOf(instances);
        }

        @Override
        public String display() {
            return instances.stream().map(Instance::display).collect(Collectors.joining(", ", "[", "]"));
        }

        @Override
        public boolean sameAs(PolicyValue other) {
            return other instanceof ItemizedValue i
                    && i.instances.size() == instances.size()
                    && i.instances.stream().allMatch(a -> instances.stream().anyMatch(a::sameContent));
        }
    }
}
