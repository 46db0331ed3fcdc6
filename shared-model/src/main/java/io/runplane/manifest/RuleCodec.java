package io.runplane.manifest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runplane.manifest.ManifestNode.MapNode;
import io.runplane.policy.FieldCatalogue;
import io.runplane.policy.FieldDefinition;
import io.runplane.policy.FieldRule;
import io.runplane.policy.FieldRule.ArrayRule;
import io.runplane.policy.FieldRule.BooleanRule;
import io.runplane.policy.FieldRule.DefaultFrom;
import io.runplane.policy.FieldRule.IntegerRule;
import io.runplane.policy.FieldRule.ItemizedRule;
import io.runplane.policy.FieldRule.NumberRule;
import io.runplane.policy.FieldRule.Option;
import io.runplane.policy.FieldRule.QuantityRule;
import io.runplane.policy.FieldRule.StringRule;
import io.runplane.policy.Quantity;
import io.runplane.policy.ValueType;
import io.runplane.policy.WorkloadKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads and writes the rule of one field, by the field's value type. */
final class RuleCodec {

    private static final List<String> COMMON = List.of("canEdit", "required");

    private RuleCodec() {
    }

    static FieldRule read(NodeReader in, WorkloadKind kind, FieldDefinition field, ManifestNode node, String path)
            throws ManifestException {
        MapNode map = in.map(node, path);
        Optional<Boolean> canEdit = bool(in, map, path, "canEdit");
        Optional<Boolean> required = bool(in, map, path, "required");
        return switch (field.type()) {
            case ValueType.BooleanType t -> {
                in.allowOnly(map, path, COMMON);
                yield new BooleanRule(canEdit, required);
            }
            case ValueType.ArrayType t -> {
                in.allowOnly(map, path, COMMON);
                yield new ArrayRule(canEdit, required);
            }
            case ValueType.StringType t -> {
                in.allowOnly(map, path, List.of("canEdit", "required", "options"));
                yield new StringRule(canEdit, required, options(in, map, path));
            }
            case ValueType.IntegerType t -> {
                in.allowOnly(map, path, List.of("canEdit", "required", "min", "max", "step", "defaultFrom"));
                OptionalLong step = integer(in, map, path, "step");
                if (step.isPresent() && step.getAsLong() <= 0) {
                    throw in.error(map.entries().get("step"), NodeReader.child(path, "step"), "must be positive");
                }
                OptionalLong min = integer(in, map, path, "min");
                OptionalLong max = integer(in, map, path, "max");
                if (min.isPresent() && max.isPresent() && min.getAsLong() > max.getAsLong()) {
                    throw in.error(map, path, "min " + min.getAsLong() + " is greater than max " + max.getAsLong());
                }
                yield new IntegerRule(canEdit, required, min, max, step, defaultFrom(in, kind, field, map, path));
            }
            case ValueType.NumberType t -> {
                in.allowOnly(map, path, List.of("canEdit", "required", "min", "max", "defaultFrom"));
                Optional<BigDecimal> min = number(in, map, path, "min");
                Optional<BigDecimal> max = number(in, map, path, "max");
                if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
                    throw in.error(map, path, "min " + min.get() + " is greater than max " + max.get());
                }
                yield new NumberRule(canEdit, required, min, max, defaultFrom(in, kind, field, map, path));
            }
            case ValueType.QuantityType t -> {
                in.allowOnly(map, path, List.of("canEdit", "required", "min", "max", "defaultFrom"));
                Optional<Quantity> min = quantity(in, map, path, "min", t);
                Optional<Quantity> max = quantity(in, map, path, "max", t);
                if (min.isPresent() && max.isPresent() && min.get().compareInSpecUnits(max.get()) > 0) {
                    throw in.error(map, path, "min " + min.get() + " is greater than max " + max.get());
                }
                yield new QuantityRule(canEdit, required, min, max, defaultFrom(in, kind, field, map, path));
            }
            case ValueType.ItemizedType t -> itemized(in, map, path);
        };
    }

    private static ItemizedRule itemized(NodeReader in, MapNode map, String path) throws ManifestException {
        in.allowOnly(map, path, List.of("instances"));
        String instancesPath = NodeReader.child(path, "instances");
        Optional<ManifestNode> node = in.optional(map, "instances");
        if (node.isEmpty()) {
            return new ItemizedRule(Optional.empty(), List.of());
        }
        MapNode instances = in.map(node.get(), instancesPath);
        in.allowOnly(instances, instancesPath, List.of("canAdd", "locked"));
        Optional<Boolean> canAdd = bool(in, instances, instancesPath, "canAdd");
        List<String> locked = new ArrayList<>();
        Optional<ManifestNode> lockedNode = in.optional(instances, "locked");
        if (lockedNode.isPresent()) {
            String lockedPath = NodeReader.child(instancesPath, "locked");
            List<ManifestNode> items = in.list(lockedNode.get(), lockedPath).items();
            for (int i = 0; i < items.size(); i++) {
                String key = in.name(items.get(i), lockedPath + "[" + i + "]");
                if (locked.contains(key)) {
                    throw in.error(items.get(i), lockedPath + "[" + i + "]", "duplicate key " + key);
                }
                locked.add(key);
            }
        }
        return new ItemizedRule(canAdd, locked);
    }

    private static List<Option> options(NodeReader in, MapNode map, String path) throws ManifestException {
        Optional<ManifestNode> node = in.optional(map, "options");
        List<Option> out = new ArrayList<>();
        if (node.isEmpty()) {
            return out;
        }
        String optionsPath = NodeReader.child(path, "options");
        List<ManifestNode> items = in.list(node.get(), optionsPath).items();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = optionsPath + "[" + i + "]";
            MapNode item = in.map(items.get(i), itemPath);
            in.allowOnly(item, itemPath, List.of("value", "displayed"));
            String value = in.text(in.required(item, itemPath, "value"), NodeReader.child(itemPath, "value"));
            Optional<String> displayed = Optional.empty();
            Optional<ManifestNode> d = in.optional(item, "displayed");
            if (d.isPresent()) {
                displayed = Optional.of(in.text(d.get(), NodeReader.child(itemPath, "displayed")));
            }
            if (out.stream().anyMatch(o -> o.value().equals(value))) {
                throw in.error(item, itemPath, "duplicate option " + value);
            }
            out.add(new Option(value, displayed));
        }
        return out;
    }

    private static Optional<DefaultFrom> defaultFrom(NodeReader in, WorkloadKind kind, FieldDefinition target,
            MapNode map, String path) throws ManifestException {
        Optional<ManifestNode> node = in.optional(map, "defaultFrom");
        if (node.isEmpty()) {
            return Optional.empty();
        }
        String dfPath = NodeReader.child(path, "defaultFrom");
        MapNode df = in.map(node.get(), dfPath);
        in.allowOnly(df, dfPath, List.of("field", "factor"));
        ManifestNode fieldNode = in.required(df, dfPath, "field");
        String fieldPath = NodeReader.child(dfPath, "field");
        String sourcePath = in.name(fieldNode, fieldPath);
        FieldDefinition source = FieldCatalogue.field(sourcePath)
                .filter(f -> f.appliesTo(kind))
                .orElseThrow(() -> in.error(fieldNode, fieldPath, "unknown field " + sourcePath));
        if (source.path().equals(target.path())) {
            throw in.error(fieldNode, fieldPath, "a field cannot default from itself");
        }
        if (!FieldCatalogue.canDefaultFrom(source, target)) {
            throw in.error(fieldNode, fieldPath, sourcePath + " (" + source.type().displayName()
                    + ") cannot provide a default for a " + target.type().displayName() + " field");
        }
        BigDecimal factor = BigDecimal.ONE;
        Optional<ManifestNode> factorNode = in.optional(df, "factor");
        if (factorNode.isPresent()) {
            factor = in.number(factorNode.get(), NodeReader.child(dfPath, "factor"));
        }
        return Optional.of(new DefaultFrom(sourcePath, factor));
    }

    private static Optional<Boolean> bool(NodeReader in, MapNode map, String path, String key) throws ManifestException {
        Optional<ManifestNode> node = in.optional(map, key);
        return node.isEmpty() ? Optional.empty() : Optional.of(in.bool(node.get(), NodeReader.child(path, key)));
    }

    private static OptionalLong integer(NodeReader in, MapNode map, String path, String key) throws ManifestException {
        Optional<ManifestNode> node = in.optional(map, key);
        return node.isEmpty() ? OptionalLong.empty() : OptionalLong.of(in.integer(node.get(), NodeReader.child(path, key)));
    }

    private static Optional<BigDecimal> number(NodeReader in, MapNode map, String path, String key) throws ManifestException {
        Optional<ManifestNode> node = in.optional(map, key);
        return node.isEmpty() ? Optional.empty() : Optional.of(in.number(node.get(), NodeReader.child(path, key)));
    }

    private static Optional<Quantity> quantity(NodeReader in, MapNode map, String path, String key,
            ValueType.QuantityType type) throws ManifestException {
        Optional<ManifestNode> node = in.optional(map, key);
        return node.isEmpty() ? Optional.empty()
                : Optional.of(in.quantity(node.get(), NodeReader.child(path, key), type.unit()));
    }

    /** The rule as a mapping, attributes in canonical order. */
    static ObjectNode write(FieldRule rule) {
        ObjectNode out = ValueCodec.NODES.objectNode();
        switch (rule) {
            case BooleanRule r -> common(out, r.canEdit(), r.required());
            case ArrayRule r -> common(out, r.canEdit(), r.required());
            case StringRule r -> {
                common(out, r.canEdit(), r.required());
                if (!r.options().isEmpty()) {
                    ArrayNode options = out.putArray("options");
                    for (Option o : r.options()) {
                        ObjectNode item = options.addObject().put("value", o.value());
                        o.displayed().ifPresent(d -> item.put("displayed", d));
                    }
                }
            }
            case IntegerRule r -> {
                common(out, r.canEdit(), r.required());
                r.min().ifPresent(v -> out.put("min", v));
                r.max().ifPresent(v -> out.put("max", v));
                r.step().ifPresent(v -> out.put("step", v));
                r.defaultFrom().ifPresent(d -> defaultFrom(out, d));
            }
            case NumberRule r -> {
                common(out, r.canEdit(), r.required());
                r.min().ifPresent(v -> out.put("min", v));
                r.max().ifPresent(v -> out.put("max", v));
                r.defaultFrom().ifPresent(d -> defaultFrom(out, d));
            }
            case QuantityRule r -> {
                common(out, r.canEdit(), r.required());
                r.min().ifPresent(v -> out.set("min", ValueCodec.quantity(v)));
                r.max().ifPresent(v -> out.set("max", ValueCodec.quantity(v)));
                r.defaultFrom().ifPresent(d -> defaultFrom(out, d));
            }
            case ItemizedRule r -> {
                ObjectNode instances = out.putObject("instances");
                r.canAdd().ifPresent(v -> instances.put("canAdd", v));
                if (!r.locked().isEmpty()) {
                    ArrayNode locked = instances.putArray("locked");
                    r.locked().forEach(locked::add);
                }
            }
        }
        return out;
    }

    private static void common(ObjectNode out, Optional<Boolean> canEdit, Optional<Boolean> required) {
        canEdit.ifPresent(v -> out.put("canEdit", v));
        required.ifPresent(v -> out.put("required", v));
    }

    private static void defaultFrom(ObjectNode out, DefaultFrom d) {
        out.putObject("defaultFrom").put("field", d.field()).put("factor", d.factor());
    }
}
