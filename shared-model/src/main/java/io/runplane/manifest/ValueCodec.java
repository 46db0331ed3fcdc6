package io.runplane.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runplane.manifest.ManifestNode.MapNode;
import io.runplane.policy.FieldDefinition;
import io.runplane.policy.Instance;
import io.runplane.policy.PolicyValue;
import io.runplane.policy.PolicyValue.ArrayValue;
import io.runplane.policy.PolicyValue.BoolValue;
import io.runplane.policy.PolicyValue.IntegerValue;
import io.runplane.policy.PolicyValue.ItemizedValue;
import io.runplane.policy.PolicyValue.NumberValue;
import io.runplane.policy.PolicyValue.QuantityValue;
import io.runplane.policy.PolicyValue.StringValue;
import io.runplane.policy.Quantity;
import io.runplane.policy.ValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads and writes field values in manifests, by the field's value type. */
final class ValueCodec {

    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private ValueCodec() {
    }

    /**
     * Reads a value of {@code field}'s type. An itemized value is read from a list of instances;
     * {@code allowExclude} permits the {@code exclude} flag (policy defaults only).
     */
    static PolicyValue read(NodeReader in, FieldDefinition field, ManifestNode node, String path, boolean allowExclude)
            throws ManifestException {
        return switch (field.type()) {
            case ValueType.BooleanType t -> new BoolValue(in.bool(node, path));
            case ValueType.StringType t -> new StringValue(in.text(node, path));
            case ValueType.IntegerType t -> new IntegerValue(in.int32(node, path));
            case ValueType.NumberType t -> new NumberValue(in.number(node, path));
            case ValueType.QuantityType t -> new QuantityValue(in.quantity(node, path, t.unit()));
            case ValueType.ArrayType t -> {
                List<String> values = new ArrayList<>();
                List<ManifestNode> items = in.list(node, path).items();
                for (int i = 0; i < items.size(); i++) {
                    values.add(in.text(items.get(i), path + "[" + i + "]"));
                }
                yield new ArrayValue(values);
            }
            case ValueType.ItemizedType t -> new ItemizedValue(instances(in, t, node, path, allowExclude));
        };
    }

    private static List<Instance> instances(NodeReader in, ValueType.ItemizedType type, ManifestNode node, String path,
            boolean allowExclude) throws ManifestException {
        List<String> allowed = new ArrayList<>();
        allowed.add(type.keyAttribute());
        allowed.addAll(type.attributes());
        if (allowExclude) {
            allowed.add("exclude");
        }
        List<Instance> out = new ArrayList<>();
        List<ManifestNode> items = in.list(node, path).items();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            MapNode item = in.map(items.get(i), itemPath);
            in.allowOnly(item, itemPath, allowed);
            String key = in.name(in.required(item, itemPath, type.keyAttribute()), NodeReader.child(itemPath, type.keyAttribute()));
            if (out.stream().anyMatch(o -> o.key().equals(key))) {
                throw in.error(item, itemPath, "duplicate " + type.keyAttribute() + " " + key);
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (String attribute : type.attributes()) {
                var value = in.optional(item, attribute);
                if (value.isPresent()) {
                    attributes.put(attribute, in.text(value.get(), NodeReader.child(itemPath, attribute)));
                }
            }
            var exclude = in.optional(item, "exclude");
            boolean excluded = exclude.isPresent() && in.bool(exclude.get(), NodeReader.child(itemPath, "exclude"));
            out.add(new Instance(key, attributes, excluded));
        }
        return out;
    }

    /** The value as a JSON/YAML node; an itemized value becomes a list of instances. */
    static JsonNode write(PolicyValue value, ValueType type) {
        return switch (value) {
            case BoolValue b -> NODES.booleanNode(b.value());
            case StringValue s -> NODES.textNode(s.value());
            case IntegerValue i -> NODES.numberNode(i.value());
            case NumberValue n -> NODES.numberNode(n.value());
            case QuantityValue q -> quantity(q.value());
            case ArrayValue a -> {
                ArrayNode array = NODES.arrayNode();
                a.values().forEach(array::add);
                yield array;
            }
            case ItemizedValue i -> {
                String key = type instanceof ValueType.ItemizedType t ? t.keyAttribute() : "name";
                ArrayNode array = NODES.arrayNode();
                for (Instance instance : i.instances()) {
                    ObjectNode item = array.addObject();
                    item.put(key, instance.key());
                    instance.attributes().forEach(item::put);
                    if (instance.exclude()) {
                        item.put("exclude", true);
                    }
                }
                yield array;
            }
        };
    }

    static JsonNode quantity(Quantity q) {
        if (q.text().matches("[0-9]+(\\.[0-9]+)?") && new BigDecimal(q.text()).toPlainString().equals(q.text())) {
            return NODES.numberNode(new BigDecimal(q.text()));
        }
        return NODES.textNode(q.text());
    }
}
