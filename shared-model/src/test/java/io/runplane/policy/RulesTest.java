package io.runplane.policy;

import static io.runplane.policy.TestPolicies.policy;
import static io.runplane.policy.TestPolicies.resolved;
import static io.runplane.policy.TestPolicies.workload;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per rule attribute and value type: a policy, a submitted workload, the violations. */
class RulesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            boolean canEdit=false keeps default     | {compute: {largeShmRequest: {canEdit: false}}}  | {compute: {largeShmRequest: true}} | {}                                   | -
            boolean canEdit=false no default        | {security: {allowPrivilegeEscalation: {canEdit: false}}} | {}                         | {security: {allowPrivilegeEscalation: true}} | security.allowPrivilegeEscalation: cannot be set (the policy does not allow editing it)
            boolean required missing                | {preemptible: {required: true}}                 | {}                                 | {}                                   | preemptible: is required
            boolean required explicit false         | {preemptible: {required: true}}                 | {}                                 | {preemptible: false}                 | -
            string option not allowed               | {imagePullPolicy: {options: [{value: IfNotPresent}, {value: Always, displayed: Always pull}]}} | {} | {imagePullPolicy: Never} | 'imagePullPolicy: must be one of: IfNotPresent, Always'
            string option allowed                   | {imagePullPolicy: {options: [{value: IfNotPresent}, {value: Always}]}} | {}          | {imagePullPolicy: Always}            | -
            string required missing                 | {image: {required: true}}                       | {}                                 | {}                                   | image: is required
            string required met by default          | {image: {required: true}}                       | {image: pytorch:24}                | {}                                   | -
            string canEdit=false differs            | {imagePullPolicy: {canEdit: false}}             | {imagePullPolicy: IfNotPresent}    | {imagePullPolicy: Always}            | imagePullPolicy: cannot be changed from the default IfNotPresent
            string canEdit=false same as default    | {imagePullPolicy: {canEdit: false}}             | {imagePullPolicy: IfNotPresent}    | {imagePullPolicy: IfNotPresent}      | -
            string canEdit=false unset              | {imagePullPolicy: {canEdit: false}}             | {imagePullPolicy: IfNotPresent}    | {}                                   | -
            integer max                             | {compute: {gpuDevicesRequest: {max: 4}}}        | {}                                 | {compute: {gpuDevicesRequest: 5}}    | compute.gpuDevicesRequest: must be no greater than 4
            integer min                             | {compute: {gpuDevicesRequest: {min: 2}}}        | {}                                 | {compute: {gpuDevicesRequest: 1}}    | compute.gpuDevicesRequest: must be no less than 2
            integer step from zero                  | {compute: {gpuDevicesRequest: {step: 2}}}       | {}                                 | {compute: {gpuDevicesRequest: 3}}    | compute.gpuDevicesRequest: must be a multiple of 2
            integer step from min                   | {training: {completions: {min: 1, step: 2}}}    | {}                                 | {training: {completions: 4}}         | training.completions: must be 1 plus a multiple of 2
            integer within range and step           | {compute: {gpuDevicesRequest: {min: 1, max: 4, step: 1}}} | {}                       | {compute: {gpuDevicesRequest: 4}}    | -
            integer every violation at once         | {compute: {gpuDevicesRequest: {min: 2, max: 8, step: 4}}} | {}                       | {compute: {gpuDevicesRequest: 1}}    | compute.gpuDevicesRequest: must be no less than 2;compute.gpuDevicesRequest: must be 2 plus a multiple of 4
            integer canEdit=false differs           | {training: {backoffLimit: {canEdit: false}}}    | {training: {backoffLimit: 3}}      | {training: {backoffLimit: 0}}        | training.backoffLimit: cannot be changed from the default 3
            number max                              | {compute: {gpuPortionRequest: {max: 0.5}}}      | {}                                 | {compute: {gpuPortionRequest: 0.75}} | compute.gpuPortionRequest: must be no greater than 0.5
            number min                              | {compute: {gpuPortionRequest: {min: 0.1}}}      | {}                                 | {compute: {gpuPortionRequest: 0.05}} | compute.gpuPortionRequest: must be no less than 0.1
            number equal to max                     | {compute: {gpuPortionRequest: {max: 0.5}}}      | {}                                 | {compute: {gpuPortionRequest: 0.50}} | -
            quantity bytes max                      | {compute: {cpuMemoryRequest: {max: 20G}}}       | {}                                 | {compute: {cpuMemoryRequest: 21G}}   | compute.cpuMemoryRequest: must be no greater than 20G
            quantity bytes at max after rounding    | {compute: {cpuMemoryRequest: {max: 20G}}}       | {}                                 | {compute: {cpuMemoryRequest: 20G}}   | -
            quantity bytes min binary vs decimal    | {compute: {cpuMemoryRequest: {min: 1G}}}        | {}                                 | {compute: {cpuMemoryRequest: 512Mi}} | compute.cpuMemoryRequest: must be no less than 1G
            quantity cores max in millicores        | {compute: {cpuCoreRequest: {max: 2}}}           | {}                                 | {compute: {cpuCoreRequest: 2500m}}   | compute.cpuCoreRequest: must be no greater than 2
            quantity cores required                 | {compute: {cpuCoreRequest: {required: true}}}   | {}                                 | {}                                   | compute.cpuCoreRequest: is required
            quantity canEdit=false same amount      | {compute: {cpuMemoryLimit: {canEdit: false}}}   | {compute: {cpuMemoryLimit: 1Gi}}   | {compute: {cpuMemoryLimit: 1024Mi}}  | -
            array canEdit=false differs             | {nodePools: {canEdit: false}}                   | {nodePools: [a, b]}                | {nodePools: [c]}                     | 'nodePools: cannot be changed from the default [a, b]'
            array required                          | {nodePools: {required: true}}                   | {}                                 | {}                                   | nodePools: is required
            itemized canAdd=false                   | {environmentVariables: {instances: {canAdd: false}}} | {environmentVariables: {instances: [{name: A, value: '1'}]}} | {environmentVariables: [{name: B, value: '2'}]} | environmentVariables[B]: cannot be added (the policy allows only its own instances)
            itemized canAdd=false default only      | {environmentVariables: {instances: {canAdd: false}}} | {environmentVariables: {instances: [{name: A, value: '1'}]}} | {} | -
            itemized locked changed                 | {environmentVariables: {instances: {locked: [A]}}} | {environmentVariables: {instances: [{name: A, value: '1'}]}} | {environmentVariables: [{name: A, value: '2'}]} | environmentVariables[A]: is locked to A=1
            itemized locked kept by defaults        | {environmentVariables: {instances: {locked: [A]}}} | {environmentVariables: {instances: [{name: A, value: '1'}]}} | {environmentVariables: [{name: B, value: '2'}]} | -
            itemized locked without default         | {labels: {instances: {locked: [team]}}}         | {}                                 | {labels: [{name: team, value: x}]}   | labels[team]: is locked and cannot be set
            """)
    void checksEveryRuleKind(String title, String rules, String defaults, String submitted, String expected) {
        EffectivePolicy effective = resolved(policy("p", "project:team-a",
                "{defaults: " + defaults + ", rules: " + rules + "}"));

        List<String> violations = effective.admit(workload(submitted)).violations().stream()
                .map(Violation::toString).toList();

        List<String> want = expected == null ? List.of() : Arrays.asList(expected.split(";"));
        assertThat(violations).as(title).containsExactlyElementsOf(want);
    }
}
