package io.runplane.scheduler.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The optional scenario fields for the node-level scheduler and GPU memory swap. */
class NodeLevelAndSwapFieldsTest {

    private static final String CLUSTER = """
            nodePools: [{name: shared, workloadsPerGpu: 3}]
            nodes:
              - {name: node0, pool: shared, gpus: 1, labels: {run.ai/swap-enabled: "true"}, swapMiB: 4096}
            queues: [{name: team}]
            """;

    @Test
    void optionalFieldsAreRead() throws ScenarioException {
        Scenario scenario = ScenarioLoader.parse(CLUSTER + """
                workloads:
                  - {name: w, queue: team, tasks: [{gpu: 0.75, idle: true, node: node0}, {gpu: 0.5, node: node0, gpuIndices: [0]}]}
                """);

        assertThat(scenario.pools().getFirst().workloadsPerGpu()).isEqualTo(3);
        assertThat(scenario.nodes().getFirst().swapEnabled()).isTrue();
        assertThat(scenario.nodes().getFirst().swapMiB()).isEqualTo(4096);
        assertThat(scenario.workloads().getFirst().tasks().getFirst().idle()).isTrue();
        assertThat(scenario.workloads().getFirst().tasks().get(1).idle()).isFalse();
    }

    @Test
    void withoutTheFieldsBothAreOff() throws ScenarioException {
        Scenario scenario = ScenarioLoader.parse("""
                nodePools: [{name: shared}]
                nodes: [{name: node0, pool: shared, gpus: 1}]
                queues: [{name: team}]
                """);

        assertThat(scenario.pools().getFirst().workloadsPerGpu()).isEqualTo(1);
        assertThat(scenario.nodes().getFirst().swapEnabled()).isFalse();
        assertThat(scenario.nodes().getFirst().swapMiB()).isZero();
    }

    @Test
    void badValuesNameTheField() {
        assertBad("""
                nodePools: [{name: shared, workloadsPerGpu: 6}]
                """, "nodePools[0].workloadsPerGpu (line 1): must be from 1 (off) to 5, not 6");
        assertBad("""
                nodePools: [{name: shared, workloadsPerGpu: 0}]
                """, "nodePools[0].workloadsPerGpu (line 1): must be at least 1");
        assertBad("""
                nodes: [{name: node0, gpus: 1, swapMiB: 1024}]
                """, "nodes[0].swapMiB (line 1): applies to a node labelled run.ai/swap-enabled: \"true\"");
        assertBad(CLUSTER + """
                workloads: [{name: w, queue: team, tasks: [{gpu: 0.5, idle: true}]}]
                """, "workloads[0].tasks[0].idle (line 5): applies to a running GPU fraction (with node)");
        assertBad(CLUSTER + """
                workloads: [{name: w, queue: team, tasks: [{gpu: 1, idle: true, node: node0}]}]
                """, "workloads[0].tasks[0].idle (line 5): applies to a running GPU fraction");
        assertBad(CLUSTER + """
                workloads: [{name: w, queue: team, tasks: [{gpu: 0.5, idle: sometimes, node: node0}]}]
                """, "workloads[0].tasks[0].idle (line 5): must be true or false");
        assertBad("""
                nodes: [{name: node0, gpus: 1}]
                queues: [{name: team}]
                workloads: [{name: w, queue: team, tasks: [{gpu: 0.75, node: node0}, {gpu: 0.5, node: node0, gpuIndices: [0]}]}]
                """, "workloads[0].tasks[1].gpuIndices (line 3): device 0 of node node0 would be used beyond its whole");
        assertBad(CLUSTER + """
                workloads: [{name: w, queue: team, tasks: [{gpu: 1, node: node0}, {gpu: 0.5, node: node0, gpuIndices: [0]}]}]
                """, "workloads[0].tasks[1].gpuIndices (line 5): device 0 of node node0 would be used beyond its whole");
    }

    private static void assertBad(String yaml, String expected) {
        assertThatThrownBy(() -> ScenarioLoader.parse(yaml))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(expected);
    }
}
