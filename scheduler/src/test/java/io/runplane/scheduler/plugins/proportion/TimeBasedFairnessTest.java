package io.runplane.scheduler.plugins.proportion;

import io.runplane.scheduler.Binding;
import io.runplane.scheduler.ClusterSnapshot;
import io.runplane.scheduler.CycleResult;
import io.runplane.scheduler.JobSpec;
import io.runplane.scheduler.NodeSpec;
import io.runplane.scheduler.QueueSpec;
import io.runplane.scheduler.QueueStatus;
import io.runplane.scheduler.Resources;
import io.runplane.scheduler.Scheduler;
import io.runplane.scheduler.TaskSpec;
import io.runplane.scheduler.TimeBasedFairness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The time-based fairness variant through the scheduler's own memory of past cycles: usage is
 * what the queues held cycle by cycle on the snapshots' clock, within the window.
 */
class TimeBasedFairnessTest {

    private static final long HOUR = 3_600_000;
    private static final List<NodeSpec> NODES = List.of(NodeSpec.of("node0", "default", 8));
    private static final List<QueueSpec> QUEUES = List.of(QueueSpec.department("team-a", Resources.NONE),
            QueueSpec.department("team-b", Resources.NONE));

    private static JobSpec eightGpus(String name, String queue, boolean running) {
        List<TaskSpec> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Optional<Binding.Placement> bound = running
                    ? Optional.of(new Binding.Placement("node0", List.of(i), 1)) : Optional.empty();
            tasks.add(new TaskSpec(String.valueOf(i), 1, 0, 0, 0, bound));
        }
        return new JobSpec(name, queue, 50, true, 1, List.of(), Map.of(), List.of(), 0, tasks);
    }

    private static ClusterSnapshot at(long nowMillis, JobSpec... jobs) {
        return new ClusterSnapshot(List.of(), NODES, QUEUES, List.of(jobs), nowMillis);
    }

    private static double fairGpus(CycleResult result, String queue) {
        return result.queues().stream().filter(q -> q.name().equals(queue)).map(QueueStatus::fairShare)
                .findFirst().orElseThrow().gpu();
    }

    /** team-a holds the whole cluster for an hour with nobody else asking; then team-b asks too. */
    private static CycleResult afterAnHourOfTeamA(Scheduler scheduler) {
        for (long t = 0; t < HOUR; t += HOUR / 6) {
            scheduler.cycle(at(t, eightGpus("a", "team-a", true)));
        }
        return scheduler.cycle(at(HOUR, eightGpus("a", "team-a", true), eightGpus("b", "team-b", false)));
    }

    @Test
    void pastUsageShiftsTheOverQuotaShareToTheQueueThatUsedLess() {
        CycleResult result = afterAnHourOfTeamA(new Scheduler(Duration.ofSeconds(60),
                new TimeBasedFairness(Duration.ofHours(1), 0.5)));

        assertThat(fairGpus(result, "team-a")).isEqualTo(2.0);
        assertThat(fairGpus(result, "team-b")).isEqualTo(6.0);
        assertThat(result.evictions()).isNotEmpty().allSatisfy(e -> assertThat(e.job()).isEqualTo("a"));
    }

    @Test
    void offByDefaultAndWithoutUsageWeightTheWeightsAloneDivide() {
        for (Scheduler scheduler : List.of(new Scheduler(),
                new Scheduler(Duration.ofSeconds(60), new TimeBasedFairness(Duration.ofHours(1), 0)))) {
            CycleResult result = afterAnHourOfTeamA(scheduler);
            assertThat(fairGpus(result, "team-a")).isEqualTo(4.0);
            assertThat(fairGpus(result, "team-b")).isEqualTo(4.0);
        }
    }

    @Test
    void usageOlderThanTheWindowIsForgotten() {
        Scheduler scheduler = new Scheduler(Duration.ofSeconds(60), new TimeBasedFairness(Duration.ofHours(1), 1));
        scheduler.cycle(at(0, eightGpus("a", "team-a", true)));
        scheduler.cycle(at(HOUR));
        CycleResult result = scheduler.cycle(at(2 * HOUR + 1_000, eightGpus("a", "team-a", false),
                eightGpus("b", "team-b", false)));

        assertThat(fairGpus(result, "team-a")).isEqualTo(4.0);
        assertThat(fairGpus(result, "team-b")).isEqualTo(4.0);
    }

    @Test
    void theSameSnapshotsGiveTheSameDecisions() {
        TimeBasedFairness fairness = new TimeBasedFairness(Duration.ofMinutes(20), 1);
        CycleResult first = afterAnHourOfTeamA(new Scheduler(Duration.ofSeconds(60), fairness));
        CycleResult second = afterAnHourOfTeamA(new Scheduler(Duration.ofSeconds(60), fairness));

        assertThat(second).isEqualTo(first);
        assertThat(fairGpus(first, "team-b")).isEqualTo(8.0);
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new TimeBasedFairness(Duration.ZERO, 1))
                .hasMessageContaining("window longer than 0");
        assertThatThrownBy(() -> new TimeBasedFairness(Duration.ofHours(1), -1))
                .hasMessageContaining("usage weight of 0 or more");
    }
}
