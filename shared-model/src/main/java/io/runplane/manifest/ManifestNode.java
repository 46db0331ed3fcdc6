package io.runplane.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A YAML/JSON document as a tree whose every node knows where it was written. */
public sealed interface ManifestNode {

    /** Where the node starts. */
    Location location();

    /** What the node is, for messages: {@code a mapping}, {@code a list}, {@code a string} ... */
    String describe();

    /** A mapping with string keys, in the order written. */
    record MapNode(Location location, Map<String, ManifestNode> entries) implements ManifestNode {
        /** Copies the entries, keeping their order. */
        public MapNode {
            Objects.requireNonNull(location, "location");
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** A sequence. */
    record ListNode(Location location, List<ManifestNode> items) implements ManifestNode {
        /** Copies the items. */
        public ListNode {
            Objects.requireNonNull(location, "location");
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar, with its text as written. */
    record ScalarNode(Location location, ScalarKind kind, String text) implements ManifestNode {
        /** Checks the components. */
        public ScalarNode {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "a string";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "null";
            };
        }
    }

    /** How YAML resolved a scalar. */
    enum ScalarKind {
        /** Text. */
        STRING,
        /** An integer or a decimal number. */
        NUMBER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** {@code null}, {@code ~} or nothing. */
        NULL
    }
}
