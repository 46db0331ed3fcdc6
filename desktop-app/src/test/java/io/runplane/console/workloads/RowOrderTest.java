package io.runplane.console.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runplane.api.v1.WorkloadStatus;
import io.runplane.console.Workloads;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowOrderTest {

    private static final WorkloadStatus[] STATUSES = {WorkloadStatus.WORKLOAD_STATUS_RUNNING,
            WorkloadStatus.WORKLOAD_STATUS_PENDING, WorkloadStatus.WORKLOAD_STATUS_FAILED, WorkloadStatus.WORKLOAD_STATUS_STOPPED};

    private static List<WorkloadRow> fleet(int size) {
        SplittableRandom random = new SplittableRandom(11);
        List<WorkloadRow> rows = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            rows.add(new WorkloadRow(Workloads.workload("p" + random.nextInt(7), "w" + random.nextInt(size),
                    STATUSES[random.nextInt(STATUSES.length)], random.nextInt(5), i + 1)));
        }
        return rows;
    }

    private static List<WorkloadRow> ranked(RowOrder order, List<WorkloadRow> rows) {
        List<WorkloadRow> sorted = new ArrayList<>();
        for (int index : order.sortedIndices(rows)) {
            sorted.add(rows.get(index));
        }
        return sorted;
    }

    @Test
    void sortsByRanksExactlyAsAStableSortByTheComparator() {
        List<WorkloadRow> rows = fleet(2_000);
        for (RowOrder order : List.of(RowOrder.by(WorkloadColumn.NAME, false), RowOrder.by(WorkloadColumn.STATUS, true),
                RowOrder.by(WorkloadColumn.GPU_REQUEST, true), RowOrder.by(WorkloadColumn.CREATED, false),
                RowOrder.of(List.of(new RowOrder.Key(WorkloadColumn.PROJECT, false), new RowOrder.Key(WorkloadColumn.GPU_REQUEST, true),
                        new RowOrder.Key(WorkloadColumn.STATUS, false))))) {
            List<WorkloadRow> expected = new ArrayList<>(rows);
            expected.sort(order);
            assertThat(ranked(order, rows)).as(order.toString()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void equalRowsKeepTheirOrderEitherWay() {
        WorkloadRow a = new WorkloadRow(Workloads.workload("p", "a", WorkloadStatus.WORKLOAD_STATUS_RUNNING, 2, 1));
        WorkloadRow b = new WorkloadRow(Workloads.workload("p", "b", WorkloadStatus.WORKLOAD_STATUS_RUNNING, 1, 2));
        WorkloadRow c = new WorkloadRow(Workloads.workload("p", "c", WorkloadStatus.WORKLOAD_STATUS_RUNNING, 2, 3));
        RowOrder byGpus = RowOrder.by(WorkloadColumn.GPU_REQUEST, false);
        assertThat(ranked(byGpus, List.of(a, b, c))).containsExactly(b, a, c);
        assertThat(ranked(byGpus.reversed(), List.of(a, b, c))).containsExactly(a, c, b);
        assertThat(ranked(byGpus.reversed(), List.of(c, b, a))).containsExactly(c, a, b);
    }

    @Test
    void anOrderNeedsAColumn() {
        assertThatThrownBy(() -> RowOrder.of(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one column");
    }
}
