package io.runplane.agent.workload;

import io.runplane.api.v1.WorkloadStatus;

import java.time.Instant;

/**
 * One entry of a workload's event history.
 *
 * @param type   Normal or Warning
 * @param reason a short CamelCase reason (Submitted, Scheduled, Running, Preempted ...)
 * @param pod    the pod it concerns, or empty
 * @param source who reported it: agent, scheduler, backend, user
 */
public record EventRecord(Instant time, String type, String reason, String message, WorkloadStatus status, String pod, String source) {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
}
