package io.runplane.console.client;

/** A running server stream; cancelling it is idempotent. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    Subscription NONE = () -> { };

    void cancel();

    @Override
    default void close() {
        cancel();
    }
}
