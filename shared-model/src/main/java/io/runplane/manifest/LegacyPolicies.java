package io.runplane.manifest;

import io.runplane.manifest.ManifestNode.ListNode;
import io.runplane.manifest.ManifestNode.MapNode;
import io.runplane.manifest.ManifestNode.ScalarKind;
import io.runplane.manifest.ManifestNode.ScalarNode;
import io.runplane.policy.FieldCatalogue;
import io.runplane.policy.FieldDefinition;
import io.runplane.policy.FieldRule;
import io.runplane.policy.Instance;
import io.runplane.policy.PolicyValue;
import io.runplane.policy.PolicyValue.ItemizedValue;
import io.runplane.policy.Scope;
import io.runplane.policy.ValueType;
import io.runplane.policy.WorkloadKind;
import io.runplane.policy.WorkloadPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts Run:ai's older policy CRs ({@code run.ai/v1alpha1}, {@code run.ai/v2alpha1}) into
 * native policies. Each spec field there has a {@code value} (the default) and {@code rules}; list
 * fields have {@code items} keyed by name, each with its own {@code value} and
 * {@code rules: {canRemove, canEdit}} (either false locks the item). Namespace {@code runai} is the
 * cluster scope, {@code runai-<project>} a project.
 */
final class LegacyPolicies {

    static final Set<String> API_VERSIONS = Set.of("run.ai/v1alpha1", "run.ai/v2alpha1");

    private static final String LEGACY_SYSTEM = "runai";
    private static final String LEGACY_PREFIX = "runai-";

