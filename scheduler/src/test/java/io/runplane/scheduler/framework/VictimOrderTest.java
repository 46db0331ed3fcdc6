package io.runplane.scheduler.framework;

import io.runplane.scheduler.JobSpec;
import io.runplane.scheduler.QueueSpec;
import io.runplane.scheduler.Resources;
import io.runplane.scheduler.TaskSpec;
import io.runplane.scheduler.api.JobInfo;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.api.QueueInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The victim order is the stable sort by lowest priority, then youngest, whatever the list. */
class VictimOrderTest {

    private static final Comparator<JobInfo> LOW_PRIORITY_YOUNG_FIRST = Comparator
            .<JobInfo>comparingInt(job -> job.priority).thenComparing(job -> -job.submitOrder);

    private final QueueInfo queue =
            new QueueInfo(0, QueueSpec.department("team", Resources.gpus(8)), List.<PoolInfo>of());

    @ParameterizedTest
    @CsvSource({
            "1, 0", "2, 1", "3, 2", "4, 7", "5, 50", "6, 51", "7, 500", "8, 1000", "9, 4097",
    })
    void sortsAsAStableSortByPriorityThenYoungestFirst(long seed, int size) {
        Random random = new Random(seed);
        List<JobInfo> jobs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            // few distinct priorities and submit orders, so that many jobs tie and stability shows
            int priority = new int[] {50, 75, 100}[random.nextInt(3)];
            jobs.add(job("job-" + i, priority, random.nextInt(Math.max(1, size / 3))));
        }
        List<JobInfo> expected = new ArrayList<>(jobs);
        expected.sort(LOW_PRIORITY_YOUNG_FIRST);

        VictimOrder.sort(jobs);

        assertThat(jobs).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "2"})
    void leavesASortedListAsItIs(int shape) {
        List<JobInfo> jobs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int priority = shape == 0 ? 50 : shape == 1 ? 50 + 25 * (i / 7) : 50;
            long order = shape == 2 ? 0 : 100 - i;
            jobs.add(job("job-" + i, priority, order));
        }
        List<JobInfo> before = List.copyOf(jobs);

        VictimOrder.sort(jobs);

        assertThat(jobs).containsExactlyElementsOf(before);
    }

    private JobInfo job(String name, int priority, long submitOrder) {
        JobSpec spec = new JobSpec(name, "team", priority, true, 1, List.of(), Map.of(), List.of(), submitOrder,
                List.of(TaskSpec.pending("0", 1)));
        return new JobInfo(spec, queue, List.of());
    }
}
