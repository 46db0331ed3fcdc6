package io.runplane.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runplane.policy.FieldRule;
import io.runplane.policy.Instance;
import io.runplane.policy.PolicyValue;
import io.runplane.policy.Scope;
import io.runplane.policy.WorkloadKind;
import io.runplane.policy.WorkloadPolicy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyManifestsTest {

    static final String EXAMPLE = """
            apiVersion: runplane.io/v1alpha1
            kind: TrainingPolicy
            metadata:
              name: research-defaults
              namespace: runplane-system
              labels:
                runplane.io/department: research
            spec:
              defaults:
                imagePullPolicy: IfNotPresent
                environmentVariables:
                  instances:
                    - name: WANDB_BASE_URL
                      value: https://wandb.example.com
                    - name: DEBUG
                      exclude: true
                nodePools:
                  - node-pool-a
                  - node-pool-b
                compute:
                  gpuDevicesRequest: 1
                  cpuCoreRequest: 0.5
                  cpuMemoryLimit: 40G
                  largeShmRequest: true
              rules:
                imagePullPolicy:
                  canEdit: false
                  options:
                    - value: IfNotPresent
                      displayed: Pull if not present
                    - value: Always
                environmentVariables:
                  instances:
                    canAdd: true
                    locked:
                      - WANDB_BASE_URL
                compute:
                  gpuDevicesRequest:
                    required: true
                    min: 1
                    max: 4
                    step: 1
                  cpuCoreRequest:
                    defaultFrom:
                      field: compute.cpuCoreLimit
                      factor: 0.5
                  cpuMemoryRequest:
                    min: 1G
                    max: 20G
                security:
                  runAsUid:
                    min: 1
              imposedAssets:
                - env-pytorch
            """;

    @Test
    void readsEverySection() throws ManifestException {
        WorkloadPolicy policy = PolicyManifests.read("p.yaml", EXAMPLE).getFirst();

        assertThat(policy.name()).isEqualTo("research-defaults");
        assertThat(policy.kind()).isEqualTo(WorkloadKind.TRAINING);
        assertThat(policy.scope()).isEqualTo(new Scope.Department("research"));
        assertThat(policy.defaults()).containsEntry("imagePullPolicy", new PolicyValue.StringValue("IfNotPresent"))
                .containsEntry("compute.gpuDevicesRequest", new PolicyValue.IntegerValue(1))
                .containsEntry("nodePools", new PolicyValue.ArrayValue(List.of("node-pool-a", "node-pool-b")));
        assertThat(policy.defaults().get("environmentVariables")).isEqualTo(new PolicyValue.ItemizedValue(List.of(
                Instance.of("WANDB_BASE_URL", Map.of("value", "https://wandb.example.com")),
                new Instance("DEBUG", Map.of(), true))));
        assertThat(policy.rules().get("compute.cpuCoreRequest")).isEqualTo(new FieldRule.QuantityRule(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new FieldRule.DefaultFrom("compute.cpuCoreLimit", new BigDecimal("0.5")))));
        assertThat(policy.rules().get("environmentVariables"))
                .isEqualTo(new FieldRule.ItemizedRule(Optional.of(true), List.of("WANDB_BASE_URL")));
        assertThat(policy.imposedAssets()).containsExactly("env-pytorch");
    }

    @Test
    void writesCanonicalYamlThatReadsBackEqual() throws ManifestException {
        WorkloadPolicy policy = PolicyManifests.read("p.yaml", EXAMPLE).getFirst();

        String written = PolicyManifests.write(policy);

        assertThat(PolicyManifests.read("again.yaml", written)).containsExactly(policy);
        assertThat(PolicyManifests.write(PolicyManifests.read("again.yaml", written).getFirst())).isEqualTo(written);
        assertThat(written).isEqualTo(EXAMPLE);
    }

    @Test
    void storedObjectsWithServerMetadataAndStatusRead() throws ManifestException {
        String stored = EXAMPLE.replace("  name: research-defaults\n", """
                  name: research-defaults
                  uid: 3f2c
                  resourceVersion: "4711"
                  creationTimestamp: "2026-11-23T10:00:00Z"
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: "{}"
                """) + "status:\n  conditions: []\n";

        assertThat(PolicyManifests.read("stored.yaml", stored)).isEqualTo(PolicyManifests.read("p.yaml", EXAMPLE));
    }

    @Test
    void readsAndWritesSeveralDocumentsFromAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("all.yaml"), EXAMPLE + "---\n" + EXAMPLE.replace(
                "kind: TrainingPolicy", "kind: InteractivePolicy"));

        List<WorkloadPolicy> policies = PolicyManifests.readFile(file);

        assertThat(policies).extracting(WorkloadPolicy::kind)
                .containsExactly(WorkloadKind.TRAINING, WorkloadKind.INTERACTIVE);
        assertThat(PolicyManifests.read("again.yaml", PolicyManifests.writeAll(policies))).isEqualTo(policies);
    }

    @Test
    void aBadDocumentAnywhereInAFileRejectsTheWholeFile() {
        String text = EXAMPLE + "---\n" + EXAMPLE.replace("max: 4", "max: four");

        List<String> lines = text.lines().toList();
        int line = lines.indexOf(lines.stream().filter(l -> l.endsWith("max: four")).findFirst().orElseThrow()) + 1;

        assertThatThrownBy(() -> PolicyManifests.read("mixed.yaml", text))
                .isInstanceOf(ManifestException.class)
                .hasMessage("mixed.yaml:" + line + ":14: spec.rules.compute.gpuDevicesRequest.max: expected an integer"
                        + " but found 'four'");
    }
}
