package io.runplane.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;
import io.runplane.policy.WorkloadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkloadManifestsTest {

    static final String TRAINING = """
            apiVersion: runplane.io/v1alpha1
            kind: TrainingWorkload
            metadata:
              name: resnet-50
              namespace: runplane-team-a
            spec:
              image: pytorch/pytorch:2.4
              imagePullPolicy: IfNotPresent
              command:
                - python
              args:
                - train.py
                - --epochs=10
              environmentVariables:
                - name: WANDB_BASE_URL
                  value: https://wandb.example.com
                - name: HF_TOKEN
                  secretRef: hf/token
              nodePools:
                - a100
              labels:
                - name: team
                  value: vision
              compute:
                gpuDevicesRequest: 2
                cpuCoreRequest: 1.5
                cpuMemoryRequest: 32Gi
                largeShmRequest: true
              security:
                runAsUid: 1000
              training:
                backoffLimit: 2
                completions: 4
            """;

    @Test
    void readsAWorkloadIntoASpec() throws ManifestException {
        WorkloadManifest manifest = WorkloadManifests.read("w.yaml", TRAINING);
        WorkloadSpec spec = manifest.spec();

        assertThat(manifest.kind()).isEqualTo(WorkloadKind.TRAINING);
        assertThat(manifest.project()).isEqualTo("team-a");
        assertThat(manifest.name()).isEqualTo("resnet-50");
        assertThat(spec.getType()).isEqualTo(WorkloadType.WORKLOAD_TYPE_TRAINING);
        assertThat(spec.getArgsList()).containsExactly("train.py", "--epochs=10");
        assertThat(spec.getEnvironment(1).getSecretRef()).isEqualTo("hf/token");
        assertThat(spec.getCompute().getCpuMillis()).isEqualTo(1500);
        assertThat(spec.getCompute().getMemoryMib()).isEqualTo(32 * 1024);
        assertThat(spec.getSecurity().getRunAsUid()).isEqualTo(1000);
        assertThat(spec.getTraining().getBackoffLimit()).isEqualTo(2);
    }

    @Test
    void writesTheSameCanonicalText() throws ManifestException {
        WorkloadManifest manifest = WorkloadManifests.read("w.yaml", TRAINING);

        String written = WorkloadManifests.write(manifest.kind(), manifest.spec());

        assertThat(written).isEqualTo(TRAINING);
        assertThat(WorkloadManifests.read("again.yaml", written)).isEqualTo(manifest);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown spec field    | 'spec: {gpus: 1}'                               | w.yaml:4:14: spec.gpus: unknown field
            field of another type | 'spec: {inference: {minReplicas: 1}}'           | w.yaml:4:33: spec.inference.minReplicas: is not a field of TrainingWorkload
            wrong value type      | 'spec: {compute: {gpuDevicesRequest: two}}'     | w.yaml:4:37: spec.compute.gpuDevicesRequest: expected an integer but found 'two'
            unknown top-level key | 'spec: {image: x}\\nextra: 1'                   | w.yaml:5:8: extra: unknown field (expected one of: apiVersion, kind, metadata, spec)
            """)
    void reportsProblemsWithTheirPath(String title, String tail, String expected) {
        String text = "apiVersion: runplane.io/v1alpha1\nkind: TrainingWorkload\nmetadata: {name: w, namespace: runplane-a}\n"
                + tail.replace("\\n", "\n") + "\n";

        ManifestException e = catchThrowableOfType(ManifestException.class, () -> WorkloadManifests.read("w.yaml", text));

        assertThat(e).as(title).isNotNull();
        assertThat(e.problem().oneLine()).as(title).isEqualTo(expected);
    }
}
