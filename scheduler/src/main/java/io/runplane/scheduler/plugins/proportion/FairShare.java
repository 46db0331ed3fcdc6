package io.runplane.scheduler.plugins.proportion;

import io.runplane.scheduler.api.QueueInfo;
import io.runplane.scheduler.api.ResourceKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Divides one resource of one pool among sibling queues: deserved quota first (capped by what each
 * can use), then the spare capacity by over-quota weight, highest queue priority group first,
 * water-filled so no queue gets more than it asks for; whole GPUs left over from the division go
 * one at a time to the largest remainders, older queues first.
 */
final class FairShare {

    private FairShare() {
    }

    static void divide(List<QueueInfo> siblings, int pool, int resource, double total) {
        divide(siblings, pool, resource, total, null);
    }

    /** Divides with {@code weights} as the siblings' over-quota weights instead of their own (null = their own). */
    static void divide(List<QueueInfo> siblings, int pool, int resource, double total, double[] weights) {
        int n = siblings.size();
        double[] wants = new double[n];
        double[] share = new double[n];
        double given = 0;
        for (int i = 0; i < n; i++) {
            QueueInfo queue = siblings.get(i);
            wants[i] = requestable(queue, pool, resource);
            double deserved = queue.deserved[pool][resource];
            share[i] = deserved < 0 ? wants[i] : Math.min(deserved, wants[i]);
            given += share[i];
        }
        double remaining = total - given;
        if (remaining > ResourceKind.EPSILON) {
            double[] base = share.clone();
            for (int priority : priorities(siblings)) {
                remaining = waterFill(siblings, priority, wants, share, remaining, weights);
                if (remaining <= ResourceKind.EPSILON) {
                    break;
                }
            }
            if (resource == ResourceKind.GPU) {
                roundToWholeUnits(wants, share, base);
            }
        }
        for (int i = 0; i < n; i++) {
            siblings.get(i).fairShare[pool][resource] = share[i];
        }
    }

    /** What the queue can use in the pool: its request, capped by its limit less what it holds elsewhere. */
    static double requestable(QueueInfo queue, int pool, int resource) {
        double wants = queue.requested[pool][resource];
        double limit = queue.limit[resource];
        if (limit >= 0) {
            double elsewhere = queue.allocatedTotal(resource) - queue.allocated[pool][resource];
            wants = Math.min(wants, Math.max(0, limit - elsewhere));
        }
        return wants;
    }

    private static List<Integer> priorities(List<QueueInfo> siblings) {
        List<Integer> priorities = new ArrayList<>();
        for (QueueInfo queue : siblings) {
            if (!priorities.contains(queue.priority)) {
                priorities.add(queue.priority);
            }
        }
        priorities.sort((a, b) -> Integer.compare(b, a));
        return priorities;
    }

    private static double waterFill(List<QueueInfo> siblings, int priority, double[] wants, double[] share,
                                    double remaining, double[] weightsGiven) {
        double[] weight = new double[siblings.size()];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = weightsGiven == null ? siblings.get(i).overQuotaWeight : weightsGiven[i];
        }
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < siblings.size(); i++) {
            QueueInfo queue = siblings.get(i);
            if (queue.priority == priority && weight[i] > 0 && share[i] < wants[i] - ResourceKind.EPSILON) {
                open.add(i);
            }
        }
        while (remaining > ResourceKind.EPSILON && !open.isEmpty()) {
            double weights = 0;
            for (int i : open) {
                weights += weight[i];
            }
            List<Integer> capped = new ArrayList<>();
            for (int i : open) {
                double portion = remaining * weight[i] / weights;
                if (share[i] + portion >= wants[i] - ResourceKind.EPSILON) {
                    capped.add(i);
                }
            }
            if (capped.isEmpty()) {
                for (int i : open) {
                    share[i] += remaining * weight[i] / weights;
                }
                return 0;
            }
            for (int i : capped) {
                remaining -= wants[i] - share[i];
                share[i] = wants[i];
            }
            open.removeAll(capped);
        }
        return Math.max(0, remaining);
    }

    private static void roundToWholeUnits(double[] wants, double[] share, double[] base) {
        int n = share.length;
        double leftover = 0;
        double[] remainder = new double[n];
        for (int i = 0; i < n; i++) {
            double overQuota = share[i] - base[i];
            double whole = Math.floor(overQuota + ResourceKind.EPSILON);
            remainder[i] = overQuota - whole;
            if (remainder[i] < ResourceKind.EPSILON) {
                remainder[i] = 0;
            }
            leftover += remainder[i];
            share[i] = base[i] + whole;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (remainder[i] > 0) {
                order.add(i);
            }
        }
        order.sort((a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a])
                : Integer.compare(a, b));
        for (int i : order) {
            if (leftover <= ResourceKind.EPSILON) {
                break;
            }
            double unit = Math.min(1.0, Math.min(leftover, wants[i] - share[i]));
            share[i] += unit;
            leftover -= unit;
        }
    }
}