    /** Old spec field name to native field path; {@code gpu} is decided by its values. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("gpuMemory", "compute.gpuMemoryRequest"),
            Map.entry("cpu", "compute.cpuCoreRequest"),
            Map.entry("cpuLimit", "compute.cpuCoreLimit"),
            Map.entry("memory", "compute.cpuMemoryRequest"),
            Map.entry("memoryLimit", "compute.cpuMemoryLimit"),
            Map.entry("largeShm", "compute.largeShmRequest"),
            Map.entry("image", "image"),
            Map.entry("imagePullPolicy", "imagePullPolicy"),
            Map.entry("workingDir", "workingDir"),
            Map.entry("nodeType", "nodeType"),
            Map.entry("nodePools", "nodePools"),
            Map.entry("priorityClassName", "priorityClass"),
            Map.entry("preemptible", "preemptible"),
            Map.entry("runAsUid", "security.runAsUid"),
            Map.entry("runAsGid", "security.runAsGid"),
            Map.entry("allowPrivilegeEscalation", "security.allowPrivilegeEscalation"),
            Map.entry("hostIpc", "security.hostIpc"),
            Map.entry("hostNetwork", "security.hostNetwork"),
            Map.entry("backoffLimit", "training.backoffLimit"),
            Map.entry("completions", "training.completions"),
            Map.entry("parallelism", "training.parallelism"),
            Map.entry("workers", "distributed.workers"),
            Map.entry("minReplicas", "inference.minReplicas"),
            Map.entry("minScale", "inference.minReplicas"),
            Map.entry("maxReplicas", "inference.maxReplicas"),
            Map.entry("maxScale", "inference.maxReplicas"),
            Map.entry("environment", "environmentVariables"),
            Map.entry("labels", "labels"),
            Map.entry("annotations", "annotations"));

    private LegacyPolicies() {
    }

    static WorkloadPolicy convert(NodeReader in, MapNode doc) throws ManifestException {
        in.allowOnly(doc, "", List.of("apiVersion", "kind", "metadata", "spec", "status"));
        WorkloadKind kind = PolicyManifests.kind(in, doc);
        MapNode metadata = in.map(in.required(doc, "", "metadata"), "metadata");
        in.allowOnly(metadata, "metadata", PolicyManifests.METADATA);
        String name = in.name(in.required(metadata, "metadata", "name"), "metadata.name");
        Scope scope = scope(in, in.required(metadata, "metadata", "namespace"));
        Map<String, PolicyValue> defaults = new LinkedHashMap<>();
        Map<String, FieldRule> rules = new LinkedHashMap<>();
        Optional<ManifestNode> specNode = in.optional(doc, "spec");
        if (specNode.isPresent()) {
            MapNode spec = in.map(specNode.get(), "spec");
            for (var e : spec.entries().entrySet()) {
                if (in.optional(spec, e.getKey()).isPresent()) {
                    convertField(in, kind, e.getKey(), in.map(e.getValue(), "spec." + e.getKey()), defaults, rules);
                }
            }
        }
        return new WorkloadPolicy(name, kind, scope, defaults, rules, List.of());
    }

    private static Scope scope(NodeReader in, ManifestNode node) throws ManifestException {
        String namespace = in.name(node, "metadata.namespace");
        if (namespace.equals(LEGACY_SYSTEM)) {
            return Scope.cluster();
        }
        if (namespace.startsWith(LEGACY_PREFIX) && namespace.length() > LEGACY_PREFIX.length()) {
            return new Scope.Project(namespace.substring(LEGACY_PREFIX.length()));
        }
        throw in.error(node, "metadata.namespace", "must be " + LEGACY_SYSTEM + " or " + LEGACY_PREFIX + "<project>");
    }

    private static void convertField(NodeReader in, WorkloadKind kind, String oldName, MapNode field,
            Map<String, PolicyValue> defaults, Map<String, FieldRule> rules) throws ManifestException {
        String at = "spec." + oldName;
        String path = oldName.equals("gpu") ? gpuPath(field) : FIELDS.get(oldName);
        if (path == null) {
            throw in.error(field, at, "unknown or unsupported field of a Run:ai policy");
        }
        FieldDefinition def = FieldCatalogue.field(path).orElseThrow();
        if (!def.appliesTo(kind)) {
            throw in.error(field, at, "is not a field of " + kind.policyKind());
        }
        if (def.type() instanceof ValueType.ItemizedType type) {
            convertItems(in, kind, def, type, field, at, defaults, rules);
            return;
        }
        in.allowOnly(field, at, List.of("value", "rules"));
        Optional<ManifestNode> value = in.optional(field, "value");
        if (value.isPresent()) {
            ManifestNode v = value.get();
            String valueAt = at + ".value";
            if (v instanceof MapNode wrapped) {
                in.allowOnly(wrapped, valueAt, List.of("value"));
                v = in.required(wrapped, valueAt, "value");
                valueAt = valueAt + ".value";
            }
            defaults.put(path, ValueCodec.read(in, def, v, valueAt, false));
        }
        Optional<ManifestNode> rule = in.optional(field, "rules");
        if (rule.isPresent()) {
            rules.put(path, RuleCodec.read(in, kind, def, rule.get(), at + ".rules"));
        }
    }

    private static void convertItems(NodeReader in, WorkloadKind kind, FieldDefinition def, ValueType.ItemizedType type,
            MapNode field, String at, Map<String, PolicyValue> defaults, Map<String, FieldRule> rules)
            throws ManifestException {
        in.allowOnly(field, at, List.of("items", "rules"));
        List<Instance> instances = new ArrayList<>();
        List<ManifestNode> locked = new ArrayList<>();
        Optional<ManifestNode> items = in.optional(field, "items");
        if (items.isPresent()) {
            MapNode map = in.map(items.get(), at + ".items");
            for (var e : map.entries().entrySet()) {
                String itemAt = at + ".items." + e.getKey();
                MapNode item = in.map(e.getValue(), itemAt);
                in.allowOnly(item, itemAt, List.of("value", "rules"));
                instances.add(Instance.of(e.getKey(), attributes(in, type, item, itemAt)));
                Optional<ManifestNode> itemRules = in.optional(item, "rules");
                if (itemRules.isPresent() && isLocked(in, itemRules.get(), itemAt + ".rules")) {
                    locked.add(new ScalarNode(item.location(), ScalarKind.STRING, e.getKey()));
                }
            }
        }
        if (!instances.isEmpty()) {
            defaults.put(def.path(), new ItemizedValue(instances));
        }
        Map<String, ManifestNode> instanceRules = new LinkedHashMap<>();
        Optional<ManifestNode> ruleNode = in.optional(field, "rules");
        if (ruleNode.isPresent()) {
            MapNode r = in.map(ruleNode.get(), at + ".rules");
            in.allowOnly(r, at + ".rules", List.of("canAdd", "required"));
            in.optional(r, "canAdd").ifPresent(n -> instanceRules.put("canAdd", n));
        }
        if (!locked.isEmpty()) {
            instanceRules.put("locked", new ListNode(field.location(), locked));
        }
        if (!instanceRules.isEmpty()) {
            MapNode synthetic = new MapNode(field.location(),
                    Map.of("instances", new MapNode(field.location(), instanceRules)));
            rules.put(def.path(), RuleCodec.read(in, kind, def, synthetic, at + ".rules"));
        }
    }

    private static Map<String, String> attributes(NodeReader in, ValueType.ItemizedType type, MapNode item, String at)
            throws ManifestException {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<ManifestNode> value = in.optional(item, "value");
        if (value.isEmpty()) {
            return out;
        }
        if (value.get() instanceof MapNode map) {
            in.allowOnly(map, at + ".value", type.attributes());
            for (String attribute : type.attributes()) {
                Optional<ManifestNode> v = in.optional(map, attribute);
                if (v.isPresent()) {
                    out.put(attribute, in.text(v.get(), at + ".value." + attribute));
                }
            }
            return out;
        }
        String text = in.text(value.get(), at + ".value");
        if (type.attributes().contains("secretRef") && text.startsWith("SECRET:")) {
            String[] parts = text.substring("SECRET:".length()).split(",", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw in.error(value.get(), at + ".value", "expected SECRET:<secret>,<key>");
            }
            out.put("secretRef", parts[0].strip() + "/" + parts[1].strip());
        } else {
            out.put("value", text);
        }
        return out;
    }

    private static boolean isLocked(NodeReader in, ManifestNode rules, String at) throws ManifestException {
        MapNode map = in.map(rules, at);
        in.allowOnly(map, at, List.of("canRemove", "canEdit"));
        for (String key : List.of("canRemove", "canEdit")) {
            Optional<ManifestNode> n = in.optional(map, key);
            if (n.isPresent() && !in.bool(n.get(), at + "." + key)) {
                return true;
            }
        }
        return false;
    }

    private static String gpuPath(MapNode field) {
        List<String> texts = new ArrayList<>();
        collectScalars(field, texts);
        boolean fractional = texts.stream().anyMatch(t -> t.matches("[0-9]*\\.[0-9]*[1-9][0-9]*"));
        return fractional ? "compute.gpuPortionRequest" : "compute.gpuDevicesRequest";
    }

    private static void collectScalars(ManifestNode node, List<String> out) {
        switch (node) {
            case ScalarNode s -> out.add(s.text().strip());
            case MapNode m -> m.entries().values().forEach(v -> collectScalars(v, out));
            case ListNode l -> l.items().forEach(v -> collectScalars(v, out));
        }
    }
}
