package io.runplane.policy;

import static io.runplane.policy.TestPolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per merge rule: the policies, the branch, what the effective policy says about a field. */
class MergeTest {

    private static final OrgPath TEAM_A = OrgPath.project("team-a", Optional.of("research"));
    private static final String GPU = "compute.gpuDevicesRequest";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("project default beats cluster default", List.of(
                        policy("global", "cluster", "{defaults: {compute: {gpuDevicesRequest: 1}}}"),
                        policy("team", "project:team-a", "{defaults: {compute: {gpuDevicesRequest: 2}}}")),
                        TEAM_A, GPU, "2 from project team-a (team)"),
                Arguments.of("department default beats cluster default", List.of(
                        policy("global", "cluster", "{defaults: {compute: {gpuDevicesRequest: 1}}}"),
                        policy("dept", "department:research", "{defaults: {compute: {gpuDevicesRequest: 3}}}")),
                        TEAM_A, GPU, "3 from department research (dept)"),
                Arguments.of("project beats department beats cluster", List.of(
                        policy("dept", "department:research", "{defaults: {compute: {gpuDevicesRequest: 3}}}"),
                        policy("team", "project:team-a", "{defaults: {compute: {gpuDevicesRequest: 2}}}"),
                        policy("global", "cluster", "{defaults: {compute: {gpuDevicesRequest: 1}}}")),
                        TEAM_A, GPU, "2 from project team-a (team)"),
                Arguments.of("another department's policy does not apply", List.of(
                        policy("global", "cluster", "{defaults: {compute: {gpuDevicesRequest: 1}}}"),
                        policy("vision", "department:vision", "{defaults: {compute: {gpuDevicesRequest: 3}}}")),
                        TEAM_A, GPU, "1 from cluster (global)"),
                Arguments.of("another project's policy does not apply", List.of(
                        policy("other", "project:team-b", "{defaults: {compute: {gpuDevicesRequest: 7}}}")),
                        TEAM_A, GPU, "free"),
                Arguments.of("another workload type's policy does not apply", List.of(
                        policy("ws", WorkloadKind.INTERACTIVE, "project:team-a", "{defaults: {compute: {gpuDevicesRequest: 7}}}")),
                        TEAM_A, GPU, "free"),
                Arguments.of("the cluster branch sees only cluster policies", List.of(
                        policy("global", "cluster", "{defaults: {compute: {gpuDevicesRequest: 1}}}"),
                        policy("team", "project:team-a", "{defaults: {compute: {gpuDevicesRequest: 2}}}")),
                        OrgPath.cluster(), GPU, "1 from cluster (global)"),
                Arguments.of("rule and default from different scopes", List.of(
                        policy("global", "cluster", "{rules: {compute: {gpuDevicesRequest: {max: 4}}}}"),
                        policy("team", "project:team-a", "{defaults: {compute: {gpuDevicesRequest: 2}}}")),
                        TEAM_A, GPU, "2 from default: project team-a (team); rule: cluster (global) [max: 4]"),
                Arguments.of("a rule owned twice on the branch conflicts", List.of(
                        policy("global", "cluster", "{rules: {compute: {gpuDevicesRequest: {max: 4}}}}"),
                        policy("team", "project:team-a", "{rules: {compute: {gpuDevicesRequest: {max: 2}}}}")),
                        TEAM_A, GPU, "conflict: compute.gpuDevicesRequest: the rule may be owned by only one policy on a "
                                + "branch (cluster (global) and project team-a (team))"),
                Arguments.of("department and project rules on one field conflict", List.of(
                        policy("dept", "department:research", "{rules: {compute: {gpuDevicesRequest: {min: 1}}}}"),
                        policy("team", "project:team-a", "{rules: {compute: {gpuDevicesRequest: {max: 2}}}}")),
                        TEAM_A, GPU, "conflict: compute.gpuDevicesRequest: the rule may be owned by only one policy on a "
                                + "branch (department research (dept) and project team-a (team))"),
                Arguments.of("rules on different branches do not conflict", List.of(
                        policy("vision", "department:vision", "{rules: {compute: {gpuDevicesRequest: {min: 1}}}}"),
                        policy("team", "project:team-a", "{rules: {compute: {gpuDevicesRequest: {max: 2}}}}")),
                        TEAM_A, GPU, "none from project team-a (team) [max: 2]"),
                Arguments.of("two policies at one scope conflict", List.of(
                        policy("one", "project:team-a", "{defaults: {image: a}}"),
                        policy("two", "project:team-a", "{defaults: {workingDir: /w}}")),
                        TEAM_A, GPU, "conflict: *: only one TrainingPolicy may exist per scope "
                                + "(project team-a (one) and project team-a (two))"),
                Arguments.of("itemized defaults merge by key, lower scope replaces and excludes", List.of(
                        policy("global", "cluster",
                                "{defaults: {environmentVariables: {instances: [{name: A, value: '1'}, {name: B, value: '2'}]}}}"),
                        policy("team", "project:team-a",
                                "{defaults: {environmentVariables: {instances: [{name: A, value: '3'}, {name: B, exclude: true}, {name: C, value: '4'}]}}}")),
                        TEAM_A, "environmentVariables", "[A=3, C=4] from project team-a (team)"),
                Arguments.of("excluding a locked instance conflicts", List.of(
                        policy("global", "cluster", "{defaults: {environmentVariables: {instances: [{name: A, value: '1'}]}},"
                                + " rules: {environmentVariables: {instances: {locked: [A]}}}}"),
                        policy("team", "project:team-a", "{defaults: {environmentVariables: {instances: [{name: A, exclude: true}]}}}")),
                        TEAM_A, "environmentVariables", "conflict: environmentVariables[A]: a locked instance cannot be "
                                + "excluded (cluster (global) and project team-a (team))"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mergesAcrossScopes(String title, List<WorkloadPolicy> policies, OrgPath branch, String path, String expected) {
        Resolution resolution = PolicyEngine.resolve(policies, WorkloadKind.TRAINING, branch);

        assertThat(describe(resolution, path)).as(title).isEqualTo(expected);
    }

    private static String describe(Resolution resolution, String path) {
        return switch (resolution) {
            case Resolution.Conflicted c -> "conflict: "
                    + c.conflicts().stream().map(PolicyConflict::toString).collect(Collectors.joining("; "));
            case Resolution.Resolved r -> r.effective().field(path)
                    .map(f -> f.defaultValue().map(PolicyValue::display).orElse("none") + " from " + f.sourceDisplay()
                            + f.rule().map(rule -> " [" + rule.display() + "]").orElse(""))
                    .orElse("free");
        };
    }
}
