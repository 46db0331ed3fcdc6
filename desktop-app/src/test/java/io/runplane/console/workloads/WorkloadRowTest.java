package io.runplane.console.workloads;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.WorkloadStatus;
import io.runplane.console.Workloads;
import org.junit.jupiter.api.Test;

class WorkloadRowTest {

    @Test
    void textsAndSortKeysAreFormattedOncePerChangeOfTheWorkload() {
        WorkloadRow row = new WorkloadRow(Workloads.workload("team", "a", WorkloadStatus.WORKLOAD_STATUS_PENDING, 2, 1));
        String status = row.text(WorkloadColumn.STATUS);
        assertThat(status).isEqualTo("Pending");
        assertThat(row.text(WorkloadColumn.STATUS)).isSameAs(status);
        assertThat(row.text(WorkloadColumn.GPU_REQUEST)).isEqualTo(WorkloadColumn.GPU_REQUEST.text(row.workload()));

        row.update(Workloads.workload("team", "a", WorkloadStatus.WORKLOAD_STATUS_RUNNING, 4, 2));
        assertThat(row.text(WorkloadColumn.STATUS)).isEqualTo("Running");
        assertThat(row.text(WorkloadColumn.GPU_REQUEST)).isEqualTo("4");
        assertThat(row.sortKey(WorkloadColumn.GPU_REQUEST)).isEqualTo(4.0);
    }
}
