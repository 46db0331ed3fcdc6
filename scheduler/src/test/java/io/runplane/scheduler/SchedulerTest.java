package io.runplane.scheduler;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The facade as the agent uses it: records in, decisions and reasons out, one instance across cycles. */
class SchedulerTest {

    private static TaskSpec running(String name, double gpu, String node, int... devices) {
        List<Integer> indices = new ArrayList<>();
        for (int device : devices) {
            indices.add(device);
        }
        return new TaskSpec(name, gpu, 0, 0, 0, Optional.of(new Binding.Placement(node, indices, Math.min(gpu, 1))));
    }

    private static JobSpec job(String name, String queue, int priority, int minMember, long order, TaskSpec... tasks) {
        return new JobSpec(name, queue, priority, priority < 100, minMember, List.of(), Map.of(), List.of(), order,
                List.of(tasks));
    }

    private static ClusterSnapshot snapshot(List<NodeSpec> nodes, List<QueueSpec> queues, long now, JobSpec... jobs) {
        return new ClusterSnapshot(List.of(), nodes, queues, List.of(jobs), now);
    }

    @Test
    void bindsPendingTaskWithDevices() {
        CycleResult result = new Scheduler().cycle(snapshot(List.of(NodeSpec.of("n0", "default", 4)),
                List.of(QueueSpec.project("team", "dept", Resources.gpus(2)), QueueSpec.department("dept", Resources.gpus(2))),
                0, job("w", "team", 50, 1, 0, TaskSpec.pending("t", 2))));
        assertThat(result.bindings()).containsExactly(
                new Binding("w", "t", new Binding.Placement("n0", List.of(0, 1), 1.0)));
        assertThat(result.pending()).isEmpty();
        assertThat(result.queues()).extracting(QueueStatus::name).containsExactly("team", "dept");
        QueueStatus team = result.queues().getFirst();
        assertThat(team.parent()).contains("dept");
        assertThat(team.allocated().gpu()).isEqualTo(2.0);
        assertThat(team.fairShare().gpu()).isEqualTo(2.0);
    }

    @Test
    void reclaimAndPreemptGiveEventWorthyReasons() {
        List<NodeSpec> nodes = List.of(NodeSpec.of("n0", "default", 2));
        List<QueueSpec> queues = List.of(QueueSpec.department("dept", Resources.NONE),
                QueueSpec.project("greedy", "dept", Resources.gpus(0)), QueueSpec.project("starved", "dept", Resources.gpus(1)));
        CycleResult reclaim = new Scheduler().cycle(snapshot(nodes, queues, 0,
                job("hog", "greedy", 50, 1, 0, running("a", 1, "n0", 0)),
                job("hog2", "greedy", 50, 1, 1, running("a", 1, "n0", 1)),
                job("claim", "starved", 50, 1, 2, TaskSpec.pending("a", 1))));
        assertThat(reclaim.evictions()).containsExactly(new Eviction("hog2", "a", Eviction.Kind.RECLAIMED,
                "reclaimed by project starved (workload claim) to restore its fair share"));
        assertThat(reclaim.bindings()).extracting(Binding::job).containsExactly("claim");

        CycleResult preempt = new Scheduler().cycle(snapshot(nodes, queues, 0,
                job("low", "greedy", 50, 1, 0, running("a", 1, "n0", 0)),
                job("low2", "greedy", 75, 1, 1, running("a", 1, "n0", 1)),
                job("high", "greedy", 100, 1, 2, TaskSpec.pending("a", 1))));
        assertThat(preempt.evictions()).isEmpty();
        assertThat(preempt.pending()).singleElement().extracting(PendingTask::reason).asString()
                .contains("non-preemptible workload needs 1 GPU within quota");

        CycleResult preemptible = new Scheduler().cycle(snapshot(nodes, queues, 0,
                job("low", "greedy", 50, 1, 0, running("a", 1, "n0", 0)),
                job("low2", "greedy", 60, 1, 1, running("a", 1, "n0", 1)),
                new JobSpec("high", "greedy", 90, true, 1, List.of(), Map.of(), List.of(), 2,
                        List.of(TaskSpec.pending("a", 1)))));
        assertThat(preemptible.evictions()).containsExactly(new Eviction("low", "a", Eviction.Kind.PREEMPTED,
                "preempted by higher-priority workload high (priority 90)"));
    }

    @Test
    void staleGangIsEvictedAfterTheGracePeriodOfTheSameInstance() {
        Scheduler scheduler = new Scheduler(Duration.ofSeconds(60));
        List<NodeSpec> nodes = List.of(NodeSpec.of("n0", "default", 1));
        List<QueueSpec> queues = List.of(QueueSpec.department("team", Resources.gpus(1)));
        JobSpec gang = job("gang", "team", 50, 2, 0, running("a", 1, "n0", 0), TaskSpec.pending("b", 1));

        CycleResult first = scheduler.cycle(snapshot(nodes, queues, 0, gang));
        assertThat(first.evictions()).isEmpty();
        assertThat(first.pending()).singleElement().extracting(PendingTask::reason).asString()
                .startsWith("gang has 1 of its 2 required pods running;");
        assertThat(scheduler.cycle(snapshot(nodes, queues, 59_000, gang)).evictions()).isEmpty();

        CycleResult late = scheduler.cycle(snapshot(nodes, queues, 61_000, gang));
        assertThat(late.evictions()).containsExactly(new Eviction("gang", "a", Eviction.Kind.STALE_GANG,
                "gang had 1 of its 2 required pods running for 61 s (grace period 60 s)"));
        assertThat(new Scheduler(Duration.ofSeconds(60)).cycle(snapshot(nodes, queues, 61_000, gang)).evictions())
                .as("a fresh instance starts the grace period anew").isEmpty();
    }

    @Test
    void everyPendingTaskHasAReason() {
        CycleResult result = new Scheduler().cycle(snapshot(List.of(NodeSpec.of("n0", "default", 1)),
                List.of(QueueSpec.department("team", Resources.NONE)), 0,
                job("a", "team", 50, 1, 0, TaskSpec.pending("0", 1)),
                job("b", "team", 50, 2, 1, TaskSpec.pending("0", 1), TaskSpec.pending("1", 1)),
                job("c", "team", 50, 1, 2, TaskSpec.pending("0", 0.5))));
        assertThat(result.bindings()).extracting(Binding::job).containsExactly("a");
        assertThat(result.pending()).hasSize(3);
        assertThat(result.pending()).filteredOn(p -> p.job().equals("b")).hasSize(2).allSatisfy(p ->
                assertThat(p.reason()).startsWith("gang of 2 pods does not fit in pool default"));
        assertThat(result.pending()).filteredOn(p -> p.job().equals("c")).singleElement()
                .extracting(PendingTask::reason).asString().contains("no node in pool default fits a pod of 0.5 GPU");
    }

    @Test
    void olderFacadeConstructorsStillWork() {
        TaskSpec task = new TaskSpec("t", 0.5, 0, 100, 200, Optional.empty());
        assertThat(task.gpuLimit()).isZero();
        CycleResult result = new CycleResult(List.of(), List.of(), List.of());
        assertThat(result.queues()).isEmpty();
    }

    @Test
    void inconsistentSnapshotIsRejected() {
        assertThatThrownBy(() -> new Scheduler().cycle(snapshot(List.of(NodeSpec.of("n0", "default", 1)),
                List.of(QueueSpec.department("team", Resources.NONE)), 0,
                job("a", "nowhere", 50, 1, 0, TaskSpec.pending("0", 1)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job a names unknown queue nowhere");
    }
}
