package io.runplane.console.workloads;

import io.runplane.api.v1.Workload;
import java.util.Arrays;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** One row of the workloads table; its workload is replaced in place as watch deltas arrive. */
public final class WorkloadRow {

    private final ReadOnlyObjectWrapper<Workload> workload;
    private final Comparable<?>[] sortKeys = new Comparable<?>[WorkloadColumn.values().length];
    private final String[] texts = new String[WorkloadColumn.values().length];

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
        Arrays.fill(sortKeys, null);
        Arrays.fill(texts, null);
        workload.set(next);
    }

    /** {@code column}'s sort key of the current workload, computed once per change of the workload. */
    Comparable<?> sortKey(WorkloadColumn column) {
        Comparable<?> key = sortKeys[column.ordinal()];
        if (key == null) {
            key = column.sortKey(workload());
            sortKeys[column.ordinal()] = key;
        }
        return key;
    }

    /** {@code column}'s text of the current workload, formatted once per change of the workload. */
    public String text(WorkloadColumn column) {
        String text = texts[column.ordinal()];
        if (text == null) {
            text = column.text(workload());
            texts[column.ordinal()] = text;
        }
        return text;
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
