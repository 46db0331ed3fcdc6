package io.runplane.console.bench;

import java.util.Arrays;
import java.util.Locale;

/** Measured durations, in nanoseconds, collected from any thread and summarised as percentiles. */
final class Durations {

    private long[] nanos = new long[1024];
    private int count;

    synchronized void add(long value) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = value;
    }

    /** The summary of what was added since the last call, which starts a new period. */
    synchronized Summary drain() {
        long[] sorted = Arrays.copyOf(nanos, count);
        count = 0;
        Arrays.sort(sorted);
        return new Summary(sorted);
    }

    record Summary(long[] sortedNanos) {

        int count() {
            return sortedNanos.length;
        }

        double percentileMillis(double p) {
            if (sortedNanos.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100 * sortedNanos.length) - 1;
            return sortedNanos[Math.clamp(index, 0, sortedNanos.length - 1)] / 1e6;
        }

        double maxMillis() {
            return sortedNanos.length == 0 ? 0 : sortedNanos[sortedNanos.length - 1] / 1e6;
        }

        long countOver(double millis) {
            return Arrays.stream(sortedNanos).filter(n -> n > millis * 1e6).count();
        }

        String json() {
            return String.format(Locale.ROOT, "{\"count\": %d, \"p50Millis\": %.1f, \"p99Millis\": %.1f, \"maxMillis\": %.1f, \"over50Millis\": %d}",
                    count(), percentileMillis(50), percentileMillis(99), maxMillis(), countOver(50));
        }
    }
}
