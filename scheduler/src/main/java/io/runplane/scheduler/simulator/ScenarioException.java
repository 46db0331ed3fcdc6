package io.runplane.scheduler.simulator;

/** A scenario that cannot be run; the message names the field path and, where known, the line. */
public final class ScenarioException extends Exception {

    public ScenarioException(String message) {
        super(message);
    }
}
