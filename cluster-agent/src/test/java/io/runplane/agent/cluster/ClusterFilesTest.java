package io.runplane.agent.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterFilesTest {

    @Test
    void theDefaultClusterHasFourEightGpuNodesInTwoPoolsAndThreeProjects() {
        ClusterFile cluster = ClusterFiles.parse(ClusterFiles.defaultText());
        assertThat(cluster.nodes()).hasSize(4).allSatisfy(n -> {
            assertThat(n.gpus()).isEqualTo(8);
            assertThat(n.labels()).containsKey("run.ai/type");
        });
        assertThat(cluster.nodePools()).hasSize(2);
        assertThat(cluster.departments()).hasSize(2);
        assertThat(cluster.projects()).hasSize(3).allSatisfy(p -> assertThat(p.quotas()).isNotEmpty());
        assertThat(cluster.workloads()).anySatisfy(w -> assertThat(w.finished()).isPresent())
                .anySatisfy(w -> assertThat(w.finished()).isEmpty());
    }

    @Test
    void brokenReferencesAreReportedTogether() {
        String yaml = """
                nodePools: [{name: a}]
                nodes:
                  - {name: n1, nodePool: b, gpus: 8, cpuMillis: 1000, memoryMiB: 1000}
                departments: [{name: d}]
                projects:
                  - {name: p, department: nope, nodePools: [c]}
                  - {name: d, department: d}
                """;
        assertThatThrownBy(() -> ClusterFiles.parse(yaml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nodes.n1.nodePool: unknown node pool b")
                .hasMessageContaining("projects.p.department: unknown department nope")
                .hasMessageContaining("projects.p.nodePools: unknown node pool c")
                .hasMessageContaining("a name used by another project or department: d");
    }

    @Test
    void workloadsPerGpuIsOneWhenAbsentAndAtMostFive() {
        assertThat(ClusterFiles.parse("nodePools: [{name: a}, {name: b, workloadsPerGpu: 3}]\n").nodePools())
                .extracting(ClusterFile.NodePoolDef::workloadsPerGpu).containsExactly(1, 3);
        assertThatThrownBy(() -> ClusterFiles.parse("nodePools: [{name: a, workloadsPerGpu: 6}]\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodePools.a.workloadsPerGpu: must be 1 to 5");
    }

    @Test
    void unknownFieldsAreErrorsNotSilentlyIgnored() {
        assertThatThrownBy(() -> ClusterFiles.parse("nodePools: [{name: a}]\ngpuz: 3\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gpuz");
    }
}
