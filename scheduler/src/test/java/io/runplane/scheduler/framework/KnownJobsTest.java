package io.runplane.scheduler.framework;

import io.runplane.scheduler.Binding;
import io.runplane.scheduler.ClusterSnapshot;
import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.JobSpec;
import io.runplane.scheduler.NodeSpec;
import io.runplane.scheduler.QueueSpec;
import io.runplane.scheduler.Resources;
import io.runplane.scheduler.TaskSpec;
import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.ResourceKind;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.api.TaskStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which jobs a session reuses from the last one, and that a reused job starts as its snapshot shows it. */
class KnownJobsTest {

    private final KnownJobs known = new KnownJobs();
    private final StaleGangClock clock = new StaleGangClock(60_000);
    private final List<NodeSpec> nodes = List.of(NodeSpec.of("n0", "default", 4), NodeSpec.of("n1", "default", 4));
    private final List<QueueSpec> queues = List.of(QueueSpec.department("team", Resources.gpus(8)));
    private final JobSpec running = job("running", Optional.of(new Binding.Placement("n0", List.of(0, 1), 1.0)));
    private final JobSpec waiting = job("waiting", Optional.empty());

    private static JobSpec job(String name, Optional<Binding.Placement> bound) {
        return new JobSpec(name, "team", 50, true, 1, List.of(), Map.of(), List.of(), 0,
                List.of(new TaskSpec("0", 2, 0, 1000, 0, bound)));
    }

    private Session open(List<NodeSpec> onNodes, JobSpec... jobs) {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(), onNodes, queues, List.of(jobs), 0);
        return SessionFactory.open(snapshot, clock, List.of(), known);
    }

    @Test
    void reusesTheJobsOfTheSameSpecsAndPutsThemBackAsTheSnapshotShows() {
        Session first = open(nodes, running, waiting);
        TaskInfo runningTask = first.tasks.get(0);
        first.statement.evict(runningTask, Eviction.Kind.PREEMPTED, "test");
        first.statement.allocate(first.tasks.get(1), first.nodes.get(1), new int[] {0, 1}, 1.0);

        JobSpec added = job("added", Optional.empty());
        Session second = open(nodes, added, running, waiting);

        assertThat(second.jobs).containsExactly(second.jobs.getFirst(), first.jobs.get(0), first.jobs.get(1));
        JobInfo reused = second.jobs.get(1);
        assertThat(reused.queue).isSameAs(second.queues.getFirst());
        assertThat(reused.active).isEqualTo(1);
        TaskInfo task = reused.tasks.getFirst();
        assertThat(task.index).isEqualTo(1);
        assertThat(task.status).isEqualTo(TaskStatus.RUNNING);
        assertThat(task.node).isSameAs(second.nodes.getFirst());
        assertThat(task.initialNode).isSameAs(second.nodes.getFirst());
        assertThat(task.devices).containsExactly(0, 1);
        assertThat(second.tasks.get(2).status).isEqualTo(TaskStatus.PENDING);
        assertThat(second.tasks.get(2).node).isNull();
        assertThat(second.nodes.get(0).freeWholeGpus()).isEqualTo(2);
        assertThat(second.nodes.get(1).freeWholeGpus()).isEqualTo(4);
        assertThat(second.queues.getFirst().allocated[0][ResourceKind.GPU]).isEqualTo(2.0);
    }

    @Test
    void findsAJobPastOnesRemovedButBuildsOneMovedBackAgain() {
        Session first = open(nodes, running, waiting);

        Session second = open(nodes, waiting, running);

        assertThat(second.jobs.get(0)).isSameAs(first.jobs.get(1));
        assertThat(second.jobs.get(1)).isNotSameAs(first.jobs.get(0));
    }

    @Test
    void buildsAnEqualButNewSpecAgain() {
        Session first = open(nodes, running, waiting);

        Session second = open(nodes, running, job("waiting", Optional.empty()));

        assertThat(second.jobs.get(0)).isSameAs(first.jobs.get(0));
        assertThat(second.jobs.get(1)).isNotSameAs(first.jobs.get(1));
    }

    @Test
    void buildsEveryJobAgainWhenTheClusterChanged() {
        Session first = open(nodes, running, waiting);

        Session second = open(List.of(nodes.get(0), NodeSpec.of("n1", "default", 8)), running, waiting);

        assertThat(second.jobs.get(0)).isNotSameAs(first.jobs.get(0));
        assertThat(second.jobs.get(1)).isNotSameAs(first.jobs.get(1));
    }

    @Test
    void buildsAgainARunningJobWhoseDevicesTheSchedulerChose() {
        JobSpec unnamedDevices = job("unnamed", Optional.of(new Binding.Placement("n1", List.of(), 1.0)));
        Session first = open(nodes, running, unnamedDevices);

        Session second = open(nodes, running, unnamedDevices);

        assertThat(second.jobs.get(0)).isSameAs(first.jobs.get(0));
        assertThat(second.jobs.get(1)).isNotSameAs(first.jobs.get(1));
        assertThat(second.jobs.get(1).tasks.getFirst().devices).containsExactly(0, 1);
    }

    @Test
    void reusesASpecListedTwiceOnlyOnce() {
        Session first = open(nodes, waiting);

        Session second = open(nodes, running, waiting, waiting);

        assertThat(second.jobs.get(1)).isSameAs(first.jobs.get(0));
        assertThat(second.jobs.get(2)).isNotSameAs(first.jobs.get(0));
    }
}
