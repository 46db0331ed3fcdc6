package io.runplane.agent.audit;

import java.time.Instant;

/**
 * One recorded change: who did what to which object, when, and how it ended.
 *
 * @param action  the RPC, as {@code Service/Method}
 * @param target  the object the request named (e.g. {@code project team-a, name train-1}), or empty
 * @param outcome the gRPC status code name, {@code OK} when the change was made
 */
public record AuditEntry(Instant time, String subject, String action, String target, String outcome, String message) {
}
