package io.runplane.scheduler.framework;

import io.runplane.scheduler.Binding;
import io.runplane.scheduler.ClusterSnapshot;
import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.JobSpec;
import io.runplane.scheduler.NodeSpec;
import io.runplane.scheduler.QueueSpec;
import io.runplane.scheduler.Resources;
import io.runplane.scheduler.TaskSpec;
import io.runplane.scheduler.api.NodeInfo;
import io.runplane.scheduler.api.QueueInfo;
import io.runplane.scheduler.api.ResourceKind;
import io.runplane.scheduler.api.TaskInfo;
import io.runplane.scheduler.api.TaskStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A decision tried on the statement and rolled back leaves nodes, queues, jobs and tasks as they were. */
class StatementTest {

    private final Session session = SessionFactory.open(snapshot(), new StaleGangClock(60_000), List.of());

    private static ClusterSnapshot snapshot() {
        JobSpec running = new JobSpec("running", "team", 50, true, 1, List.of(), Map.of(), List.of(), 0,
                List.of(new TaskSpec("0", 2, 0, 1000, 0, Optional.of(new Binding.Placement("n0", List.of(0, 1), 1.0)))));
        JobSpec waiting = new JobSpec("waiting", "team", 50, true, 1, List.of(), Map.of(), List.of(), 1,
                List.of(new TaskSpec("0", 0.5, 0, 500, 0, Optional.empty())));
        return new ClusterSnapshot(List.of(), List.of(NodeSpec.of("n0", "default", 4)),
                List.of(QueueSpec.department("team", Resources.gpus(4))), List.of(running, waiting), 0);
    }

    private final NodeInfo node = session.nodes.getFirst();
    private final QueueInfo team = session.queues.getFirst();
    private final TaskInfo running = session.tasks.get(0);
    private final TaskInfo waiting = session.tasks.get(1);

    @Test
    void rollbackRestoresEverything() {
        Statement statement = session.statement;
        assertThat(node.freeWholeGpus()).isEqualTo(2);
        assertThat(team.allocated[0][ResourceKind.GPU]).isEqualTo(2.0);

        int checkpoint = statement.checkpoint();
        statement.evict(running, Eviction.Kind.PREEMPTED, "test");
        statement.allocate(waiting, node, new int[] {3}, 0.5);
        assertThat(running.status).isEqualTo(TaskStatus.RELEASING);
        assertThat(waiting.status).isEqualTo(TaskStatus.ALLOCATED);
        assertThat(node.freeWholeGpus()).isEqualTo(3);
        assertThat(node.freeCpu()).isEqualTo(64_000 - 500);
        assertThat(team.allocated[0][ResourceKind.GPU]).isEqualTo(0.5);
        assertThat(node.pool.version()).isEqualTo(2);

        statement.rollback(checkpoint);

        assertThat(running.status).isEqualTo(TaskStatus.RUNNING);
        assertThat(running.node).isSameAs(node);
        assertThat(running.devices).containsExactly(0, 1);
        assertThat(running.evictionReason).isNull();
        assertThat(waiting.status).isEqualTo(TaskStatus.PENDING);
        assertThat(waiting.node).isNull();
        assertThat(node.freeWholeGpus()).isEqualTo(2);
        assertThat(node.deviceUsed(3)).isZero();
        assertThat(node.freeCpu()).isEqualTo(64_000 - 1000);
        assertThat(team.allocated[0][ResourceKind.GPU]).isEqualTo(2.0);
        assertThat(running.job.active).isEqualTo(1);
        assertThat(running.job.stillRunning).isEqualTo(1);
        assertThat(waiting.job.active).isZero();
        assertThat(node.pool.firstWithFreeGpus(2)).isSameAs(node);
    }

    @Test
    void commitKeepsChangesAndForgetsTheJournal() {
        Statement statement = session.statement;
        statement.allocate(waiting, node, new int[] {2}, 0.5);
        statement.commit();
        statement.rollback(0);
        assertThat(waiting.status).isEqualTo(TaskStatus.ALLOCATED);
        assertThat(node.deviceUsed(2)).isEqualTo(0.5);
    }

    @Test
    void placingAPlacedTaskIsAnError() {
        assertThatThrownBy(() -> session.statement.allocate(running, node, new int[] {2}, 1.0))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.statement.evict(waiting, Eviction.Kind.RECLAIMED, "x"))
                .isInstanceOf(IllegalStateException.class);
    }
}
