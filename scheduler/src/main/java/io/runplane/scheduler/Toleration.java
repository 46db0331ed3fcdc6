package io.runplane.scheduler;

/** A task's toleration; operator is Equal or Exists, an empty key with Exists tolerates everything. */
public record Toleration(String key, String operator, String value, String effect) {

    public boolean tolerates(Taint taint) {
        if (!effect.isEmpty() && !effect.equals(taint.effect())) {
            return false;
        }
        if (key.isEmpty()) {
            return "Exists".equals(operator);
        }
        if (!key.equals(taint.key())) {
            return false;
        }
        return "Exists".equals(operator) || value.equals(taint.value());
    }
}
