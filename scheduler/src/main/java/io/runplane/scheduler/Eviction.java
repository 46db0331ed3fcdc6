package io.runplane.scheduler;

/** A decision to stop a running task, with a reason fit for the workload's event history. */
public record Eviction(String job, String task, Kind kind, String reason) {

    public enum Kind { RECLAIMED, PREEMPTED, CONSOLIDATED, STALE_GANG }
}
