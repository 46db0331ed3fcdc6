package io.runplane.agent.time;

import java.time.Duration;

/**
 * How much faster than real time the simulation runs. Durations of the simulated world (image
 * pulls, run times, back-offs, time-to-live) are divided by the factor before they are compared
 * with the wall clock; timestamps stay real.
 */
public record TimeScale(double factor) {

    public static final TimeScale REAL_TIME = new TimeScale(1);

    public TimeScale {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("time scale must be a positive number, got " + factor);
        }
    }

    /** The wall-clock length of a simulated duration. */
    public Duration real(Duration simulated) {
        return Duration.ofNanos((long) (simulated.toNanos() / factor));
    }
}
