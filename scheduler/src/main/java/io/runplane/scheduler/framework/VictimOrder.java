package io.runplane.scheduler.framework;

import io.runplane.scheduler.api.JobInfo;

import java.util.List;

/**
 * Sorts candidate victims lowest priority, then youngest, first, keeping the list order among
 * equals (as a stable sort by that comparator does). Priority and submit order are read once per
 * job into arrays and the positions merge-sorted on them, instead of reading two jobs per
 * comparison: the lists hold most of the running jobs, spread over the heap.
 */
final class VictimOrder {

    private VictimOrder() {
    }

    static void sort(List<JobInfo> jobs) {
        int n = jobs.size();
        if (n < 2) {
            return;
        }
        JobInfo[] listed = jobs.toArray(new JobInfo[0]);
        int[] priority = new int[n];
        long[] submitOrder = new long[n];
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            priority[i] = listed[i].priority;
            submitOrder[i] = listed[i].submitOrder;
            sorted &= i == 0 || !before(priority, submitOrder, i, i - 1);
        }
        if (sorted) {
            return;
        }
        int[] positions = new int[n];
        for (int i = 0; i < n; i++) {
            positions[i] = i;
        }
        int[] buffer = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int from = 0; from < n; from += 2 * width) {
                int middle = Math.min(from + width, n);
                int to = Math.min(from + 2 * width, n);
                int left = from;
                int right = middle;
                for (int k = from; k < to; k++) {
                    if (left < middle
                            && (right >= to || !before(priority, submitOrder, positions[right], positions[left]))) {
                        buffer[k] = positions[left++];
                    } else {
                        buffer[k] = positions[right++];
                    }
                }
            }
            int[] swap = positions;
            positions = buffer;
            buffer = swap;
        }
        for (int i = 0; i < n; i++) {
            jobs.set(i, listed[positions[i]]);
        }
    }

    /** Whether job {@code a} goes strictly before job {@code b}: lower priority, or equal and younger. */
    private static boolean before(int[] priority, long[] submitOrder, int a, int b) {
        return priority[a] != priority[b] ? priority[a] < priority[b] : submitOrder[a] > submitOrder[b];
    }
}
