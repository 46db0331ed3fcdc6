package io.runplane.agent.overview;

import java.time.Instant;

/**
 * The cluster's figures at one time: as sampled, or averaged over a window (then the counts may be fractional).
 *
 * @param utilizationPercent the average utilization of the GPUs running pods hold; 0 when none is held
 */
public record ClusterPoint(Instant time, double totalGpus, double allocatedGpus, double utilizationPercent,
                           double runningWorkloads, double pendingWorkloads) {

    /** The average of points (at least one), stamped with {@code time}. */
    static ClusterPoint average(Instant time, Iterable<ClusterPoint> points) {
        double total = 0;
        double allocated = 0;
        double utilization = 0;
        double running = 0;
        double pending = 0;
        int n = 0;
        for (ClusterPoint p : points) {
            total += p.totalGpus;
            allocated += p.allocatedGpus;
            utilization += p.utilizationPercent;
            running += p.runningWorkloads;
            pending += p.pendingWorkloads;
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("no points to average");
        }
        return new ClusterPoint(time, round(total / n), round(allocated / n), round(utilization / n), round(running / n), round(pending / n));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
