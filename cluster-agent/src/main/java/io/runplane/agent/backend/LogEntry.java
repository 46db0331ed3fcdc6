package io.runplane.agent.backend;

import java.time.Instant;

/** One line a container wrote. */
public record LogEntry(String container, Instant time, String text) {
}
