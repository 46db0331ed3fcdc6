package io.runplane.agent.policies;

import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.cluster.ClusterFiles;
import io.runplane.agent.workload.FieldProblem;
import io.runplane.policy.Scope;
import io.runplane.policy.WorkloadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The store's checks across branches of the default organization, and its files. */
class PolicyStoreTest {

    static final ClusterFile CLUSTER = ClusterFiles.parse(ClusterFiles.defaultText());
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    static String policy(String name, String namespace, String labels, String spec) {
        return "apiVersion: runplane.io/v1alpha1\nkind: TrainingPolicy\nmetadata:\n  name: " + name + "\n  namespace: " + namespace
                + "\n" + labels + "spec:\n" + spec;
    }

    @Test
    void aClusterPolicyConflictingOnlyOnOneProjectsBranchIsRefused(@TempDir Path dir) throws Exception {
        PolicyStore store = new PolicyStore(dir, () -> CLUSTER, CLOCK);
        store.put(policy("serving-gpus", "runplane-serving", "", "  rules: {compute: {gpuDevicesRequest: {max: 2}}}\n"), "admin", false);

        PolicyException e = catchThrowableOfType(PolicyException.class, () -> store.put(
                policy("global", "runplane-system", "", "  rules: {compute: {gpuDevicesRequest: {max: 8}}}\n"), "admin", false));

        assertThat(e.kind()).isEqualTo(PolicyException.Kind.FAILED_PRECONDITION);
        assertThat(e.problems()).extracting(FieldProblem::description).containsExactly(
                "compute.gpuDevicesRequest: the rule may be owned by only one policy on a branch "
                        + "(cluster (global) and project serving (serving-gpus))");
        assertThat(store.get(new PolicyKey(WorkloadKind.TRAINING, Scope.cluster()))).isEmpty();
        assertThat(files(dir)).containsExactly("training.project.serving.json");
    }

    @Test
    void aPolicyWhoseDefaultsWouldBreakTheEffectiveRulesIsRefused(@TempDir Path dir) throws Exception {
        PolicyStore store = new PolicyStore(dir, () -> CLUSTER, CLOCK);
        store.put(policy("limits", "runplane-system", "  labels: {runplane.io/department: research}\n",
                "  rules: {compute: {gpuDevicesRequest: {max: 4}}}\n"), "admin", false);

        PolicyException e = catchThrowableOfType(PolicyException.class, () -> store.put(
                policy("greedy", "runplane-vision", "", "  defaults: {compute: {gpuDevicesRequest: 8}}\n"), "admin", false));

        assertThat(e.kind()).isEqualTo(PolicyException.Kind.FAILED_PRECONDITION);
        assertThat(e.problems()).containsExactly(new FieldProblem("defaults.compute.gpuDevicesRequest",
                "must be no greater than 4 (effective policy of project vision (department research))"));
        assertThat(files(dir)).containsExactly("training.department.research.json");
        // The same default in the other department is fine.
        store.put(policy("greedy", "runplane-serving", "", "  defaults: {compute: {gpuDevicesRequest: 8}}\n"), "admin", false);
    }

    @Test
    void unreadableFilesAreMovedAsideAndLeftoverTemporaryFilesRemoved(@TempDir Path dir) throws Exception {
        PolicyStore first = new PolicyStore(dir, () -> CLUSTER, CLOCK);
        StoredPolicy kept = first.put(policy("global", "runplane-system", "", "  defaults: {imagePullPolicy: Always}\n"), "alice", false);
        Path policies = dir.resolve(PolicyStore.DIRECTORY);
        Files.writeString(policies.resolve("training.project.vision.json"), "{\"manifest\": \"kind: [", StandardCharsets.UTF_8);
        Files.writeString(policies.resolve(".training.cluster.json.123.tmp"), "half", StandardCharsets.UTF_8);

        PolicyStore second = new PolicyStore(dir, () -> CLUSTER, CLOCK);

        assertThat(second.list()).containsExactly(kept);
        assertThat(files(dir)).containsExactlyInAnyOrder("training.cluster.json", "training.project.vision.json.corrupt");
    }

    static Stream<String> filesOf(Path dir) throws Exception {
        return Files.list(dir.resolve(PolicyStore.DIRECTORY)).map(p -> p.getFileName().toString());
    }

    static java.util.List<String> files(Path dir) throws Exception {
        try (Stream<String> names = filesOf(dir)) {
            return names.sorted().toList();
        }
    }
}
