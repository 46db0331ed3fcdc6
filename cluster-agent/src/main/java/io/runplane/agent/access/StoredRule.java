package io.runplane.agent.access;

import io.runplane.access.AccessRule;

import java.time.Instant;

/** An access rule as the agent keeps it: with its id, who created it and when. */
public record StoredRule(String id, AccessRule rule, String createdBy, Instant createdAt) {
}
