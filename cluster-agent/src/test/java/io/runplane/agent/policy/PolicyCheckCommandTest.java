package io.runplane.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCheckCommandTest {

    private static final String CLUSTER = """
            apiVersion: runplane.io/v1alpha1
            kind: TrainingPolicy
            metadata:
              name: global
              namespace: runplane-system
            spec:
              defaults:
                imagePullPolicy: IfNotPresent
                compute:
                  gpuDevicesRequest: 1
              rules:
                imagePullPolicy:
                  canEdit: false
                compute:
                  gpuDevicesRequest:
                    max: 4
            """;

    private static final String PROJECT = """
            apiVersion: runplane.io/v1alpha1
            kind: TrainingPolicy
            metadata:
              name: team-a
              namespace: runplane-team-a
            spec:
              defaults:
                compute:
                  gpuDevicesRequest: 2
                  cpuMemoryRequest: 8G
              rules:
                compute:
                  cpuMemoryRequest:
                    max: 20G
              imposedAssets:
                - env-pytorch
            """;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path cluster;
    private Path project;

    @BeforeEach
    void writePolicies() throws IOException {
        cluster = write("cluster.yaml", CLUSTER);
        project = write("team-a.yaml", PROJECT);
    }

    @Test
    void printsTheEffectivePolicyAsATableWithSources() {
        int status = run(cluster.toString(), project.toString(), "--project", "team-a", "--department", "research");

        assertThat(status).isZero();
        assertThat(out()).isEqualTo("""
                Effective TrainingPolicy for project team-a (department research)
                Parameter                  Type      Default       Rule            Source
                imagePullPolicy            string    IfNotPresent  canEdit: false  cluster (global)
                compute.gpuDevicesRequest  integer   2             max: 4          default: project team-a (team-a); rule: cluster (global)
                compute.cpuMemoryRequest   quantity  8G            max: 20G        project team-a (team-a)
                Imposed assets: env-pytorch
                """);
        assertThat(err()).isEmpty();
    }

    @Test
    void withoutAProjectPrintsTheClusterPolicy() {
        int status = run("policy", "check", cluster.toString(), project.toString());

        assertThat(status).isZero();
        assertThat(out()).startsWith("Effective TrainingPolicy for cluster\n")
                .contains("compute.gpuDevicesRequest  integer  1").doesNotContain("cpuMemoryRequest");
    }

    @Test
    void aWorkloadThatSatisfiesThePolicyIsOk() throws IOException {
        Path workload = write("w.yaml", workload("compute: {gpuDevicesRequest: 3}"));

        int status = run(cluster.toString(), project.toString(), "--workload", workload.toString());

        assertThat(status).isZero();
        assertThat(out()).isEqualTo("workload train-1 (TrainingWorkload, project team-a): ok\n");
    }

    @Test
    void aWorkloadsViolationsAreListedAllAtOnce() throws IOException {
        Path workload = write("w.yaml", workload(
                "imagePullPolicy: Always\n  compute: {gpuDevicesRequest: 8, cpuMemoryRequest: 32Gi}"));

        int status = run(cluster.toString(), project.toString(), "--workload", workload.toString());

        assertThat(status).isEqualTo(1);
        assertThat(out()).isEqualTo("""
                workload train-1 (TrainingWorkload, project team-a): 3 violations
                  imagePullPolicy: cannot be changed from the default IfNotPresent
                  compute.gpuDevicesRequest: must be no greater than 4
                  compute.cpuMemoryRequest: must be no greater than 20G
                """);
    }

    @Test
    void conflictingRulesNameBothPolicies() throws IOException {
        Path other = write("other.yaml", PROJECT.replace("cpuMemoryRequest:\n        max: 20G",
                "gpuDevicesRequest:\n        max: 2"));
        assertThat(Files.readString(other)).as("the project policy now has a GPU rule too").contains("max: 2");

        int status = run(cluster.toString(), other.toString(), "--project", "team-a");

        assertThat(status).isEqualTo(1);
        assertThat(out()).isEqualTo("""
                TrainingPolicy: 1 conflict
                  compute.gpuDevicesRequest: the rule may be owned by only one policy on a branch (cluster (global) and project team-a (team-a))
                """);
    }

    @Test
    void aDefaultThatBreaksTheRulesFailsTheCheck() throws IOException {
        Path greedy = write("greedy.yaml", PROJECT.replace("gpuDevicesRequest: 2", "gpuDevicesRequest: 8"));

        int status = run(cluster.toString(), greedy.toString(), "--project", "team-a");

        assertThat(status).isEqualTo(1);
        assertThat(out()).endsWith("""
                1 default breaks the policy's own rules:
                  defaults.compute.gpuDevicesRequest: must be no greater than 4
                """);
    }

    @Test
    void aSyntaxErrorIsOneLineWithFileLineAndColumn() throws IOException {
        Path broken = write("broken.yaml", CLUSTER.replace("max: 4", "max: [4"));

        int status = run(cluster.toString(), broken.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err()).startsWith("policy check: " + broken + ":").endsWith("\n");
        assertThat(err().lines()).hasSize(1);
        assertThat(err()).contains("syntax error");
        assertThat(out()).isEmpty();
    }

    @Test
    void anUnknownFieldNamesTheFieldAndLine() throws IOException {
        Path bad = write("bad.yaml", CLUSTER.replace("gpuDevicesRequest:\n        max: 4", "gpuDevices:\n        max: 4"));

        int status = run(bad.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err()).isEqualTo("policy check: " + bad + ":16:9: spec.rules.compute.gpuDevices: unknown field\n");
    }

    @Test
    void aBadWorkloadFileIsReportedLikeAPolicyFile() throws IOException {
        Path workload = write("w.yaml", workload("compute: {gpus: 1}"));

        int status = run(cluster.toString(), "--workload", workload.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err()).isEqualTo("policy check: " + workload + ":7:19: spec.compute.gpus: unknown field\n");
    }

    @Test
    void aMissingFileIsABadFile() {
        Path missing = dir.resolve("missing.yaml");

        int status = run(missing.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err()).startsWith("policy check: " + missing + ": cannot read the file");
    }

    @Test
    void badUsagePrintsTheUsage() {
        assertThat(run("--project")).isEqualTo(2);
        assertThat(err()).isEqualTo("policy check: --project needs a value\n" + PolicyCheckCommand.USAGE + "\n");
    }

    @Test
    void noPolicyFileIsBadUsageAndHelpIsNot() {
        assertThat(run("--project", "a")).isEqualTo(2);
        assertThat(err()).startsWith("policy check: no policy file given\n");
        assertThat(run("--help")).isZero();
        assertThat(out()).isEqualTo(PolicyCheckCommand.USAGE + "\n");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return PolicyCheckCommand.run(new ArrayList<>(List.of(args)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String workload(String spec) {
        return """
                apiVersion: runplane.io/v1alpha1
                kind: TrainingWorkload
                metadata:
                  name: train-1
                  namespace: runplane-team-a
                spec:
                  %s
                """.formatted(spec);
    }
}
