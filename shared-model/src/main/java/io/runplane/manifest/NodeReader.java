package io.runplane.manifest;

import io.runplane.manifest.ManifestNode.ListNode;
import io.runplane.manifest.ManifestNode.MapNode;
import io.runplane.manifest.ManifestNode.ScalarKind;
import io.runplane.manifest.ManifestNode.ScalarNode;
import io.runplane.policy.Quantity;
import io.runplane.policy.QuantityUnit;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Typed, path-aware access to a manifest tree; every mismatch is a {@link ManifestException}. */
final class NodeReader {

    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]{1,30}(\\.[0-9]{0,30})?|\\.[0-9]{1,30})([eE][-+]?[0-9]{1,3})?");

    private final String source;

    NodeReader(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    ManifestException error(ManifestNode node, String path, String message) {
        Location at = node.location();
        return new ManifestException(new ManifestProblem(source, at.line(), at.column(), path, message));
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    MapNode map(ManifestNode node, String path) throws ManifestException {
        if (node instanceof MapNode m) {
            return m;
        }
        throw error(node, path, "expected a mapping but found " + node.describe());
    }

    ListNode list(ManifestNode node, String path) throws ManifestException {
        if (node instanceof ListNode l) {
            return l;
        }
        throw error(node, path, "expected a list but found " + node.describe());
    }

    /** Every key of {@code map} must be one of {@code allowed}. */
    void allowOnly(MapNode map, String path, Collection<String> allowed) throws ManifestException {
        for (var e : map.entries().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw error(e.getValue(), child(path, e.getKey()), "unknown field (expected one of: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    ManifestNode required(MapNode map, String path, String key) throws ManifestException {
        ManifestNode node = map.entries().get(key);
        if (node == null || node instanceof ScalarNode s && s.kind() == ScalarKind.NULL) {
            throw error(map, child(path, key), "is required");
        }
        return node;
    }

    Optional<ManifestNode> optional(MapNode map, String key) {
        ManifestNode node = map.entries().get(key);
        if (node instanceof ScalarNode s && s.kind() == ScalarKind.NULL) {
            return Optional.empty();
        }
        return Optional.ofNullable(node);
    }

    /** A scalar's text, whatever YAML resolved it to (but not null). */
    String text(ManifestNode node, String path) throws ManifestException {
        if (node instanceof ScalarNode s && s.kind() != ScalarKind.NULL) {
            return s.text();
        }
        throw error(node, path, "expected a string but found " + node.describe());
    }

    /** A non-blank scalar text. */
    String name(ManifestNode node, String path) throws ManifestException {
        String text = text(node, path);
        if (text.isBlank()) {
            throw error(node, path, "must not be empty");
        }
        return text;
    }

    boolean bool(ManifestNode node, String path) throws ManifestException {
        if (node instanceof ScalarNode s && (s.kind() == ScalarKind.BOOLEAN || s.kind() == ScalarKind.STRING)) {
            String t = s.text().toLowerCase(Locale.ROOT);
            if (t.equals("true")) {
                return true;
            }
            if (t.equals("false")) {
                return false;
            }
        }
        throw error(node, path, "expected true or false but found " + show(node));
    }

    long integer(ManifestNode node, String path) throws ManifestException {
        if (node instanceof ScalarNode s && (s.kind() == ScalarKind.NUMBER || s.kind() == ScalarKind.STRING)
                && INTEGER.matcher(s.text().strip()).matches()) {
            BigInteger value = new BigInteger(s.text().strip());
            if (value.bitLength() < 64) {
                return value.longValue();
            }
        }
        throw error(node, path, "expected an integer but found " + show(node));
    }

    /** An integer that fits the 32-bit fields of a workload spec. */
    long int32(ManifestNode node, String path) throws ManifestException {
        long value = integer(node, path);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw error(node, path, "must be between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
        return value;
    }

    BigDecimal number(ManifestNode node, String path) throws ManifestException {
        if (node instanceof ScalarNode s && (s.kind() == ScalarKind.NUMBER || s.kind() == ScalarKind.STRING)
                && DECIMAL.matcher(s.text().strip()).matches()) {
            BigDecimal value = new BigDecimal(s.text().strip());
            return value.scale() < 0 ? value.setScale(0) : value;
        }
        throw error(node, path, "expected a number but found " + show(node));
    }

    Quantity quantity(ManifestNode node, String path, QuantityUnit unit) throws ManifestException {
        if (node instanceof ScalarNode s && (s.kind() == ScalarKind.NUMBER || s.kind() == ScalarKind.STRING)) {
            Optional<Quantity> q = Quantity.parse(s.text(), unit);
            if (q.isPresent()) {
                return q.get();
            }
        }
        throw error(node, path, unit == QuantityUnit.CORES
                ? "expected a number of CPU cores (0.5, 2, 500m) but found " + show(node)
                : "expected a quantity of bytes (512Mi, 20G) but found " + show(node));
    }

    private static String show(ManifestNode node) {
        if (node instanceof ScalarNode s && s.kind() != ScalarKind.NULL) {
            String t = s.text();
            return "'" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "'";
        }
        return node.describe();
    }
}
