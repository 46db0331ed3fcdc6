package io.runplane.console.workloads;

import io.runplane.api.v1.Workload;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** One row of the workloads table; its workload is replaced in place as watch deltas arrive. */
public final class WorkloadRow {

    private final ReadOnlyObjectWrapper<Workload> workload;

    WorkloadRow(Workload workload) {
        this.workload = new ReadOnlyObjectWrapper<>(workload);
    }

    public ReadOnlyObjectProperty<Workload> workloadProperty() {
        return workload.getReadOnlyProperty();
    }

    public Workload workload() {
        return workload.get();
    }

    void update(Workload next) {
        workload.set(next);
    }

    public String key() {
        return key(workload());
    }

    static String key(Workload w) {
        return w.getSpec().getProject() + "/" + w.getSpec().getName();
    }

    @Override
    public String toString() {
        return key();
    }
}
