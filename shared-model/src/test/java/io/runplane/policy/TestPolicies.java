package io.runplane.policy;

import io.runplane.api.v1.WorkloadSpec;
import io.runplane.manifest.ManifestException;
import io.runplane.manifest.PolicyManifests;
import io.runplane.manifest.WorkloadManifests;

/** Builds policies and workloads for tests from short YAML snippets. */
final class TestPolicies {

    private TestPolicies() {
    }

    /**
     * A training policy. {@code where} is {@code cluster}, {@code department:<name>} or
     * {@code project:<name>}; {@code spec} is a flow mapping such as {@code {defaults: {image: x}}}.
     */
    static WorkloadPolicy policy(String name, String where, String spec) {
        return policy(name, WorkloadKind.TRAINING, where, spec);
    }

    static WorkloadPolicy policy(String name, WorkloadKind kind, String where, String spec) {
        String metadata;
        if (where.equals("cluster")) {
            metadata = "{name: " + name + ", namespace: runplane-system}";
        } else if (where.startsWith("department:")) {
            metadata = "{name: " + name + ", namespace: runplane-system, labels: {runplane.io/department: "
                    + where.substring("department:".length()) + "}}";
        } else {
            metadata = "{name: " + name + ", namespace: runplane-" + where.substring("project:".length()) + "}";
        }
        String text = "apiVersion: runplane.io/v1alpha1\nkind: " + kind.policyKind() + "\nmetadata: " + metadata
                + "\nspec: " + spec + "\n";
        try {
            return PolicyManifests.read("test.yaml", text).getFirst();
        } catch (ManifestException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A training workload in project team-a from a flow mapping of spec fields. */
    static WorkloadSpec workload(String spec) {
        String text = "apiVersion: runplane.io/v1alpha1\nkind: TrainingWorkload\n"
                + "metadata: {name: w, namespace: runplane-team-a}\nspec: " + spec + "\n";
        try {
            return WorkloadManifests.read("workload.yaml", text).spec();
        } catch (ManifestException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static EffectivePolicy resolved(WorkloadPolicy... policies) {
        Resolution r = PolicyEngine.resolve(java.util.List.of(policies), WorkloadKind.TRAINING,
                OrgPath.project("team-a", java.util.Optional.of("research")));
        return r.policy().orElseThrow(() -> new IllegalStateException(r.conflicts().toString()));
    }
}
