package io.runplane.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.runplane.policy.Scope;
import io.runplane.policy.WorkloadPolicy;
import org.junit.jupiter.api.Test;

class LegacyPoliciesTest {

    @Test
    void convertsValueAndRulesFormIntoTheNativeFormat() throws ManifestException {
        String legacy = """
                apiVersion: run.ai/v2alpha1
                kind: TrainingPolicy
                metadata:
                  name: training-policy
                  namespace: runai-team-a
                  resourceVersion: "4711"
                spec:
                  gpu:
                    rules: {required: true, min: "1", max: "4"}
                    value: {value: "1"}
                  memory:
                    rules: {max: 20G}
                    value: 4G
                  imagePullPolicy:
                    rules: {canEdit: false, options: [{value: IfNotPresent, displayed: If not present}]}
                    value: IfNotPresent
                  backoffLimit:
                    value: 2
                  environment:
                    rules: {canAdd: false}
                    items:
                      WANDB_BASE_URL:
                        value: https://wandb.example.com
                        rules: {canRemove: false}
                      HF_TOKEN:
                        value: "SECRET:hf,token"
                """;
        String nativeEquivalent = """
                apiVersion: runplane.io/v1alpha1
                kind: TrainingPolicy
                metadata: {name: training-policy, namespace: runplane-team-a}
                spec:
                  defaults:
                    compute: {gpuDevicesRequest: 1, cpuMemoryRequest: 4G}
                    imagePullPolicy: IfNotPresent
                    training: {backoffLimit: 2}
                    environmentVariables:
                      instances:
                        - {name: WANDB_BASE_URL, value: https://wandb.example.com}
                        - {name: HF_TOKEN, secretRef: hf/token}
                  rules:
                    compute:
                      gpuDevicesRequest: {required: true, min: 1, max: 4}
                      cpuMemoryRequest: {max: 20G}
                    imagePullPolicy: {canEdit: false, options: [{value: IfNotPresent, displayed: If not present}]}
                    environmentVariables: {instances: {canAdd: false, locked: [WANDB_BASE_URL]}}
                """;

        WorkloadPolicy converted = PolicyManifests.read("legacy.yaml", legacy).getFirst();

        assertThat(converted).isEqualTo(PolicyManifests.read("native.yaml", nativeEquivalent).getFirst());
        assertThat(converted.scope()).isEqualTo(new Scope.Project("team-a"));
        assertThat(PolicyManifests.read("out.yaml", PolicyManifests.write(converted))).containsExactly(converted);
    }

    @Test
    void aFractionalGpuBecomesAPortionAndRunaiNamespaceTheClusterScope() throws ManifestException {
        WorkloadPolicy converted = PolicyManifests.read("legacy.yaml", """
                apiVersion: run.ai/v1alpha1
                kind: InteractivePolicy
                metadata: {name: global, namespace: runai}
                spec:
                  gpu: {value: "0.5", rules: {max: "0.5"}}
                """).getFirst();

        assertThat(converted.scope()).isEqualTo(Scope.cluster());
        assertThat(converted.defaults()).containsKey("compute.gpuPortionRequest");
        assertThat(converted.rules()).containsKey("compute.gpuPortionRequest");
    }

    @Test
    void anUnsupportedLegacyFieldIsAnErrorNamingItsPath() {
        ManifestException e = catchThrowableOfType(ManifestException.class, () -> PolicyManifests.read("legacy.yaml", """
                apiVersion: run.ai/v2alpha1
                kind: InteractivePolicy
                metadata: {name: global, namespace: runai}
                spec:
                  ports:
                    rules: {canAdd: false}
                """));

        assertThat(e.problem().oneLine())
                .isEqualTo("legacy.yaml:6:5: spec.ports: unknown or unsupported field of a Run:ai policy");
    }
}
