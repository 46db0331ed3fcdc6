package io.runplane.agent.overview;

import io.runplane.agent.backend.ClusterBackend;
import io.runplane.agent.backend.LaunchedPod;
import io.runplane.agent.backend.Signal;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.time.TimeScale;
import io.runplane.agent.workload.Allocations;
import io.runplane.agent.workload.WorkloadController;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Samples the cluster into a {@link ClusterHistory} every {@value #CLUSTER_STEP_SECONDS} s of
 * cluster time, on its own thread (not the control loop's). A sample reads the allocations the
 * dashboard shows and measures the GPUs of running workloads only, as the metrics API does.
 */
public final class ClusterSampler implements AutoCloseable {

    static final long CLUSTER_STEP_SECONDS = 15;
    /** A sped-up simulation samples no more often than this. */
    private static final Duration FINEST_STEP = Duration.ofMillis(50);
    private static final Logger LOG = Logger.getLogger(ClusterSampler.class.getName());

    private final WorkloadController controller;
    private final ClusterBackend backend;
    private final Clock clock;
    private final ClusterHistory history;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("runplane-cluster-history").factory());

    public ClusterSampler(WorkloadController controller, ClusterBackend backend, Clock clock, TimeScale scale) {
        this.controller = controller;
        this.backend = backend;
        this.clock = clock;
        Duration step = scale.real(Duration.ofSeconds(CLUSTER_STEP_SECONDS));
        this.history = new ClusterHistory(step.compareTo(FINEST_STEP) < 0 ? FINEST_STEP : step);
    }

    public ClusterHistory history() {
        return history;
    }

    /** Answers ranges of this sampler's history on its clock. */
    public HistoryQuery query() {
        return new HistoryQuery(history, clock);
    }

    /** Takes a sample now and then every step until closed. */
    public void start() {
        long millis = history.step().toMillis();
        timer.scheduleAtFixedRate(this::sampleQuietly, 0, millis, TimeUnit.MILLISECONDS);
    }

    private void sampleQuietly() {
        try {
            history.record(sample());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot sample the cluster's figures", e);
        }
    }

    /** The cluster's figures now. */
    public ClusterPoint sample() {
        Instant now = clock.instant();
        Allocations allocations = controller.allocations();
        var byStatus = allocations.workloadsByStatus();
        double allocated = allocations.gpusByNode().values().stream().mapToDouble(Double::doubleValue).sum();
        int total = controller.cluster().nodes().stream().mapToInt(ClusterFile.NodeDef::gpus).sum();
        double utilization = 0;
        int measured = 0;
        for (Workload w : controller.list(s -> s.status() == WorkloadStatus.WORKLOAD_STATUS_RUNNING
                || s.status() == WorkloadStatus.WORKLOAD_STATUS_DEGRADED)) {
            if (w.getRequested().getGpu() <= 0) {
                continue;
            }
            var view = controller.pods(w.getSpec().getProject(), w.getSpec().getName());
            if (view.isEmpty()) {
                continue;
            }
            for (LaunchedPod pod : view.get().pods()) {
                for (int gpu : pod.gpuIndices()) {
                    OptionalDouble v = backend.measure(pod, Signal.GPU_UTILIZATION_PERCENT, gpu, now);
                    if (v.isPresent()) {
                        utilization += v.getAsDouble();
                        measured++;
                    }
                }
            }
        }
        return new ClusterPoint(now, total, allocated, measured == 0 ? 0 : Math.round(utilization / measured * 100) / 100.0,
                byStatus.getOrDefault("Running", 0) + byStatus.getOrDefault("Degraded", 0),
                byStatus.getOrDefault("Pending", 0) + byStatus.getOrDefault("Creating", 0));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
