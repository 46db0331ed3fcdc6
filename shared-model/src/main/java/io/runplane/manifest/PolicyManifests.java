package io.runplane.manifest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.manifest.ManifestNode.MapNode;
import io.runplane.policy.FieldCatalogue;
import io.runplane.policy.FieldDefinition;
import io.runplane.policy.FieldRule;
import io.runplane.policy.PolicyValue;
import io.runplane.policy.Scope;
import io.runplane.policy.ValueType;
import io.runplane.policy.WorkloadKind;
import io.runplane.policy.WorkloadPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads and writes policy manifests. The native format is
 * {@code apiVersion: runplane.io/v1alpha1} with kinds {@code InteractivePolicy},
 * {@code TrainingPolicy}, {@code DistributedPolicy} and {@code InferencePolicy}; Run:ai's older
 * {@code run.ai/v1alpha1} and {@code run.ai/v2alpha1} policies are converted on import.
 *
 * <p>Reading is all or nothing: a file yields every policy it holds, or a {@link ManifestException}
 * naming the first problem with its line, column and field path.
 */
public final class PolicyManifests {

    /** The API version of native policy and workload manifests. */
    public static final String API_VERSION = "runplane.io/v1alpha1";

    /**
     * The metadata a policy may carry: name, namespace and the department label are read; the rest
     * is what the API server and kubectl add to a stored object, accepted and not kept.
     */
    static final List<String> METADATA = List.of("name", "namespace", "labels", "annotations", "uid",
            "resourceVersion", "generation", "creationTimestamp", "managedFields");

    private PolicyManifests() {
    }

    /**
     * Reads every policy in {@code text} (one or more YAML or JSON documents).
     *
     * @param source a label for messages, usually the file name
     */
    public static List<WorkloadPolicy> read(String source, String text) throws ManifestException {
        NodeReader in = new NodeReader(source);
        List<WorkloadPolicy> out = new ArrayList<>();
        for (ManifestNode document : YamlTree.parse(source, text)) {
            out.add(readDocument(in, in.map(document, "")));
        }
        if (out.isEmpty()) {
            throw new ManifestException(new ManifestProblem(source, 0, 0, "", "no policy in the file"));
        }
        return List.copyOf(out);
    }

    /** Reads every policy in a file; the file name as given labels messages. */
    public static List<WorkloadPolicy> readFile(Path file) throws ManifestException {
        return read(file.toString(), readText(file));
    }

    /** The policy as canonical YAML in the native format. */
    public static String write(WorkloadPolicy policy) {
        ObjectNode root = ValueCodec.NODES.objectNode();
        root.put("apiVersion", API_VERSION);
        root.put("kind", policy.kind().policyKind());
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("name", policy.name());
        switch (policy.scope()) {
            case Scope.Cluster c -> metadata.put("namespace", Namespaces.SYSTEM);
            case Scope.Department d -> {
                metadata.put("namespace", Namespaces.SYSTEM);
                metadata.putObject("labels").put(Namespaces.DEPARTMENT_LABEL, d.name());
            }
            case Scope.Project p -> metadata.put("namespace", Namespaces.ofProject(p.name()));
        }
        ObjectNode spec = root.putObject("spec");
        if (!policy.defaults().isEmpty()) {
            ObjectNode defaults = spec.putObject("defaults");
            policy.defaults().forEach((path, value) -> {
                ValueType type = FieldCatalogue.field(path).map(FieldDefinition::type).orElseThrow();
                var node = ValueCodec.write(value, type);
                if (type instanceof ValueType.ItemizedType) {
                    ObjectNode wrapper = ValueCodec.NODES.objectNode();
                    wrapper.set("instances", node);
                    node = wrapper;
                }
                FieldTree.put(defaults, path, node);
            });
        }
        if (!policy.rules().isEmpty()) {
            ObjectNode rules = spec.putObject("rules");
            policy.rules().forEach((path, rule) -> FieldTree.put(rules, path, RuleCodec.write(rule)));
        }
        if (!policy.imposedAssets().isEmpty()) {
            ArrayNode assets = spec.putArray("imposedAssets");
            policy.imposedAssets().forEach(assets::add);
        }
        return YamlWriter.write(root);
    }

    /** Several policies as one multi-document YAML text. */
    public static String writeAll(List<WorkloadPolicy> policies) {
        return policies.stream().map(PolicyManifests::write).collect(Collectors.joining("---\n"));
    }

