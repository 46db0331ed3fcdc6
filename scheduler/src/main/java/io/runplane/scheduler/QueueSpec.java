package io.runplane.scheduler;

import java.util.Map;
import java.util.Optional;

/**
 * A scheduling queue. Departments are queues without a parent; projects name their department.
 * Only leaf queues hold jobs.
 *
 * @param deserved       guaranteed quota in every pool, unless {@code deservedByPool} names the pool
 * @param overQuotaWeight share of spare capacity; 0 = nothing over quota
 * @param limit          hard cap; negative components mean no cap
 * @param priority       queue rank, higher first in the over-quota phase
 */
public record QueueSpec(
        String name,
        Optional<String> parent,
        Resources deserved,
        Map<String, Resources> deservedByPool,
        double overQuotaWeight,
        Resources limit,
        int priority) {

    public QueueSpec {
        deservedByPool = Map.copyOf(deservedByPool);
    }

    public static QueueSpec department(String name, Resources deserved) {
        return new QueueSpec(name, Optional.empty(), deserved, Map.of(), 1, Resources.UNLIMITED, 100);
    }

    public static QueueSpec project(String name, String department, Resources deserved) {
        return new QueueSpec(name, Optional.of(department), deserved, Map.of(), 1, Resources.UNLIMITED, 100);
    }

    public Resources deservedIn(String pool) {
        return deservedByPool.getOrDefault(pool, deserved);
    }
}
