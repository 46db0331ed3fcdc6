package io.runplane.scheduler.framework;

/** Registers a policy (ordering, checks, placement) on a session when it opens. */
public interface Plugin {

    void onSessionOpen(Session session);
}
