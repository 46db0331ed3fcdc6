package io.runplane.console.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.console.Workloads;
import org.junit.jupiter.api.Test;

class StatusCountsTest {

    private final StatusCounts counts = new StatusCounts();

    private static Workload workload(String name, WorkloadStatus status) {
        return Workloads.workload("team", name, status, 1, 1);
    }

    private static void change(StatusCounts counts, WorkloadRow row, Workload next) {
        Workload before = row.workload();
        row.update(next);
        counts.changed(row, before);
    }

    @Test
    void countsRowsAsTheyComeChangeAndGo() {
        WorkloadRow a = new WorkloadRow(workload("a", WorkloadStatus.WORKLOAD_STATUS_RUNNING));
        WorkloadRow b = new WorkloadRow(workload("b", WorkloadStatus.WORKLOAD_STATUS_PENDING));
        WorkloadRow c = new WorkloadRow(workload("c", WorkloadStatus.WORKLOAD_STATUS_PENDING));
        counts.added(a);
        counts.added(b);
        counts.added(c);
        assertThat(counts.running()).isEqualTo(1);
        assertThat(counts.pending()).isEqualTo(2);
        assertThat(counts.takePendingChanges()).extracting(w -> w.getSpec().getName()).containsExactly("b", "c");

        change(counts, b, workload("b", WorkloadStatus.WORKLOAD_STATUS_RUNNING));
        change(counts, a, workload("a", WorkloadStatus.WORKLOAD_STATUS_FAILED));
        assertThat(counts.running()).isEqualTo(1);
        assertThat(counts.pending()).isEqualTo(1);
        assertThat(counts.takePendingChanges()).extracting(w -> w.getSpec().getName()).containsExactly("c");

        counts.removed(c);
        counts.removed(b);
        assertThat(counts.running()).isZero();
        assertThat(counts.pending()).isZero();
        assertThat(counts.takePendingChanges()).isEmpty();
    }

    @Test
    void reportsPendingWorkloadsOnlyWhenThoseChanged() {
        WorkloadRow a = new WorkloadRow(workload("a", WorkloadStatus.WORKLOAD_STATUS_RUNNING));
        WorkloadRow b = new WorkloadRow(workload("b", WorkloadStatus.WORKLOAD_STATUS_PENDING));
        counts.added(a);
        counts.added(b);
        counts.takePendingChanges();

        change(counts, a, workload("a", WorkloadStatus.WORKLOAD_STATUS_DEGRADED));
        assertThat(counts.takePendingChanges()).isNull();

        Workload waitingLonger = workload("b", WorkloadStatus.WORKLOAD_STATUS_PENDING).toBuilder()
                .setStatusMessage("no GPU free in pool a100").build();
        change(counts, b, waitingLonger);
        assertThat(counts.takePendingChanges()).containsExactly(waitingLonger);
        assertThat(counts.pending()).isEqualTo(1);
    }
}
