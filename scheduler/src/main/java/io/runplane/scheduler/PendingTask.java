package io.runplane.scheduler;

/** A task that stays pending after the cycle, and why, in words a user understands. */
public record PendingTask(String job, String task, String reason) {
}
