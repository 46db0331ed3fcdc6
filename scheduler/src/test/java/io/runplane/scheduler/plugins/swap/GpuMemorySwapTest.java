package io.runplane.scheduler.plugins.swap;

import io.runplane.scheduler.Binding;
import io.runplane.scheduler.ClusterSnapshot;
import io.runplane.scheduler.CycleResult;
import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.JobSpec;
import io.runplane.scheduler.NodeSpec;
import io.runplane.scheduler.QueueSpec;
import io.runplane.scheduler.Resources;
import io.runplane.scheduler.Scheduler;
import io.runplane.scheduler.TaskSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** GPU memory swap through the facade: over-commit by idle fractions, and the evictions when it no longer holds. */
class GpuMemorySwapTest {

    private static final List<QueueSpec> QUEUES = List.of(QueueSpec.project("team", "dept", Resources.gpus(4)),
            QueueSpec.department("dept", Resources.gpus(4)));

    private static NodeSpec node(boolean swapLabel, long swapMiB) {
        return new NodeSpec("n0", "default", 1, 81_920, 64_000, 524_288,
                swapLabel ? Map.of(NodeSpec.SWAP_LABEL, "true") : Map.of(), List.of(), false, List.of(), swapMiB);
    }

    private static TaskSpec running(double gpu, boolean idle) {
        return new TaskSpec("t", gpu, 0, 0, 0, Optional.of(new Binding.Placement("n0", List.of(0), gpu)), 0, 0, idle);
    }

    private static JobSpec job(String name, int priority, long order, TaskSpec task) {
        return new JobSpec(name, "team", priority, true, 1, List.of(), Map.of(), List.of(), order, List.of(task));
    }

    private static CycleResult cycle(NodeSpec node, JobSpec... jobs) {
        return new Scheduler().cycle(new ClusterSnapshot(List.of(), List.of(node), QUEUES, List.of(jobs), 0));
    }

    @Test
    void idleFractionsLetTheDeviceBeOverCommittedOnlyOnASwapNode() {
        JobSpec sleeping = job("sleeping", 50, 0, running(0.75, true));
        JobSpec server = job("server", 50, 1, TaskSpec.pending("t", 0.5));

        assertThat(cycle(node(true, 0), sleeping, server).bindings())
                .containsExactly(new Binding("server", "t", new Binding.Placement("n0", List.of(0), 0.5)));
        assertThat(cycle(node(false, 0), sleeping, server).bindings()).isEmpty();
        assertThat(cycle(node(true, 8_192), sleeping, server).bindings()).as("0.25 of a device exceeds 8192 MiB of swap")
                .isEmpty();
    }

    @Test
    void aWokenFractionWithoutRoomEvictsTheLowestPriorityActiveSharer() {
        CycleResult result = cycle(node(true, 0), job("woken", 50, 0, running(0.5, false)),
                job("low", 10, 1, running(0.5, false)), job("high", 90, 2, running(0.25, false)),
                job("sleeping", 5, 3, running(0.25, true)));

        assertThat(result.evictions()).singleElement().satisfies(eviction -> {
            assertThat(eviction.job()).isEqualTo("low");
            assertThat(eviction.kind()).isEqualTo(Eviction.Kind.RECLAIMED);
            assertThat(eviction.reason()).isEqualTo("GPU memory swap: the active workloads on device 0 of node n0"
                    + " need more than the device's memory, and only idle workloads may be swapped out");
        });
    }

    @Test
    void swappedMemoryBeyondTheSwapCapacityEvictsIdleSharers() {
        CycleResult result = cycle(node(true, 16_384), job("active", 50, 0, running(0.75, false)),
                job("idle-high", 40, 1, running(0.25, true)), job("idle-low", 20, 2, running(0.25, true)));

        assertThat(result.evictions()).singleElement().satisfies(eviction -> {
            assertThat(eviction.job()).isEqualTo("idle-low");
            assertThat(eviction.reason()).isEqualTo("GPU memory swap: the memory swapped out on node n0 exceeds its"
                    + " swap capacity of 16384 MiB");
        });
    }
}
