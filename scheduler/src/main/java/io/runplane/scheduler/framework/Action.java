package io.runplane.scheduler.framework;

/** One step of the cycle (allocate, consolidation, reclaim, preempt, stale gang eviction). */
public interface Action {

    String name();

    void execute(Session session);
}
