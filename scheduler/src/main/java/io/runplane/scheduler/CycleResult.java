package io.runplane.scheduler;

import java.util.List;

/** The decisions of one cycle. Bindings and evictions are to be applied by the caller. */
public record CycleResult(List<Binding> bindings, List<Eviction> evictions, List<PendingTask> pending) {

    public CycleResult {
        bindings = List.copyOf(bindings);
        evictions = List.copyOf(evictions);
        pending = List.copyOf(pending);
    }
}