    static String readText(Path file) throws ManifestException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new ManifestException(new ManifestProblem(file.toString(), 0, 0, "",
                    "cannot read the file: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        }
    }

    private static WorkloadPolicy readDocument(NodeReader in, MapNode doc) throws ManifestException {
        String apiVersion = in.text(in.required(doc, "", "apiVersion"), "apiVersion");
        if (LegacyPolicies.API_VERSIONS.contains(apiVersion)) {
            return LegacyPolicies.convert(in, doc);
        }
        if (!apiVersion.equals(API_VERSION)) {
            throw in.error(doc.entries().get("apiVersion"), "apiVersion", "unsupported apiVersion " + apiVersion
                    + " (expected " + API_VERSION + " or one of " + LegacyPolicies.API_VERSIONS + ")");
        }
        in.allowOnly(doc, "", List.of("apiVersion", "kind", "metadata", "spec", "status"));
        WorkloadKind kind = kind(in, doc);
        MapNode metadata = in.map(in.required(doc, "", "metadata"), "metadata");
        in.allowOnly(metadata, "metadata", METADATA);
        String name = in.name(in.required(metadata, "metadata", "name"), "metadata.name");
        Scope scope = scope(in, metadata);
        Optional<ManifestNode> spec = in.optional(doc, "spec");
        if (spec.isEmpty()) {
            return new WorkloadPolicy(name, kind, scope, Map.of(), Map.of(), List.of());
        }
        return readSpec(in, name, kind, scope, in.map(spec.get(), "spec"), "spec");
    }

    static WorkloadKind kind(NodeReader in, MapNode doc) throws ManifestException {
        ManifestNode node = in.required(doc, "", "kind");
        String kind = in.text(node, "kind");
        return WorkloadKind.ofPolicyKind(kind).orElseThrow(() -> in.error(node, "kind", "unknown policy kind " + kind
                + " (expected one of: " + Arrays.stream(WorkloadKind.values()).map(WorkloadKind::policyKind)
                .collect(Collectors.joining(", ")) + ")"));
    }

    private static Scope scope(NodeReader in, MapNode metadata) throws ManifestException {
        ManifestNode nsNode = in.required(metadata, "metadata", "namespace");
        String namespace = in.name(nsNode, "metadata.namespace");
        Optional<String> department = Optional.empty();
        Optional<ManifestNode> labels = in.optional(metadata, "labels");
        if (labels.isPresent()) {
            MapNode map = in.map(labels.get(), "metadata.labels");
            in.allowOnly(map, "metadata.labels", List.of(Namespaces.DEPARTMENT_LABEL));
            Optional<ManifestNode> d = in.optional(map, Namespaces.DEPARTMENT_LABEL);
            if (d.isPresent()) {
                department = Optional.of(in.name(d.get(), "metadata.labels." + Namespaces.DEPARTMENT_LABEL));
            }
        }
        if (namespace.equals(Namespaces.SYSTEM)) {
            return department.<Scope>map(Scope.Department::new).orElseGet(Scope::cluster);
        }
        Optional<String> project = Namespaces.projectOf(namespace);
        if (project.isEmpty()) {
            throw in.error(nsNode, "metadata.namespace", "must be " + Namespaces.SYSTEM + " or a project namespace "
                    + Namespaces.PROJECT_PREFIX + "<project>");
        }
        if (department.isPresent()) {
            throw in.error(labels.get(), "metadata.labels." + Namespaces.DEPARTMENT_LABEL,
                    "a department scope belongs in the " + Namespaces.SYSTEM + " namespace");
        }
        return new Scope.Project(project.get());
    }

    /** Reads a native {@code spec} section (also the target of legacy conversion). */
    static WorkloadPolicy readSpec(NodeReader in, String name, WorkloadKind kind, Scope scope, MapNode spec, String path)
            throws ManifestException {
        in.allowOnly(spec, path, List.of("defaults", "rules", "imposedAssets"));
        Map<String, PolicyValue> defaults = new LinkedHashMap<>();
        Optional<ManifestNode> defaultsNode = in.optional(spec, "defaults");
        if (defaultsNode.isPresent()) {
            String at = NodeReader.child(path, "defaults");
            FieldTree.walk(in, in.map(defaultsNode.get(), at), at, kind, kind.policyKind(),
                    (field, node, fieldAt) -> defaults.put(field.path(), readDefault(in, field, node, fieldAt)));
        }
        Map<String, FieldRule> rules = new LinkedHashMap<>();
        Optional<ManifestNode> rulesNode = in.optional(spec, "rules");
        if (rulesNode.isPresent()) {
            String at = NodeReader.child(path, "rules");
            FieldTree.walk(in, in.map(rulesNode.get(), at), at, kind, kind.policyKind(),
                    (field, node, fieldAt) -> rules.put(field.path(), RuleCodec.read(in, kind, field, node, fieldAt)));
        }
        List<String> assets = new ArrayList<>();
        Optional<ManifestNode> assetsNode = in.optional(spec, "imposedAssets");
        if (assetsNode.isPresent()) {
            String at = NodeReader.child(path, "imposedAssets");
            List<ManifestNode> items = in.list(assetsNode.get(), at).items();
            for (int i = 0; i < items.size(); i++) {
                String asset = in.name(items.get(i), at + "[" + i + "]");
                if (assets.contains(asset)) {
                    throw in.error(items.get(i), at + "[" + i + "]", "duplicate asset " + asset);
                }
                assets.add(asset);
            }
        }
        return new WorkloadPolicy(name, kind, scope, defaults, rules, assets);
    }

    private static PolicyValue readDefault(NodeReader in, FieldDefinition field, ManifestNode node, String at)
            throws ManifestException {
        PolicyValue value;
        if (field.type() instanceof ValueType.ItemizedType) {
            MapNode wrapper = in.map(node, at);
            in.allowOnly(wrapper, at, List.of("instances"));
            String instancesAt = NodeReader.child(at, "instances");
            value = ValueCodec.read(in, field, in.required(wrapper, at, "instances"), instancesAt, true);
        } else {
            value = ValueCodec.read(in, field, node, at, false);
        }
        try {
            field.accessor().write(WorkloadSpec.getDefaultInstance(), value);
        } catch (IllegalArgumentException e) {
            throw in.error(node, at, e.getMessage());
        }
        return value;
    }
}
