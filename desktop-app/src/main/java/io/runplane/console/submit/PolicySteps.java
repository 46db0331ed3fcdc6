package io.runplane.console.submit;

import java.util.OptionalLong;
import javafx.beans.property.StringProperty;
import javafx.scene.control.SpinnerValueFactory;
import javafx.util.StringConverter;

/**
 * The arrows of a whole-number field: steps of the policy's {@code step} (counted from its
 * {@code min}, or 0) within its bounds. Typing is left alone, so a value out of bounds stays in the
 * field and its message says why, rather than being silently clamped.
 */
final class PolicySteps extends SpinnerValueFactory<String> {

    private final StringProperty text;
    private final long formMin;
    private final long formMax;
    private long min;
    private long max;
    private long step = 1;

    PolicySteps(StringProperty text, long formMin, long formMax) {
        this.text = text;
        this.formMin = formMin;
        this.formMax = formMax;
        this.min = formMin;
        this.max = formMax;
        setConverter(new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : value;
            }

            @Override
            public String fromString(String value) {
                return value;
            }
        });
        setValue(text.get());
    }

    /** Takes the policy's bounds and step where it has them, the form's own bounds otherwise. */
    void follow(FieldPolicy policy) {
        min = orElse(policy.min(), formMin);
        max = Math.max(min, orElse(policy.max(), formMax));
        step = orElse(policy.step(), 1);
    }

    @Override
    public void decrement(int steps) {
        move(-steps);
    }

    @Override
    public void increment(int steps) {
        move(steps);
    }

    private void move(int steps) {
        long base = min > 0 ? min : 0;
        long next;
        try {
            long current = Long.parseLong(text.get().trim());
            long aligned = base + Math.floorDiv(current - base, step) * step;
            next = aligned == current || steps > 0 ? aligned + steps * step : aligned + (steps + 1) * step;
        } catch (RuntimeException e) {
            next = base;
        }
        String value = Long.toString(Math.clamp(next, min, max));
        text.set(value);
        setValue(value);
    }

    private static long orElse(OptionalLong value, long fallback) {
        return value.isPresent() ? value.getAsLong() : fallback;
    }
}
