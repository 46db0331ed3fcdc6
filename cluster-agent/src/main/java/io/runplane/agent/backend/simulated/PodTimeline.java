package io.runplane.agent.backend.simulated;

import io.runplane.agent.backend.LaunchedPod;
import io.runplane.agent.time.TimeScale;
import io.runplane.api.v1.WorkloadType;

import java.time.Instant;
import java.util.Optional;

/**
 * When a simulated container pulls, starts and exits, in wall-clock time, derived from the
 * launch time and the workload's simulation annotations alone (so it survives restarts).
 */
record PodTimeline(Instant launchedAt, Instant runStart, boolean pullFails, Optional<Instant> exitAt, int exitCode) {

    static PodTimeline of(LaunchedPod pod, TimeScale scale) {
        SimulationAnnotations sim = SimulationAnnotations.of(pod.annotations());
        Instant runStart = pod.launchedAt().plus(scale.real(sim.pullDuration()));
        boolean longRunning = pod.type() == WorkloadType.WORKLOAD_TYPE_INTERACTIVE || pod.type() == WorkloadType.WORKLOAD_TYPE_INFERENCE;
        int attempt = longRunning ? pod.restarts() : pod.attempt();
        int exitCode = sim.exitCodeOf(pod.index(), attempt);
        Optional<Instant> exitAt = sim.runTime(pod.type(), exitCode).map(d -> runStart.plus(scale.real(d)));
        return new PodTimeline(pod.launchedAt(), runStart, SimulationAnnotations.imageFailsToPull(pod.image()), exitAt, exitCode);
    }

    /** The end of the interval in which the container produced output, given when the pod ended. */
    Instant outputEnd(LaunchedPod pod, Instant now) {
        Instant end = now;
        if (exitAt.isPresent() && exitAt.get().isBefore(end)) {
            end = exitAt.get();
        }
        if (pod.endedAt().isPresent() && pod.endedAt().get().isBefore(end)) {
            end = pod.endedAt().get();
        }
        return end;
    }

    boolean runningAt(LaunchedPod pod, Instant t) {
        return !pullFails && !t.isBefore(runStart) && !t.isAfter(outputEnd(pod, t.plusNanos(1)));
    }
}
