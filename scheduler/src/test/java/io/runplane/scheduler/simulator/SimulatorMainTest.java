package io.runplane.scheduler.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's contract: exit 2 and one line naming file, field and line for bad scenarios. */
class SimulatorMainTest {

    @TempDir
    Path dir;

    private record Outcome(int exit, String out, String err) {
    }

    private Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SimulatorMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path scenario(String yaml) throws IOException {
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void unknownFieldIsRejectedWithItsPathAndLine() throws IOException {
        Path file = scenario("""
                nodes:
                  - {name: node0, gpus: 2}
                queues:
                  - {name: team}
                workloads:
                  - name: w
                    queue: team
                    tasks:
                      - gpu: 1
                        gpuz: 2
                """);
        Outcome outcome = run(file.toString());
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.out()).isEmpty();
        assertThat(outcome.err().strip())
                .isEqualTo(file + ": workloads[0].tasks[0].gpuz (line 10): unknown field")
                .doesNotContain("\n");
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() throws IOException {
        Path file = scenario("""
                rounds: 2
                nodes:
                  - {name: node0, gpus: 2
                queues: []
                """);
        Outcome outcome = run(file.toString());
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).startsWith(file + ": line ").contains("YAML syntax error");
        assertThat(outcome.err().strip()).doesNotContain("\n");
    }

    @Test
    void badValuesNameTheField() throws IOException {
        assertBad("""
                nodes: [{name: node0, gpus: 2}]
                queues: [{name: team}]
                workloads: [{name: w, queue: team, tasks: [{gpu: 1.5}]}]
                """, "workloads[0].tasks[0].gpu (line 3): must be a whole number of devices");
        assertBad("""
                nodes: [{name: node0, gpus: 2}]
                queues: [{name: team}]
                workloads: [{name: w, queue: nobody, tasks: [{gpu: 1}]}]
                """, "workloads[0].queue (line 3): names unknown queue 'nobody'");
        assertBad("""
                nodePools: [{name: a, placement: sideways}]
                """, "nodePools[0].placement (line 1): must be binpack or spread, not 'sideways'");
        assertBad("""
                queues:
                  - {name: d}
                  - {name: p, parent: d}
                workloads: [{name: w, queue: d, tasks: [{gpu: 1}]}]
                """, "workloads[0].queue (line 4): 'd' is a department");
        assertBad("""
                rounds: many
                """, "rounds (line 1): must be a whole number, not 'many'");
        assertBad("""
                nodes: [{name: node0, gpus: 1}]
                queues: [{name: team}]
                workloads: [{name: w, queue: team, minMember: 3, tasks: [{gpu: 1}]}]
                """, "workloads[0].minMember (line 3): is 3 but the workload has only 1 tasks");
        assertBad("""
                nodes: [{name: node0, gpus: 1}]
                queues: [{name: team}]
                workloads:
                  - {name: a, queue: team, tasks: [{gpu: 1, node: node0, gpuIndices: [0]}]}
                  - {name: b, queue: team, tasks: [{gpu: 1, node: node0, gpuIndices: [0]}]}
                """, "workloads[1].tasks[0].gpuIndices (line 5): device 0 of node node0 would be used beyond its whole");
    }

    private void assertBad(String yaml, String expected) throws IOException {
        Path file = scenario(yaml);
        Outcome outcome = run(file.toString());
        assertThat(outcome.exit()).as(yaml).isEqualTo(2);
        assertThat(outcome.err().strip()).startsWith(file + ": ").contains(expected).doesNotContain("\n");
    }

    @Test
    void missingFileIsABadScenario() {
        Outcome outcome = run(dir.resolve("absent.yaml").toString());
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).contains("absent.yaml: cannot read the file");
    }

    @Test
    void benchRejectsUnknownOptions() {
        Outcome outcome = run("bench", "--nodes", "2", "--pods", "4", "--colour", "red");
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err().strip()).isEqualTo("bench: unknown option --colour");
    }

    @Test
    void benchPrintsTimingsForASmallCluster() {
        Outcome outcome = run("bench", "--nodes", "8", "--gpus-per-node", "4", "--pods", "60", "--queues", "4",
                "--seed", "3", "--cycles", "2");
        assertThat(outcome.exit()).isZero();
        assertThat(outcome.out()).contains("\"nodes\" : 8", "\"pods\" : 60", "\"medianCycleMillis\"",
                "\"placementsPerSecond\"", "\"heapUsedMiB\"");
    }

    @Test
    void benchWithNewRecordsEveryCycleDecidesTheSame() {
        String[] options = {"bench", "--nodes", "12", "--gpus-per-node", "4", "--pods", "120", "--queues", "4",
                "--seed", "5", "--cycles", "3"};
        Outcome reused = run(options);
        String[] withNewRecords = Arrays.copyOf(options, options.length + 1);
        withNewRecords[options.length] = "--new-records";
        Outcome rebuilt = run(withNewRecords);
        assertThat(rebuilt.exit()).isZero();
        assertThat(decisions(rebuilt.out())).isEqualTo(decisions(reused.out())).isNotEmpty();
    }

    @Test
    void benchWithNewRecordsOfTheDecidedJobsDecidesTheSame() {
        String[] options = {"bench", "--nodes", "12", "--gpus-per-node", "4", "--pods", "120", "--queues", "4",
                "--seed", "5", "--cycles", "3"};
        Outcome reused = run(options);
        String[] withDecidedRecords = Arrays.copyOf(options, options.length + 1);
        withDecidedRecords[options.length] = "--decided-records";
        Outcome renewed = run(withDecidedRecords);
        assertThat(renewed.exit()).isZero();
        assertThat(decisions(renewed.out())).isEqualTo(decisions(reused.out())).isNotEmpty();
    }

    @Test
    void benchRefusesBothRecordModes() {
        Outcome outcome = run("bench", "--nodes", "2", "--pods", "4", "--new-records", "--decided-records");
        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err().strip()).isEqualTo("bench: --new-records and --decided-records exclude each other");
    }

    private static List<String> decisions(String benchJson) {
        return benchJson.lines().filter(line -> line.contains("\"bindings\"") || line.contains("\"evictions\"")
                || line.contains("\"pending\"")).toList();
    }
}
