package io.runplane.console.access;

/** Whether an action may be taken now, and if not, a sentence saying why. */
public record Availability(boolean allowed, String reason) {

    public static final Availability ALLOWED = new Availability(true, "");

    public static Availability refused(String reason) {
        return new Availability(false, reason);
    }
}
