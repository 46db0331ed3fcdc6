package io.runplane.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestErrorsTest {

    private static final String HEAD = """
            apiVersion: runplane.io/v1alpha1
            kind: TrainingPolicy
            metadata:
              name: limits
              namespace: runplane-team-a
            spec:
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            syntax error                  | '  rules: {compute: [1, 2'                                  | p.yaml:7:
            unknown top-level spec key    | '  rulez: {}'                                               | p.yaml:7:10: spec.rulez: unknown field (expected one of: defaults, rules, imposedAssets)
            unknown field path            | '  rules: {compute: {gpuDeviceRequest: {max: 4}}}'          | p.yaml:7:39: spec.rules.compute.gpuDeviceRequest: unknown field (did you mean compute.gpuDevicesRequest?)
            unknown rule attribute        | '  rules: {compute: {gpuDevicesRequest: {maximum: 4}}}'     | p.yaml:7:50: spec.rules.compute.gpuDevicesRequest.maximum: unknown field (expected one of: canEdit, required, min, max, step, defaultFrom)
            integer expected              | '  rules: {compute: {gpuDevicesRequest: {max: four}}}'      | p.yaml:7:46: spec.rules.compute.gpuDevicesRequest.max: expected an integer but found 'four'
            quantity expected             | '  defaults: {compute: {cpuMemoryRequest: 20 gigs}}'        | p.yaml:7:42: spec.defaults.compute.cpuMemoryRequest: expected a quantity of bytes (512Mi, 20G) but found '20 gigs'
            min over max                  | '  rules: {compute: {cpuMemoryRequest: {min: 2G, max: 1G}}}'| p.yaml:7:39: spec.rules.compute.cpuMemoryRequest: min 2G is greater than max 1G
            field of another kind         | '  defaults: {inference: {minReplicas: 1}}'                 | p.yaml:7:39: spec.defaults.inference.minReplicas: is not a field of TrainingPolicy
            defaultFrom unknown field     | '  rules: {compute: {cpuCoreRequest: {defaultFrom: {field: compute.cpu}}}}' | p.yaml:7:59: spec.rules.compute.cpuCoreRequest.defaultFrom.field: unknown field compute.cpu
            defaultFrom incompatible      | '  rules: {compute: {cpuCoreRequest: {defaultFrom: {field: compute.cpuMemoryLimit}}}}' | p.yaml:7:59: spec.rules.compute.cpuCoreRequest.defaultFrom.field: compute.cpuMemoryLimit (quantity) cannot provide a default for a quantity field
            int32 overflow                | '  defaults: {training: {completions: 99999999999}}'        | p.yaml:7:38: spec.defaults.training.completions: must be between -2147483648 and 2147483647
            duplicate instance            | '  defaults: {labels: {instances: [{name: a}, {name: a}]}}' | p.yaml:7:46: spec.defaults.labels.instances[1]: duplicate name a
            itemized default not wrapped  | '  defaults: {labels: [{name: a}]}'                        | p.yaml:7:22: spec.defaults.labels: expected a mapping but found a list
            duplicate key                 | '  defaults: {image: a, image: b}'                          | p.yaml:7:24: duplicate key image
            """)
    void reportsWhereAndWhat(String title, String specLine, String expected) {
        ManifestException e = catchThrowableOfType(ManifestException.class,
                () -> PolicyManifests.read("p.yaml", HEAD + specLine + "\n"));

        assertThat(e).as(title).isNotNull();
        assertThat(e.problem().oneLine()).as(title).startsWith(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown apiVersion | 'apiVersion: v1\\nkind: TrainingPolicy'                          | p.yaml:1:13: apiVersion: unsupported apiVersion v1
            unknown kind       | 'apiVersion: runplane.io/v1alpha1\\nkind: GpuPolicy'           | p.yaml:2:7: kind: unknown policy kind GpuPolicy (expected one of: InteractivePolicy, TrainingPolicy, DistributedPolicy, InferencePolicy)
            missing metadata   | 'apiVersion: runplane.io/v1alpha1\\nkind: TrainingPolicy'      | p.yaml:1:1: metadata: is required
            foreign namespace  | 'apiVersion: runplane.io/v1alpha1\\nkind: TrainingPolicy\\nmetadata: {name: a, namespace: default}' | p.yaml:3:32: metadata.namespace: must be runplane-system or a project namespace runplane-<project>
            department in project | 'apiVersion: runplane.io/v1alpha1\\nkind: TrainingPolicy\\nmetadata: {name: a, namespace: runplane-x, labels: {runplane.io/department: d}}' | p.yaml:3:52: metadata.labels.runplane.io/department: a department scope belongs in the runplane-system namespace
            not a mapping      | '- a\\n- b'                                                     | p.yaml:1:1: expected a mapping but found a list
            empty file         | ''                                                              | p.yaml: no policy in the file
            unknown metadata   | 'apiVersion: runplane.io/v1alpha1\nkind: TrainingPolicy\nmetadata: {name: a, namespace: runplane-system, owner: me}' | p.yaml:3:56: metadata.owner: unknown field
            foreign label      | 'apiVersion: runplane.io/v1alpha1\nkind: TrainingPolicy\nmetadata: {name: a, namespace: runplane-system, labels: {team: x}}' | p.yaml:3:64: metadata.labels.team: unknown field (expected one of: runplane.io/department)
            """)
    void reportsDocumentLevelProblems(String title, String text, String expected) {
        ManifestException e = catchThrowableOfType(ManifestException.class,
                () -> PolicyManifests.read("p.yaml", text.replace("\\n", "\n")));

        assertThat(e).as(title).isNotNull();
        assertThat(e.problem().oneLine()).as(title).startsWith(expected);
    }
}
