package io.runplane.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.manifest.ManifestNode.MapNode;
import io.runplane.policy.FieldCatalogue;
import io.runplane.policy.FieldDefinition;
import io.runplane.policy.PolicyValue;
import io.runplane.policy.WorkloadKind;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads and writes workload manifests ({@code kind: TrainingWorkload} and the other workload
 * kinds, {@code apiVersion: runplane.io/v1alpha1}). The spec uses the policy field paths as
 * nested keys ({@code compute: {gpuDevicesRequest: 1}}); itemized fields are plain lists of
 * instances ({@code environmentVariables: [{name: A, value: b}]}).
 */
public final class WorkloadManifests {

    private WorkloadManifests() {
    }

    /** Reads the single workload in {@code text}. */
    public static WorkloadManifest read(String source, String text) throws ManifestException {
        NodeReader in = new NodeReader(source);
        List<ManifestNode> documents = YamlTree.parse(source, text);
        if (documents.size() != 1) {
            throw new ManifestException(new ManifestProblem(source, 0, 0, "",
                    "expected exactly one workload but found " + documents.size() + " documents"));
        }
        return readDocument(in, in.map(documents.getFirst(), ""));
    }

    /** Reads the single workload in a file; the file name as given labels messages. */
    public static WorkloadManifest readFile(Path file) throws ManifestException {
        return read(file.toString(), PolicyManifests.readText(file));
    }

    /** The workload as canonical YAML, with every field of its type that the spec sets. */
    public static String write(WorkloadKind kind, WorkloadSpec spec) {
        ObjectNode root = ValueCodec.NODES.objectNode();
        root.put("apiVersion", PolicyManifests.API_VERSION);
        root.put("kind", kind.workloadKind());
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("name", spec.getName());
        metadata.put("namespace", Namespaces.ofProject(spec.getProject()));
        ObjectNode out = root.putObject("spec");
        for (FieldDefinition field : FieldCatalogue.fields(kind)) {
            Optional<PolicyValue> value = field.accessor().read(spec);
            value.ifPresent(v -> FieldTree.put(out, field.path(), ValueCodec.write(v, field.type())));
        }
        return YamlWriter.write(root);
    }

    private static WorkloadManifest readDocument(NodeReader in, MapNode doc) throws ManifestException {
        in.allowOnly(doc, "", List.of("apiVersion", "kind", "metadata", "spec"));
        ManifestNode versionNode = in.required(doc, "", "apiVersion");
        String apiVersion = in.text(versionNode, "apiVersion");
        if (!apiVersion.equals(PolicyManifests.API_VERSION)) {
            throw in.error(versionNode, "apiVersion", "unsupported apiVersion " + apiVersion
                    + " (expected " + PolicyManifests.API_VERSION + ")");
        }
        ManifestNode kindNode = in.required(doc, "", "kind");
        String kindName = in.text(kindNode, "kind");
        WorkloadKind kind = WorkloadKind.ofWorkloadKind(kindName).orElseThrow(() -> in.error(kindNode, "kind",
                "unknown workload kind " + kindName + " (expected one of: " + Arrays.stream(WorkloadKind.values())
                        .map(WorkloadKind::workloadKind).collect(Collectors.joining(", ")) + ")"));
        MapNode metadata = in.map(in.required(doc, "", "metadata"), "metadata");
        in.allowOnly(metadata, "metadata", List.of("name", "namespace"));
        String name = in.name(in.required(metadata, "metadata", "name"), "metadata.name");
        ManifestNode nsNode = in.required(metadata, "metadata", "namespace");
        String namespace = in.name(nsNode, "metadata.namespace");
        String project = Namespaces.projectOf(namespace).orElseThrow(() -> in.error(nsNode, "metadata.namespace",
                "must be a project namespace " + Namespaces.PROJECT_PREFIX + "<project>"));
        WorkloadSpec.Builder base = WorkloadSpec.newBuilder().setName(name).setProject(project).setType(kind.apiType());
        WorkloadSpec[] spec = {base.build()};
        Optional<ManifestNode> specNode = in.optional(doc, "spec");
        if (specNode.isPresent()) {
            FieldTree.walk(in, in.map(specNode.get(), "spec"), "spec", kind, kind.workloadKind(), (field, node, at) -> {
                PolicyValue value = ValueCodec.read(in, field, node, at, false);
                try {
                    spec[0] = field.accessor().write(spec[0], value);
                } catch (IllegalArgumentException e) {
                    throw in.error(node, at, e.getMessage());
                }
            });
        }
        return new WorkloadManifest(kind, spec[0]);
    }
}
