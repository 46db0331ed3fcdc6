package io.runplane.agent.backend.kubernetes;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls the mock API server, which has no watch the tests could block on for every question, until
 * an answer comes; generous, because a loaded build machine makes the informers slow.
 */
public final class MockClusterWait {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private MockClusterWait() {
    }

    public static void until(BooleanSupplier condition) {
        found(() -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    /** The first non-null answer of {@code found}. */
    public static <T> T found(Supplier<T> found) {
        Instant deadline = Instant.now().plus(PATIENCE);
        T value;
        while ((value = found.get()) == null) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the mock cluster did not get there within " + PATIENCE.toSeconds() + " s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return value;
    }
}
