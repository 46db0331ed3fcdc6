package io.runplane.console.connection;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before reconnect attempt {@code n}: {@code first}, doubling up to {@code max},
 * less a random part of up to {@code jitter} of it so that many consoles do not retry in step.
 */
public record Backoff(Duration first, Duration max, double jitter, DoubleSupplier random) {

    /** 0.5 s, 1 s, 2 s … up to 30 s, each up to 20 % shorter. */
    public static final Backoff WATCH = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2,
            () -> ThreadLocalRandom.current().nextDouble());

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("need 0 < first <= max, got " + first + " and " + max);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
    }

    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, got " + attempt);
        }
        long millis = first.toMillis() << Math.min(attempt - 1, 30);
        long capped = millis <= 0 ? max.toMillis() : Math.min(millis, max.toMillis());
        return Duration.ofMillis(Math.round(capped * (1 - jitter * random.getAsDouble())));
    }
}
