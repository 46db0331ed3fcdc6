package io.runplane.scheduler.plugins.nodelevel;

import io.runplane.scheduler.Binding;
import io.runplane.scheduler.ClusterSnapshot;
import io.runplane.scheduler.CycleResult;
import io.runplane.scheduler.GpuReassignment;
import io.runplane.scheduler.JobSpec;
import io.runplane.scheduler.NodePoolSpec;
import io.runplane.scheduler.NodeSpec;
import io.runplane.scheduler.QueueSpec;
import io.runplane.scheduler.Resources;
import io.runplane.scheduler.Scheduler;
import io.runplane.scheduler.TaskSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The node-level scheduler through the facade: spread fractions, re-pack by reassignments, off by default. */
class NodeLevelSchedulerTest {

    private static final List<QueueSpec> QUEUES = List.of(QueueSpec.project("team", "dept", Resources.gpus(4)),
            QueueSpec.department("dept", Resources.gpus(4)));

    private static TaskSpec running(String name, double gpu, int device) {
        return new TaskSpec(name, gpu, 0, 0, 0, Optional.of(new Binding.Placement("n0", List.of(device), gpu)));
    }

    private static JobSpec job(String name, long order, TaskSpec task) {
        return new JobSpec(name, "team", 50, true, 1, List.of(), Map.of(), List.of(), order, List.of(task));
    }

    private static ClusterSnapshot snapshot(int workloadsPerGpu, JobSpec... jobs) {
        NodePoolSpec pool = new NodePoolSpec("default", NodePoolSpec.Placement.BINPACK, NodePoolSpec.Placement.BINPACK,
                workloadsPerGpu);
        return new ClusterSnapshot(List.of(pool), List.of(NodeSpec.of("n0", "default", 4)), QUEUES, List.of(jobs), 0);
    }

    @Test
    void spreadsFractionsOverTheNodesDevicesOnlyWhenOn() {
        JobSpec a = job("a", 0, TaskSpec.pending("t", 0.25));
        JobSpec b = job("b", 1, TaskSpec.pending("t", 0.25));

        assertThat(devices(new Scheduler().cycle(snapshot(3, a, b)))).containsExactly(List.of(0), List.of(1));
        assertThat(devices(new Scheduler().cycle(snapshot(1, a, b)))).containsExactly(List.of(0), List.of(0));
    }

    @Test
    void repacksRunningFractionsByReassignmentForAWholeGpuTask() {
        Scheduler scheduler = new Scheduler();
        CycleResult result = scheduler.cycle(snapshot(2, job("a", 0, running("t", 0.5, 0)),
                job("b", 1, running("t", 0.5, 1)), job("c", 2, running("t", 0.25, 2)), job("d", 3, running("t", 0.25, 3)),
                job("train", 4, TaskSpec.pending("t", 2))));

        assertThat(result.evictions()).isEmpty();
        assertThat(result.reassignments()).containsExactly(
                new GpuReassignment("c", "t", "n0", List.of(2), List.of(0)),
                new GpuReassignment("d", "t", "n0", List.of(3), List.of(1)));
        assertThat(result.bindings()).containsExactly(
                new Binding("train", "t", new Binding.Placement("n0", List.of(2, 3), 1.0)));
    }

    @Test
    void movesNothingWhenTheRepackDoesNotFreeEnoughDevices() {
        CycleResult result = new Scheduler().cycle(snapshot(2, job("a", 0, running("t", 0.75, 0)),
                job("b", 1, running("t", 0.75, 1)), job("c", 2, running("t", 0.75, 2)), job("d", 3, running("t", 0.5, 3)),
                job("train", 4, TaskSpec.pending("t", 1))));

        assertThat(result.reassignments()).isEmpty();
        assertThat(result.bindings()).isEmpty();
        assertThat(result.pending()).singleElement()
                .satisfies(pending -> assertThat(pending.reason()).contains("with fewer than 1 idle GPUs"));
    }

    @Test
    void aReassignedTaskIsStableInTheNextCycle() {
        Scheduler scheduler = new Scheduler();
        CycleResult next = scheduler.cycle(snapshot(2, job("a", 0, running("t", 0.5, 0)), job("c", 2, running("t", 0.25, 0)),
                job("d", 3, running("t", 0.25, 1)), job("b", 1, running("t", 0.5, 1)),
                job("train", 4, new TaskSpec("t", 2, 0, 0, 0, Optional.of(new Binding.Placement("n0", List.of(2, 3), 1.0))))));

        assertThat(next.reassignments()).isEmpty();
        assertThat(next.bindings()).isEmpty();
        assertThat(next.evictions()).isEmpty();
    }

    private static List<List<Integer>> devices(CycleResult result) {
        List<List<Integer>> devices = new ArrayList<>();
        for (Binding binding : result.bindings()) {
            devices.add(binding.placement().gpuIndices());
        }
        return devices;
    }
}
