package io.runplane.scheduler.api;

/** Where a task stands inside one session. */
public enum TaskStatus {
    /** Waiting for a node. */
    PENDING,
    /** Was running when the cycle started and still is. */
    RUNNING,
    /** Bound to a node by this cycle. */
    ALLOCATED,
    /** Was running and is evicted by this cycle. */
    RELEASING;

    public boolean holdsResources() {
        return this == RUNNING || this == ALLOCATED;
    }
}
