package io.runplane.policy;

import static io.runplane.policy.TestPolicies.policy;
import static io.runplane.policy.TestPolicies.resolved;
import static io.runplane.policy.TestPolicies.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.EnvVar;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.Test;

class EffectivePolicyTest {

    @Test
    void defaultsFillOnlyWhatTheWorkloadLeavesUnset() {
        EffectivePolicy effective = resolved(policy("p", "project:team-a",
                "{defaults: {image: 'pytorch:24', imagePullPolicy: IfNotPresent, nodePools: [a, b],"
                        + " compute: {gpuDevicesRequest: 1, cpuMemoryRequest: 4G}}}"));
        WorkloadSpec submitted = workload("{image: 'mine:1', compute: {gpuDevicesRequest: 2}}");

        WorkloadSpec applied = effective.applyDefaults(submitted);

        assertThat(applied.getImage()).isEqualTo("mine:1");
        assertThat(applied.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(applied.getNodePoolsList()).containsExactly("a", "b");
        assertThat(applied.getCompute().getGpuDevices()).isEqualTo(2);
        assertThat(applied.getCompute().getMemoryMib()).isEqualTo(3815);
        assertThat(submitted.getImagePullPolicy()).as("the submitted spec is not changed").isEmpty();
    }

    @Test
    void defaultFromComputesFromAnotherFieldAfterPlainDefaults() {
        EffectivePolicy effective = resolved(policy("p", "project:team-a",
                "{defaults: {compute: {cpuCoreLimit: 3}}, rules: {compute: {cpuCoreRequest:"
                        + " {defaultFrom: {field: compute.cpuCoreLimit, factor: 0.5}}},"
                        + " training: {parallelism: {defaultFrom: {field: training.completions, factor: 0.5}}}}}"));

        WorkloadSpec applied = effective.applyDefaults(workload("{training: {completions: 5}}"));
        WorkloadSpec explicit = effective.applyDefaults(workload("{compute: {cpuCoreRequest: 250m}}"));

        assertThat(applied.getCompute().getCpuMillis()).isEqualTo(1500);
        assertThat(applied.getTraining().getParallelism()).as("2.5 rounds half up").isEqualTo(3);
        assertThat(explicit.getCompute().getCpuMillis()).isEqualTo(250);
    }

    @Test
    void itemizedDefaultsAddMissingInstancesAndKeepSubmittedOnes() {
        EffectivePolicy effective = resolved(policy("p", "project:team-a",
                "{defaults: {environmentVariables: {instances: [{name: A, value: '1'}, {name: B, secretRef: s/k}]},"
                        + " labels: {instances: [{name: team, value: a}]}}}"));

        WorkloadSpec applied = effective.applyDefaults(workload("{environmentVariables: [{name: A, value: mine}]}"));

        assertThat(applied.getEnvironmentList()).containsExactly(
                EnvVar.newBuilder().setName("A").setValue("mine").build(),
                EnvVar.newBuilder().setName("B").setSecretRef("s/k").build());
        assertThat(applied.getLabelsMap()).containsEntry("team", "a");
    }

    @Test
    void validationReportsEveryViolationAtOnceInFieldOrder() {
        EffectivePolicy effective = resolved(policy("p", "project:team-a",
                "{defaults: {imagePullPolicy: IfNotPresent}, rules: {imagePullPolicy: {canEdit: false},"
                        + " image: {required: true}, compute: {gpuDevicesRequest: {max: 4}, cpuMemoryRequest: {max: 20G}}}}"));

        Admission admission = effective.admit(workload(
                "{imagePullPolicy: Always, compute: {gpuDevicesRequest: 8, cpuMemoryRequest: 64Gi}}"));

        assertThat(admission.accepted()).isFalse();
        assertThat(admission.violations()).extracting(Violation::toString).containsExactly(
                "image: is required",
                "imagePullPolicy: cannot be changed from the default IfNotPresent",
                "compute.gpuDevicesRequest: must be no greater than 4",
                "compute.cpuMemoryRequest: must be no greater than 20G");
    }

    @Test
    void aWorkloadOfAnotherTypeIsAViolationAndAnUnsetTypeIsFilledIn() {
        EffectivePolicy effective = resolved(policy("p", "project:team-a", "{defaults: {image: x}}"));
        WorkloadSpec inference = WorkloadSpec.newBuilder().setType(WorkloadType.WORKLOAD_TYPE_INFERENCE).build();

        assertThat(effective.validate(inference)).extracting(Violation::toString)
                .containsExactly("type: must be training for a TrainingPolicy");
        assertThat(effective.applyDefaults(WorkloadSpec.getDefaultInstance()).getType())
                .isEqualTo(WorkloadType.WORKLOAD_TYPE_TRAINING);
    }

    @Test
    void effectiveFieldsTellFormsWhatIsLockedAndRequired() {
        EffectivePolicy effective = resolved(
                policy("global", "cluster", "{defaults: {imagePullPolicy: Always}, rules: {imagePullPolicy: {canEdit: false}},"
                        + " imposedAssets: [env-a, env-b]}"),
                policy("team", "project:team-a", "{rules: {image: {required: true}}, imposedAssets: [env-b, env-c]}"));

        assertThat(effective.field("imagePullPolicy").orElseThrow().editable()).isFalse();
        assertThat(effective.field("image").orElseThrow().required()).isTrue();
        assertThat(effective.field("image").orElseThrow().editable()).isTrue();
        assertThat(effective.field("workingDir")).isEmpty();
        assertThat(effective.imposedAssets()).containsExactly("env-a", "env-b", "env-c");
    }

    @Test
    void defaultsThatBreakTheRulesAreReportedBeforeAnyWorkloadArrives() {
        EffectivePolicy effective = resolved(
                policy("global", "cluster", "{rules: {compute: {gpuDevicesRequest: {max: 4}},"
                        + " imagePullPolicy: {options: [{value: Always}]}}}"),
                policy("team", "project:team-a", "{defaults: {imagePullPolicy: Never, compute: {gpuDevicesRequest: 8}}}"));

        assertThat(effective.defaultViolations()).extracting(Violation::toString).containsExactly(
                "defaults.imagePullPolicy: must be one of: Always",
                "defaults.compute.gpuDevicesRequest: must be no greater than 4");
    }
}
