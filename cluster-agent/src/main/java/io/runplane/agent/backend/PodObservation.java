package io.runplane.agent.backend;

import java.time.Instant;

/** What the backend reports about a launched pod at one moment. */
public record PodObservation(PodPhase phase, Instant since, int exitCode, String message) {

    public static PodObservation of(PodPhase phase, Instant since, String message) {
        return new PodObservation(phase, since, 0, message);
    }
}
