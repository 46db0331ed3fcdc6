package io.runplane.scheduler.simulator;

import io.runplane.scheduler.ForeignPod;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The optional scenario fields for other schedulers' pods, time-based fairness and lent GPU memory. */
class SemanticsFieldsTest {

    private static final String CLUSTER = """
            nodes:
              - name: node0
                gpus: 2
                foreignPods: [{name: kube, gpu: 1, gpuIndices: [0], cpuMillis: 1000}]
            queues: [{name: team}]
            """;

    @Test
    void optionalFieldsAreRead() throws ScenarioException {
        Scenario scenario = ScenarioLoader.parse(CLUSTER + """
                timeBasedFairness: {windowSeconds: 600, usageWeight: 0.5, pastUsage: {team: {gpu: 1}}}
                workloads:
                  - {name: w, queue: team, tasks: [{gpu: 0.5, gpuLimit: 1, gpuInUse: 0.75, node: node0}]}
                """);

        assertThat(scenario.nodes().getFirst().foreignPods())
                .containsExactly(new ForeignPod("kube", List.of(0), 1.0, 1000, 0));
        assertThat(scenario.timeBasedFairness().window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(scenario.timeBasedFairness().usageWeight()).isEqualTo(0.5);
        assertThat(scenario.timeBasedFairness().pastUsage().get("team").gpu()).isEqualTo(1.0);
        assertThat(scenario.workloads().getFirst().tasks().getFirst().gpuInUse()).isEqualTo(0.75);
        assertThat(scenario.workloads().getFirst().tasks().getFirst().bound().orElseThrow().gpuIndices())
                .containsExactly(1);
    }

    @Test
    void withoutTheNewFieldsNothingChanges() throws ScenarioException {
        Scenario scenario = ScenarioLoader.parse("""
                nodes: [{name: node0, gpus: 2}]
                queues: [{name: team}]
                workloads: [{name: w, queue: team, tasks: [{gpu: 0.5, node: node0}]}]
                """);

        assertThat(scenario.nodes().getFirst().foreignPods()).isEmpty();
        assertThat(scenario.timeBasedFairness()).isNull();
        assertThat(scenario.workloads().getFirst().tasks().getFirst().gpuInUse()).isZero();
    }

    @Test
    void badValuesNameTheField() {
        assertBad("""
                nodes: [{name: node0, gpus: 2, foreignPods: [{gpu: 1, gpuIndices: [2]}]}]
                """, "nodes[0].foreignPods[0].gpuIndices (line 1): device 2 does not exist on node node0 (2 GPUs)");
        assertBad("""
                nodes: [{name: node0, gpus: 1, foreignPods: [{gpu: 1}, {gpu: 0.5}]}]
                """, "nodes[0].foreignPods[1].gpu (line 1): node node0 has no room left for this pod");
        assertBad("""
                nodes: [{name: node0, gpus: 1, foreignPods: [{gpu: 1.5}]}]
                """, "nodes[0].foreignPods[0].gpu (line 1): must be a whole number of devices");
        assertBad(CLUSTER + """
                workloads: [{name: w, queue: team, tasks: [{gpu: 1, node: node0, gpuIndices: [0]}]}]
                """, "workloads[0].tasks[0].gpuIndices (line 6): device 0 of node node0 would be used beyond its whole");
        assertBad(CLUSTER + """
                workloads: [{name: w, queue: team, tasks: [{gpu: 0.5, gpuInUse: 0.75, node: node0}]}]
                """, "workloads[0].tasks[0].gpuInUse (line 6): applies to a running task with gpuLimit");
        assertBad(CLUSTER + """
                workloads: [{name: w, queue: team, tasks: [{gpu: 0.5, gpuLimit: 0.6, gpuInUse: 0.75, node: node0}]}]
                """, "workloads[0].tasks[0].gpuInUse (line 6): applies to a running task with gpuLimit and must lie"
                + " between 0 and that limit");
        assertBad(CLUSTER + """
                workloads: [{name: w, queue: team, tasks: [{gpu: 0.5, gpuLimit: 0.6, gpuInUse: 0.5}]}]
                """, "workloads[0].tasks[0].gpuInUse (line 6): applies to a running task");
        assertBad(CLUSTER + """
                timeBasedFairness: {pastUsage: {nobody: {gpu: 1}}}
                """, "timeBasedFairness.pastUsage.nobody (line 6): names unknown queue 'nobody'");
        assertBad(CLUSTER + """
                timeBasedFairness: {usageWeight: -1}
                """, "timeBasedFairness.usageWeight (line 6): must be 0 or more");
        assertBad(CLUSTER + """
                timeBasedFairness: {windowSeconds: 0}
                """, "timeBasedFairness.windowSeconds (line 6): ");
        assertBad(CLUSTER + """
                timeBasedFairness: {window: 60}
                """, "timeBasedFairness.window (line 6): unknown field");
    }

    private static void assertBad(String yaml, String expected) {
        assertThatThrownBy(() -> ScenarioLoader.parse(yaml))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(expected);
    }
}
