package io.runplane.console.workloads;

import io.runplane.api.v1.Pod;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadType;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The columns of the workloads table, as in Run:ai's Workloads view. Each column knows its text (for
 * the cell, the search, the filters and the CSV) and its sort key, so the table, the filter builder
 * and the export agree.
 */
public enum WorkloadColumn {
    NAME("Workload", true, Kind.TEXT, w -> w.getSpec().getName()),
    TYPE("Type", true, Kind.TEXT, w -> WorkloadText.type(w.getSpec().getType())),
    PREEMPTIBLE("Preemptible", true, Kind.TEXT, w -> w.getPreemptible() ? "Yes" : "No"),
    STATUS("Status", true, Kind.TEXT, w -> WorkloadText.status(w.getStatus())),
    PROJECT("Project", true, Kind.TEXT, w -> w.getSpec().getProject()),
    DEPARTMENT("Department", true, Kind.TEXT, Workload::getDepartment),
    CREATED_BY("Created by", true, Kind.TEXT, Workload::getCreatedBy),
    PODS("Running / requested pods", true, Kind.NUMBER, w -> w.getRunningPods() + "/" + w.getRequestedPods()) {
        @Override
        public Comparable<?> sortKey(Workload w) {
            return w.getRunningPods() * 100_000.0 + w.getRequestedPods();
        }

        @Override
        double number(Workload w) {
            return w.getRunningPods();
        }
    },
    CREATED("Creation time", true, Kind.TIME, w -> WorkloadText.time(w.getCreatedAt())) {
        @Override
        public Comparable<?> sortKey(Workload w) {
            return WorkloadText.instant(w.getCreatedAt());
        }
    },
    COMPLETED("Completion time", false, Kind.TIME, w -> WorkloadText.time(w.getCompletedAt())) {
        @Override
        public Comparable<?> sortKey(Workload w) {
            return WorkloadText.instant(w.getCompletedAt());
        }
    },
    GPU_REQUEST("GPU compute request", true, Kind.NUMBER, w -> WorkloadText.gpus(w.getRequested().getGpu())) {
        @Override
        double number(Workload w) {
            return w.getRequested().getGpu();
        }
    },
    GPU_ALLOCATION("GPU compute allocation", true, Kind.NUMBER, w -> WorkloadText.gpus(w.getAllocated().getGpu())) {
        @Override
        double number(Workload w) {
            return w.getAllocated().getGpu();
        }
    },
    GPU_MEMORY_REQUEST("GPU memory request", false, Kind.NUMBER,
            w -> WorkloadText.memory(w.getRequested().getGpuMemoryMib())) {
        @Override
        double number(Workload w) {
            return w.getRequested().getGpuMemoryMib();
        }
    },
    GPU_MEMORY_ALLOCATION("GPU memory allocation", false, Kind.NUMBER,
            w -> WorkloadText.memory(w.getAllocated().getGpuMemoryMib())) {
        @Override
        double number(Workload w) {
            return w.getAllocated().getGpuMemoryMib();
        }
    },
    CPU_REQUEST("CPU request (cores)", false, Kind.NUMBER, w -> WorkloadText.cores(w.getRequested().getCpuMillis())) {
        @Override
        double number(Workload w) {
            return w.getRequested().getCpuMillis() / 1000.0;
        }
    },
    CPU_ALLOCATION("CPU allocation (cores)", false, Kind.NUMBER,
            w -> WorkloadText.cores(w.getAllocated().getCpuMillis())) {
        @Override
        double number(Workload w) {
            return w.getAllocated().getCpuMillis() / 1000.0;
        }
    },
    MEMORY_REQUEST("CPU memory request", false, Kind.NUMBER, w -> WorkloadText.memory(w.getRequested().getMemoryMib())) {
        @Override
        double number(Workload w) {
            return w.getRequested().getMemoryMib();
        }
    },
    MEMORY_ALLOCATION("CPU memory allocation", false, Kind.NUMBER,
            w -> WorkloadText.memory(w.getAllocated().getMemoryMib())) {
        @Override
        double number(Workload w) {
            return w.getAllocated().getMemoryMib();
        }
    },
    NODE_POOL("Node pool", true, Kind.TEXT, WorkloadColumn::nodePools),
    ARCHITECTURE("Architecture", false, Kind.TEXT,
            w -> w.getSpec().getType() == WorkloadType.WORKLOAD_TYPE_DISTRIBUTED ? "Distributed" : "Standard"),
    IMAGE("Image", false, Kind.TEXT, w -> w.getSpec().getImage()),
    CONNECTIONS("Connections", false, Kind.NUMBER, w -> Integer.toString(w.getConnectionsCount())) {
        @Override
        double number(Workload w) {
            return w.getConnectionsCount();
        }
    },
    CLUSTER("Cluster", false, Kind.TEXT, Workload::getCluster);

    /** How a column's values compare in filters. */
    public enum Kind { TEXT, NUMBER, TIME }

    private final String title;
    private final boolean visibleByDefault;
    private final Kind kind;
    private final Function<Workload, String> text;

    WorkloadColumn(String title, boolean visibleByDefault, Kind kind, Function<Workload, String> text) {
        this.title = title;
        this.visibleByDefault = visibleByDefault;
        this.kind = kind;
        this.text = text;
    }

    public String title() {
        return title;
    }

    public boolean visibleByDefault() {
        return visibleByDefault;
    }

    public Kind kind() {
        return kind;
    }

    public String text(Workload workload) {
        String value = text.apply(workload);
        return value == null ? "" : value;
    }

    /** The value the table sorts by. */
    public Comparable<?> sortKey(Workload workload) {
        return kind == Kind.NUMBER ? (Comparable<?>) number(workload) : text(workload);
    }

    double number(Workload workload) {
        try {
            return Double.parseDouble(text(workload));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String nodePools(Workload w) {
        Set<String> pools = new LinkedHashSet<>();
        for (Pod pod : w.getPodsList()) {
            if (!pod.getNodePool().isBlank()) {
                pools.add(pod.getNodePool());
            }
        }
        if (pools.isEmpty()) {
            pools.addAll(w.getSpec().getNodePoolsList());
        }
        return String.join(", ", pools);
    }

    @Override
    public String toString() {
        return title;
    }
}
