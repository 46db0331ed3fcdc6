package io.runplane.scheduler.api;

import io.runplane.scheduler.QueueSpec;
import io.runplane.scheduler.Resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A department or project with its quota per pool and resource, and the allocation, request and
 * fair share the session computes, all as primitive arrays indexed [pool][resource].
 */
public final class QueueInfo {

    public final int index;
    public final String name;
    public final QueueSpec spec;
    public QueueInfo parent;
    public final List<QueueInfo> children = new ArrayList<>();
    public final double overQuotaWeight;
    public final int priority;
    /** Negative = no cap. Cluster-wide, not per pool. */
    public final double[] limit = new double[ResourceKind.COUNT];
    /** Negative = unlimited. */
    public final double[][] deserved;
    public final double[][] allocated;
    public final double[][] allocatedNonPreemptible;
    public final double[][] requested;
    public final double[][] fairShare;

    public QueueInfo(int index, QueueSpec spec, List<PoolInfo> pools) {
        this.index = index;
        this.name = spec.name();
        this.spec = spec;
        this.overQuotaWeight = spec.overQuotaWeight();
        this.priority = spec.priority();
        int poolCount = pools.size();
        deserved = new double[poolCount][ResourceKind.COUNT];
        allocated = new double[poolCount][ResourceKind.COUNT];
        allocatedNonPreemptible = new double[poolCount][ResourceKind.COUNT];
        requested = new double[poolCount][ResourceKind.COUNT];
        fairShare = new double[poolCount][ResourceKind.COUNT];
        Resources cap = spec.limit() == null ? Resources.UNLIMITED : spec.limit();
        for (int r = 0; r < ResourceKind.COUNT; r++) {
            limit[r] = ResourceKind.of(cap, r);
        }
        for (PoolInfo pool : pools) {
            Resources quota = spec.deservedIn(pool.name);
            for (int r = 0; r < ResourceKind.COUNT; r++) {
                deserved[pool.index][r] = quota == null ? 0 : ResourceKind.of(quota, r);
            }
        }
    }

    public boolean isLeaf() {
        return children.isEmpty();
    }

    public Optional<String> parentName() {
        return parent == null ? Optional.empty() : Optional.of(parent.name);
    }

    public double allocatedTotal(int resource) {
        double sum = 0;
        for (double[] pool : allocated) {
            sum += pool[resource];
        }
        return sum;
    }

    public double fairShareTotal(int resource) {
        double sum = 0;
        for (double[] pool : fairShare) {
            sum += pool[resource];
        }
        return sum;
    }

    public double deservedTotal(int resource) {
        double sum = 0;
        for (double[] pool : deserved) {
            if (pool[resource] < 0) {
                return -1;
            }
            sum += pool[resource];
        }
        return sum;
    }

    /** max(deserved, fair share), capped by the limit: what reclaim lets the queue keep. */
    public double allocatableShare(int pool, int resource) {
        double share = Math.max(deserved[pool][resource], fairShare[pool][resource]);
        if (deserved[pool][resource] < 0) {
            share = Double.POSITIVE_INFINITY;
        }
        return limit[resource] >= 0 ? Math.min(share, limit[resource]) : share;
    }

    /** Adds {@code sign * amounts} to this queue and its ancestors. */
    public void charge(int pool, double[] amounts, boolean preemptible, int sign) {
        for (QueueInfo q = this; q != null; q = q.parent) {
            for (int r = 0; r < ResourceKind.COUNT; r++) {
                q.allocated[pool][r] += sign * amounts[r];
                if (!preemptible) {
                    q.allocatedNonPreemptible[pool][r] += sign * amounts[r];
                }
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
