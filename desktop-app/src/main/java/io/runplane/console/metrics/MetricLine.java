package io.runplane.console.metrics;

import java.util.List;

/**
 * One line of a chart: a GPU of a pod, or the average ({@code gpuIndex} -1).
 *
 * @param label  the legend text ("GPU 0 · pod-0", "Average")
 * @param points time in epoch millis and value
 */
public record MetricLine(String label, String pod, int gpuIndex, String unit, List<Point> points) {

    public record Point(long timeMillis, double value) {
    }

    public boolean isAverage() {
        return gpuIndex < 0;
    }
}
