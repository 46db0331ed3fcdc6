package io.runplane.scheduler.plugins.proportion;

import io.runplane.scheduler.Resources;
import io.runplane.scheduler.TimeBasedFairness;
import io.runplane.scheduler.api.PoolInfo;
import io.runplane.scheduler.api.QueueInfo;
import io.runplane.scheduler.api.ResourceKind;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each queue held, cycle by cycle, over the time-based fairness window, and the over-quota
 * weights that follow from it. One sample per cycle: the allocation when the cycle opens holds
 * until the next cycle. Time is the snapshots' clock, so the same snapshots give the same weights.
 */
final class UsageHistory {

    /** What the cluster and every queue held from {@code atMillis} on. */
    private record Sample(long atMillis, double[] capacity, Map<String, double[]> allocated) {
    }

    private final TimeBasedFairness config;
    private final long windowMillis;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final Map<String, double[]> usage = new HashMap<>();

    UsageHistory(TimeBasedFairness config) {
        this.config = config;
        this.windowMillis = config.window().toMillis();
    }

    /** Records the allocation at the cycle's opening and works out each queue's usage over the window. */
    void record(long nowMillis, List<PoolInfo> pools, List<QueueInfo> queues) {
        double[] capacity = new double[ResourceKind.COUNT];
        for (PoolInfo pool : pools) {
            for (int r = 0; r < ResourceKind.COUNT; r++) {
                capacity[r] += pool.capacity[r];
            }
        }
        if (samples.isEmpty() && !config.pastUsage().isEmpty()) {
            samples.add(new Sample(nowMillis - windowMillis, capacity, seeded(queues)));
        }
        while (!samples.isEmpty() && samples.getLast().atMillis() >= nowMillis) {
            samples.removeLast();
        }
        Map<String, double[]> allocated = new HashMap<>();
        for (QueueInfo queue : queues) {
            double[] held = new double[ResourceKind.COUNT];
            for (int r = 0; r < ResourceKind.COUNT; r++) {
                held[r] = queue.allocatedTotal(r);
            }
            allocated.put(queue.name, held);
        }
        // A cycle that finds what the last sample holds extends it: samples stay as many as the
        // allocation changes in the window, not the cycles.
        if (samples.isEmpty() || !sameAs(samples.getLast(), capacity, allocated)) {
            samples.add(new Sample(nowMillis, capacity, allocated));
        }
        forgetBefore(nowMillis - windowMillis);
        integrate(nowMillis);
    }

    /**
     * The effective over-quota weights of sibling queues for one resource: each queue's weight as a
     * share of its priority group's, moved by k times the gap between that share and its usage.
     */
    double[] weights(List<QueueInfo> siblings, int resource) {
        int n = siblings.size();
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            QueueInfo queue = siblings.get(i);
            double group = 0;
            for (QueueInfo other : siblings) {
                if (other.priority == queue.priority) {
                    group += other.overQuotaWeight;
                }
            }
            if (group <= 0) {
                continue;
            }
            double share = queue.overQuotaWeight / group;
            double used = usage.getOrDefault(queue.name, new double[ResourceKind.COUNT])[resource];
            weights[i] = Math.max(0, share + config.usageWeight() * (share - used));
        }
        return weights;
    }

    private Map<String, double[]> seeded(List<QueueInfo> queues) {
        Map<String, double[]> seeded = new HashMap<>();
        for (QueueInfo queue : queues) {
            Resources given = config.pastUsage().get(queue.name);
            double[] amounts = new double[ResourceKind.COUNT];
            if (given != null) {
                for (int r = 0; r < ResourceKind.COUNT; r++) {
                    amounts[r] = ResourceKind.of(given, r);
                }
            } else {
                for (QueueInfo child : queue.children) {
                    Resources childUsage = config.pastUsage().get(child.name);
                    for (int r = 0; childUsage != null && r < ResourceKind.COUNT; r++) {
                        amounts[r] += ResourceKind.of(childUsage, r);
                    }
                }
            }
            seeded.put(queue.name, amounts);
        }
        return seeded;
    }

    private static boolean sameAs(Sample last, double[] capacity, Map<String, double[]> allocated) {
        if (!Arrays.equals(last.capacity(), capacity) || !last.allocated().keySet().equals(allocated.keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> queue : allocated.entrySet()) {
            if (!Arrays.equals(last.allocated().get(queue.getKey()), queue.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Drops samples that ended before the window began; the one running into it stays. */
    private void forgetBefore(long startMillis) {
        while (samples.size() > 1) {
            Sample first = samples.removeFirst();
            if (samples.getFirst().atMillis() > startMillis) {
                samples.addFirst(first);
                return;
            }
        }
    }

    private void integrate(long nowMillis) {
        long start = nowMillis - windowMillis;
        double[] capacity = new double[ResourceKind.COUNT];
        Map<String, double[]> held = new HashMap<>();
        Sample[] ordered = samples.toArray(new Sample[0]);
        for (int i = 0; i < ordered.length; i++) {
            long from = Math.max(start, ordered[i].atMillis());
            long to = i + 1 < ordered.length ? ordered[i + 1].atMillis() : nowMillis;
            if (to <= from) {
                continue;
            }
            double seconds = (to - from) / 1000.0;
            for (int r = 0; r < ResourceKind.COUNT; r++) {
                capacity[r] += ordered[i].capacity()[r] * seconds;
            }
            for (Map.Entry<String, double[]> queue : ordered[i].allocated().entrySet()) {
                double[] sum = held.computeIfAbsent(queue.getKey(), q -> new double[ResourceKind.COUNT]);
                for (int r = 0; r < ResourceKind.COUNT; r++) {
                    sum[r] += queue.getValue()[r] * seconds;
                }
            }
        }
        usage.clear();
        for (Map.Entry<String, double[]> queue : held.entrySet()) {
            double[] share = new double[ResourceKind.COUNT];
            for (int r = 0; r < ResourceKind.COUNT; r++) {
                share[r] = capacity[r] > ResourceKind.EPSILON ? queue.getValue()[r] / capacity[r] : 0;
            }
            usage.put(queue.getKey(), share);
        }
    }
}
