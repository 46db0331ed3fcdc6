package io.runplane.agent.loadtest;

import java.util.Arrays;

/** Latency samples in nanoseconds, summarised as percentiles in milliseconds. */
final class Latencies {

    private long[] samples = new long[1024];
    private int count;

    synchronized void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    synchronized int count() {
        return count;
    }

    synchronized void addAll(Latencies other) {
        long[] theirs;
        int n;
        synchronized (other) {
            theirs = other.samples;
            n = other.count;
        }
        for (int i = 0; i < n; i++) {
            add(theirs[i]);
        }
    }

    /** {"count":…,"p50":…,"p90":…,"p99":…,"max":…} in milliseconds. */
    synchronized String summaryJson() {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return "{\"count\":" + count + ",\"p50\":" + ms(percentile(sorted, 0.50)) + ",\"p90\":"
                + ms(percentile(sorted, 0.90)) + ",\"p99\":" + ms(percentile(sorted, 0.99)) + ",\"max\":"
                + ms(count == 0 ? 0 : sorted[count - 1]) + "}";
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
