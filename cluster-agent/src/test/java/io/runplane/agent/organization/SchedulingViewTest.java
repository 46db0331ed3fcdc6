package io.runplane.agent.organization;

import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.cluster.ClusterFiles;
import io.runplane.scheduler.NodePoolSpec;
import io.runplane.scheduler.NodeSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SchedulingViewTest {

    private static final String CLUSTER = """
            nodePools: [{name: shared, workloadsPerGpu: 3}]
            nodes:
              - {name: swapper, nodePool: shared, gpus: 2, gpuMemoryMiB: 81920, cpuMillis: 8000, memoryMiB: 65536,
                 labels: {run.ai/swap-enabled: "true"}, swapMiB: 16384}
              - {name: plain, nodePool: shared, gpus: 2, gpuMemoryMiB: 81920, cpuMillis: 8000, memoryMiB: 65536}
            """;

    @Test
    void theClusterFilesWorkloadsPerGpuSwapLabelAndSwapCapacityReachTheScheduler() {
        ClusterFile file = ClusterFiles.parse(CLUSTER);
        var inputs = SchedulingView.of(ClusterFileSeed.of(file), file.nodes());

        assertThat(inputs.pools()).filteredOn(p -> p.name().equals("shared")).singleElement()
                .extracting(NodePoolSpec::workloadsPerGpu).isEqualTo(3);
        assertThat(inputs.nodes()).extracting(NodeSpec::name, NodeSpec::swapEnabled, NodeSpec::swapMiB)
                .containsExactly(tuple("swapper", true, 16384L),
                        tuple("plain", false, 0L));
    }

    @Test
    void aNegativeSwapCapacityIsRefusedNamingTheNode() {
        assertThatThrownBy(() -> ClusterFiles.parse(CLUSTER.replace("swapMiB: 16384", "swapMiB: -1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodes.swapper.swapMiB: must be >= 0");
    }
}
