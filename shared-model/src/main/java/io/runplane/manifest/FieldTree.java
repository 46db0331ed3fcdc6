package io.runplane.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runplane.manifest.ManifestNode.MapNode;
import io.runplane.policy.FieldCatalogue;
import io.runplane.policy.FieldDefinition;
import io.runplane.policy.WorkloadKind;
import java.util.Map;

/** Maps between nested manifest sections ({@code compute: {gpuDevicesRequest: 1}}) and field paths. */
final class FieldTree {

    /** Receives one catalogue field found in a section. */
    @FunctionalInterface
    interface Visitor {
        void visit(FieldDefinition field, ManifestNode value, String manifestPath) throws ManifestException;
    }

    private FieldTree() {
    }

    /**
     * Visits every field of a section such as {@code spec.defaults}. A key that is neither a field
     * of {@code kind} nor a group of fields (like {@code compute}) is an error naming its path.
     */
    static void walk(NodeReader in, MapNode section, String manifestPath, WorkloadKind kind, String owner,
            Visitor visitor) throws ManifestException {
        walk(in, section, manifestPath, "", kind, owner, visitor);
    }

    private static void walk(NodeReader in, MapNode section, String manifestPath, String prefix, WorkloadKind kind,
            String owner, Visitor visitor) throws ManifestException {
        for (Map.Entry<String, ManifestNode> e : section.entries().entrySet()) {
            String fieldPath = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            String at = NodeReader.child(manifestPath, e.getKey());
            var field = FieldCatalogue.field(fieldPath);
            if (field.isPresent()) {
                if (!field.get().appliesTo(kind)) {
                    throw in.error(e.getValue(), at, "is not a field of " + owner);
                }
                if (in.optional(section, e.getKey()).isPresent()) {
                    visitor.visit(field.get(), e.getValue(), at);
                }
            } else if (isGroup(fieldPath)) {
                if (in.optional(section, e.getKey()).isPresent()) {
                    walk(in, in.map(e.getValue(), at), at, fieldPath, kind, owner, visitor);
                }
            } else {
                throw in.error(e.getValue(), at, "unknown field" + suggestion(fieldPath, kind));
            }
        }
    }

    /** A hint naming the closest field of {@code kind}, when one is within a few edits. */
    private static String suggestion(String fieldPath, WorkloadKind kind) {
        String best = "";
        int bestDistance = Math.max(1, fieldPath.length() / 5) + 1;
        for (FieldDefinition f : FieldCatalogue.fields(kind)) {
            if (f.path().startsWith(fieldPath)) {
                return " (did you mean " + f.path() + "?)";
            }
            int d = distance(fieldPath.toLowerCase(java.util.Locale.ROOT), f.path().toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = f.path();
                bestDistance = d;
            }
        }
        return best.isEmpty() ? "" : " (did you mean " + best + "?)";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static boolean isGroup(String prefix) {
        return FieldCatalogue.fields().stream().anyMatch(f -> f.path().startsWith(prefix + "."));
    }

    /** Puts {@code value} at a dotted field path, creating the groups on the way. */
    static void put(ObjectNode root, String fieldPath, JsonNode value) {
        ObjectNode node = root;
        String[] parts = fieldPath.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.get(parts[i]);
            node = next instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }
}
