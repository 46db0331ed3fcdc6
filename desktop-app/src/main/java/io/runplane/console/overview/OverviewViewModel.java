package io.runplane.console.overview;

import io.runplane.api.v1.NodePool;
import io.runplane.api.v1.OverviewResponse;
import io.runplane.api.v1.PoolQuota;
import io.runplane.api.v1.Project;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.client.RunplaneClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The cluster at a glance: GPU allocation, running and pending workloads, each project against its quota. */
public final class OverviewViewModel implements AutoCloseable {

    /**
     * One project's allocation.
     *
     * @param quotaGpus the GPUs it is guaranteed over all node pools (-1 = unlimited, 0 = none)
     */
    public record ProjectAllocation(String project, String department, double allocatedGpus, double quotaGpus) {

        /** Allocation over quota: above 1 means the project is using over-quota resources. */
        public double ratio() {
            if (quotaGpus > 0) {
                return allocatedGpus / quotaGpus;
            }
            return allocatedGpus > 0 && quotaGpus == 0 ? Double.POSITIVE_INFINITY : 0;
        }
    }

    /** One node pool's GPUs. */
    public record PoolAllocation(String pool, double allocatedGpus, int totalGpus, String placement) {
    }

    private static final Duration REFRESH = Duration.ofSeconds(3);

    private final RunplaneClient client;
    private final Background background;
    private final ReadOnlyIntegerWrapper totalGpus = new ReadOnlyIntegerWrapper();
    private final ReadOnlyDoubleWrapper allocatedGpus = new ReadOnlyDoubleWrapper();
    private final ReadOnlyIntegerWrapper nodes = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper pending = new ReadOnlyIntegerWrapper();
    private final ObservableList<ProjectAllocation> projects = FXCollections.observableArrayList();
    private final ObservableList<PoolAllocation> pools = FXCollections.observableArrayList();
    private final ObservableList<ProjectAllocation> readOnlyProjects = FXCollections.unmodifiableObservableList(projects);
    private final ObservableList<PoolAllocation> readOnlyPools = FXCollections.unmodifiableObservableList(pools);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Loading…");
    private final GpuHistoryViewModel history;
    private ScheduledFuture<?> refresher;

    public OverviewViewModel(RunplaneClient client, Background background) {
        this.client = client;
        this.background = background;
        this.history = new GpuHistoryViewModel(client, background, Clock.systemUTC());
    }

    /** The "GPUs over time" chart's model, refreshed with this one. */
    public GpuHistoryViewModel history() {
        return history;
    }

    /** Refreshes now and then every few seconds until closed. */
    public void start() {
        if (refresher == null) {
            refresher = background.every(() -> background.ui().post(this::refresh), REFRESH);
            history.start();
        }
    }

    public void refresh() {
        background.run(() -> new Snapshot(client.overview(), client.listNodePools()), snapshot -> {
            apply(snapshot.overview());
            List<PoolAllocation> list = snapshot.pools().stream()
                    .map(p -> new PoolAllocation(p.getName(), p.getAllocatedGpus(), p.getTotalGpus(), p.getGpuPlacement()))
                    .sorted(Comparator.comparing(PoolAllocation::pool))
                    .toList();
            if (!list.equals(pools)) {
                pools.setAll(list);
            }
        }, error -> status.set("Overview unavailable: " + Notifications.describe(error)));
    }

    private record Snapshot(OverviewResponse overview, List<NodePool> pools) {
    }

    void apply(OverviewResponse overview) {
        totalGpus.set(overview.getTotalGpus());
        allocatedGpus.set(overview.getAllocatedGpus());
        nodes.set(overview.getNodes());
        running.set(overview.getRunningWorkloads());
        pending.set(overview.getPendingWorkloads());
        List<ProjectAllocation> list = overview.getProjectsList().stream()
                .map(OverviewViewModel::allocation)
                .sorted(Comparator.comparing(ProjectAllocation::project))
                .toList();
        if (!list.equals(projects)) {
            projects.setAll(list);
        }
        status.set("");
    }

    static ProjectAllocation allocation(Project project) {
        double quota = 0;
        for (PoolQuota q : project.getQuotasList()) {
            if (q.getDeserved().getGpu() < 0) {
                quota = -1;
                break;
            }
            quota += q.getDeserved().getGpu();
        }
        return new ProjectAllocation(project.getName(), project.getDepartment(), project.getAllocated().getGpu(), quota);
    }

    public ReadOnlyIntegerProperty totalGpusProperty() {
        return totalGpus.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty allocatedGpusProperty() {
        return allocatedGpus.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty nodesProperty() {
        return nodes.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    public ObservableList<ProjectAllocation> projects() {
        return readOnlyProjects;
    }

    public ObservableList<PoolAllocation> pools() {
        return readOnlyPools;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    @Override
    public void close() {
        history.close();
        if (refresher != null) {
            refresher.cancel(false);
        }
    }
}
