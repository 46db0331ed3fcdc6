package io.runplane.console.workloads;

import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How many of the known workloads run and which wait for resources, kept up to date as rows come,
 * change and go, so a pulse costs the rows it touched instead of a pass over every row.
 */
final class StatusCounts {

    private final Set<WorkloadRow> pendingRows = new LinkedHashSet<>();
    private int running;
    private boolean pendingChanged;

    void added(WorkloadRow row) {
        count(row, row.workload(), 1);
    }

    void removed(WorkloadRow row) {
        count(row, row.workload(), -1);
    }

    /** {@code row}'s workload was {@code before} and is now the row's current one. */
    void changed(WorkloadRow row, Workload before) {
        if (isPending(before) && isPending(row.workload())) {
            pendingChanged = true;
            return;
        }
        count(row, before, -1);
        count(row, row.workload(), 1);
    }

    int running() {
        return running;
    }

    int pending() {
        return pendingRows.size();
    }

    /** The waiting workloads if any came, changed or went since the last call, else null. */
    List<Workload> takePendingChanges() {
        if (!pendingChanged) {
            return null;
        }
        pendingChanged = false;
        List<Workload> waiting = new ArrayList<>(pendingRows.size());
        for (WorkloadRow row : pendingRows) {
            waiting.add(row.workload());
        }
        return waiting;
    }

    private void count(WorkloadRow row, Workload workload, int delta) {
        if (workload.getStatusValue() == WorkloadStatus.WORKLOAD_STATUS_RUNNING_VALUE) {
            running += delta;
        } else if (isPending(workload)) {
            pendingChanged = true;
            if (delta > 0) {
                pendingRows.add(row);
            } else {
                pendingRows.remove(row);
            }
        }
    }

    private static boolean isPending(Workload workload) {
        return workload.getStatusValue() == WorkloadStatus.WORKLOAD_STATUS_PENDING_VALUE;
    }
}
