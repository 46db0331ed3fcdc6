package io.runplane.scheduler;

import java.util.List;

/**
 * The decisions of one cycle. Bindings and evictions are to be applied by the caller; apply the
 * evictions first, since a binding may use what an eviction of the same cycle frees (reclaim,
 * preempt) and a task moved by consolidation appears as an eviction and a new binding.
 *
 * @param queues        fair share, allocation and request of every queue after the cycle
 * @param reassignments running fractions the node-level scheduler moves to another device of their
 *                      node, without a restart; apply them before the bindings (they free devices)
 */
public record CycleResult(
        List<Binding> bindings,
        List<Eviction> evictions,
        List<PendingTask> pending,
        List<QueueStatus> queues,
        List<GpuReassignment> reassignments) {

    public CycleResult {
        bindings = List.copyOf(bindings);
        evictions = List.copyOf(evictions);
        pending = List.copyOf(pending);
        queues = List.copyOf(queues);
        reassignments = List.copyOf(reassignments);
    }

    /** A result without device reassignments. */
    public CycleResult(List<Binding> bindings, List<Eviction> evictions, List<PendingTask> pending,
                       List<QueueStatus> queues) {
        this(bindings, evictions, pending, queues, List.of());
    }

    /** A result without queue figures. */
    public CycleResult(List<Binding> bindings, List<Eviction> evictions, List<PendingTask> pending) {
        this(bindings, evictions, pending, List.of(), List.of());
    }
}
