package io.runplane.agent.overview;

import io.runplane.agent.workload.WorkloadException;
import io.runplane.agent.workload.WorkloadMapper;
import io.runplane.api.v1.OverviewHistoryRequest;
import io.runplane.api.v1.OverviewHistoryResponse;
import io.runplane.api.v1.OverviewPoint;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a range of the cluster's history: the points kept in [start, end], or with a step their
 * averages over consecutive windows of that length from start (each stamped with its window's start).
 */
public final class HistoryQuery {

    static final long MAX_POINTS = 11_000;

    private final ClusterHistory history;
    private final Clock clock;

    public HistoryQuery(ClusterHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    public OverviewHistoryResponse query(OverviewHistoryRequest request) throws WorkloadException {
        Instant now = clock.instant();
        Instant end = request.hasEnd() ? WorkloadMapper.instant(request.getEnd()) : now;
        if (end.isAfter(now)) {
            end = now;
        }
        Instant oldest = history.oldest(end);
        Instant start = request.hasStart() ? WorkloadMapper.instant(request.getStart()) : oldest.isAfter(end) ? end : oldest;
        if (end.isBefore(start)) {
            throw invalid("end", "must not be before start");
        }
        if (request.getStepSeconds() < 0) {
            throw invalid("step_seconds", "must be >= 0 (0 = every point kept)");
        }
        long stepMillis = request.getStepSeconds() * 1000;
        if (stepMillis > 0 && (end.toEpochMilli() - start.toEpochMilli()) / stepMillis > MAX_POINTS) {
            throw invalid("step_seconds", "too many points: at most " + MAX_POINTS + "; use a larger step");
        }
        List<ClusterPoint> kept = history.between(start, end);
        OverviewHistoryResponse.Builder out = OverviewHistoryResponse.newBuilder().setSampleMillis(history.step().toMillis());
        for (ClusterPoint p : stepMillis == 0 ? kept : windows(kept, start, stepMillis)) {
            out.addPoints(OverviewPoint.newBuilder()
                    .setTimeMillis(p.time().toEpochMilli())
                    .setTotalGpus(p.totalGpus())
                    .setAllocatedGpus(p.allocatedGpus())
                    .setGpuUtilizationPercent(p.utilizationPercent())
                    .setRunningWorkloads(p.runningWorkloads())
                    .setPendingWorkloads(p.pendingWorkloads()));
        }
        return out.build();
    }

    private static List<ClusterPoint> windows(List<ClusterPoint> kept, Instant start, long stepMillis) {
        List<ClusterPoint> out = new ArrayList<>();
        List<ClusterPoint> window = new ArrayList<>();
        long current = Long.MIN_VALUE;
        for (ClusterPoint p : kept) {
            long index = (p.time().toEpochMilli() - start.toEpochMilli()) / stepMillis;
            if (index != current && !window.isEmpty()) {
                out.add(ClusterPoint.average(start.plusMillis(current * stepMillis), window));
                window.clear();
            }
            current = index;
            window.add(p);
        }
        if (!window.isEmpty()) {
            out.add(ClusterPoint.average(start.plusMillis(current * stepMillis), window));
        }
        return out;
    }

    private static WorkloadException invalid(String field, String description) {
        return WorkloadException.invalidField("invalid overview history request", field, description);
    }
}
