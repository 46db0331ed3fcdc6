package io.runplane.agent.organization;

import io.runplane.agent.time.TimeScale;
import io.runplane.scheduler.TimeBasedFairness;

import java.time.Duration;
import java.util.Optional;

/**
 * How the scheduler divides the cluster: with {@code timeBasedFairness}, what queues used over the
 * last {@code windowSeconds} (simulated time) moves the division of over-quota resources, weighed
 * by {@code usageWeight}. Checked by {@link OrganizationRules}.
 */
public record SchedulingSettings(boolean timeBasedFairness, long windowSeconds, double usageWeight) {

    /** Off, with a window of 7 days and a usage weight of 1 for when it is turned on. */
    public static final SchedulingSettings DEFAULTS = new SchedulingSettings(false, Duration.ofDays(7).toSeconds(), 1);
    static final long MIN_WINDOW_SECONDS = 60;
    static final long MAX_WINDOW_SECONDS = Duration.ofDays(30).toSeconds();
    static final double MAX_USAGE_WEIGHT = 10;

    /** The scheduler's variant when it is on; the window in wall-clock time at this time scale. */
    public Optional<TimeBasedFairness> fairness(TimeScale scale) {
        return timeBasedFairness
                ? Optional.of(new TimeBasedFairness(scale.real(Duration.ofSeconds(windowSeconds)), usageWeight))
                : Optional.empty();
    }
}
