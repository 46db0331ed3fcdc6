package io.runplane.scheduler.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one YAML mapping of a scenario with typed, validated getters; every error names the field
 * path (like {@code workloads[2].tasks[0].gpu}) and its line. Fields nobody asked for are errors.
 */
final class Fields {

    private final YamlDocument document;
    private final JsonNode node;
    private final String path;
    private final String pointer;
    private final Set<String> read = new HashSet<>();

    private Fields(YamlDocument document, JsonNode node, String path, String pointer) {
        this.document = document;
        this.node = node;
        this.path = path;
        this.pointer = pointer;
    }

    static Fields root(YamlDocument document) throws ScenarioException {
        if (document.root == null || document.root.isMissingNode() || document.root.isNull()) {
            throw new ScenarioException("the scenario is empty");
        }
        if (!document.root.isObject()) {
            throw new ScenarioException("line 1: the scenario must be a mapping of fields");
        }
        return new Fields(document, document.root, "", "");
    }

    String path() {
        return path;
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    ScenarioException error(String key, String message) {
        String field = key == null ? path : join(path, key);
        int line = document.lineOf(key == null ? pointer : pointer + "/" + key);
        return new ScenarioException(field + (line > 0 ? " (line " + line + ")" : "") + ": " + message);
    }

    String string(String key, String fallback) throws ScenarioException {
        JsonNode value = take(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw error(key, "must be a non-empty text");
        }
        return value.asText();
    }

    String requiredString(String key) throws ScenarioException {
        String value = string(key, null);
        if (value == null) {
            throw error(key, "is required");
        }
        return value;
    }

    long integer(String key, long fallback, long min) throws ScenarioException {
        JsonNode value = take(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber()) {
            throw error(key, "must be a whole number, not '" + value.asText() + "'");
        }
        if (value.asLong() < min) {
            throw error(key, "must be at least " + min + ", not " + value.asLong());
        }
        return value.asLong();
    }

    double number(String key, double fallback) throws ScenarioException {
        JsonNode value = take(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw error(key, "must be a number, not '" + value.asText() + "'");
        }
        return value.asDouble();
    }

    Boolean bool(String key) throws ScenarioException {
        JsonNode value = take(key);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw error(key, "must be true or false, not '" + value.asText() + "'");
        }
        return value.asBoolean();
    }

    Map<String, String> stringMap(String key) throws ScenarioException {
        JsonNode value = take(key);
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null) {
            return map;
        }
        if (!value.isObject()) {
            throw error(key, "must be a mapping of names to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                throw error(key + "." + entry.getKey(), "must be a text value");
            }
            map.put(entry.getKey(), entry.getValue().asText());
        }
        return map;
    }

    List<String> stringList(String key) throws ScenarioException {
        JsonNode value = take(key);
        List<String> list = new ArrayList<>();
        if (value == null) {
            return list;
        }
        if (!value.isArray()) {
            throw error(key, "must be a list");
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isValueNode() || value.get(i).isNull()) {
                throw error(key + "[" + i + "]", "must be a text value");
            }
            list.add(value.get(i).asText());
        }
        return list;
    }

    List<Long> integerList(String key) throws ScenarioException {
        JsonNode value = take(key);
        List<Long> list = new ArrayList<>();
        if (value == null) {
            return list;
        }
        if (!value.isArray()) {
            throw error(key, "must be a list of whole numbers");
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isIntegralNumber()) {
                throw error(key + "[" + i + "]", "must be a whole number");
            }
            list.add(value.get(i).asLong());
        }
        return list;
    }

    /** The mappings of a list field, each as its own {@code Fields}. */
    List<Fields> objects(String key) throws ScenarioException {
        JsonNode value = take(key);
        List<Fields> list = new ArrayList<>();
        if (value == null) {
            return list;
        }
        if (!value.isArray()) {
            throw error(key, "must be a list");
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = join(path, key) + "[" + i + "]";
            String itemPointer = pointer + "/" + key + "/" + i;
            if (!item.isObject()) {
                int line = document.lineOf(itemPointer);
                throw new ScenarioException(itemPath + (line > 0 ? " (line " + line + ")" : "")
                        + ": must be a mapping of fields");
            }
            list.add(new Fields(document, item, itemPath, itemPointer));
        }
        return list;
    }

    /** A mapping field as its own {@code Fields}, or null when absent. */
    Fields object(String key) throws ScenarioException {
        JsonNode value = take(key);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw error(key, "must be a mapping of fields");
        }
        return new Fields(document, value, join(path, key), pointer + "/" + key);
    }

    /** The keys of this mapping not read so far. */
    List<String> remainingKeys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(key -> {
            if (!read.contains(key)) {
                keys.add(key);
            }
        });
        return keys;
    }

    /** Marks every remaining key as read (for maps with free keys, read separately). */
    void markAllRead() {
        read.addAll(remainingKeys());
    }

    void rejectUnknown() throws ScenarioException {
        List<String> unknown = remainingKeys();
        if (!unknown.isEmpty()) {
            throw error(unknown.getFirst(), "unknown field");
        }
    }

    private JsonNode take(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
