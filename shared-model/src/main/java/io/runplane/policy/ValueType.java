package io.runplane.policy;

import java.util.List;
import java.util.Objects;

/** The type of a policy field's value; it decides which rules the field accepts. */
public sealed interface ValueType {

    /** The name shown in tables and documentation, e.g. {@code integer}. */
    String displayName();

    /** {@code true} / {@code false}. */
    record BooleanType() implements ValueType {
        @Override
        public String displayName() {
            return "boolean";
        }
    }

    /** Free text, optionally restricted to options. */
    record StringType() implements ValueType {
        @Override
        public String displayName() {
            return "string";
        }
    }

    /** A whole number. */
    record IntegerType() implements ValueType {
        @Override
        public String displayName() {
            return "integer";
        }
    }

    /** A decimal number, e.g. a GPU portion. */
    record NumberType() implements ValueType {
        @Override
        public String displayName() {
            return "number";
        }
    }

    /** A quantity of CPU cores or bytes. */
    record QuantityType(QuantityUnit unit) implements ValueType {
        /** Checks the unit. */
        public QuantityType {
            Objects.requireNonNull(unit, "unit");
        }

        @Override
        public String displayName() {
            return "quantity";
        }
    }

    /** A list of strings, taken or replaced as a whole. */
    record ArrayType() implements ValueType {
        @Override
        public String displayName() {
            return "array";
        }
    }

    /**
     * A list of instances identified by a key attribute (an environment variable's {@code name}),
     * each with further string attributes.
     *
     * @param keyAttribute the attribute that identifies an instance
     * @param attributes the other attributes an instance may have, in canonical order
     */
    record ItemizedType(String keyAttribute, List<String> attributes) implements ValueType {
        /** Copies the attribute list. */
        public ItemizedType {
            Objects.requireNonNull(keyAttribute, "keyAttribute");
            attributes = List.copyOf(attributes);
        }

        @Override
        public String displayName() {
            return "itemized";
        }
    }
}
