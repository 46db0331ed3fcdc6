package io.runplane.scheduler.api;

import java.util.List;
import java.util.function.Supplier;

/**
 * Why a job waits, in words for the user. Explanations that need a scan of the pool are composed
 * lazily and written once, when the cycle's result is read, so that jobs failing over and over
 * during a cycle cost nothing to explain.
 */
public final class PendingReason {

    private final Supplier<String> source;
    private String text;

    private PendingReason(Supplier<String> source) {
        this.source = source;
    }

    public static PendingReason of(String text) {
        PendingReason reason = new PendingReason(null);
        reason.text = text;
        return reason;
    }

    public static PendingReason lazy(Supplier<String> text) {
        return new PendingReason(text);
    }

    public PendingReason prefixed(String prefix) {
        return lazy(() -> prefix + text());
    }

    public PendingReason followedBy(String suffix) {
        return lazy(() -> text() + suffix);
    }

    public static PendingReason join(List<PendingReason> reasons, String separator) {
        if (reasons.size() == 1) {
            return reasons.getFirst();
        }
        return lazy(() -> {
            StringBuilder joined = new StringBuilder();
            for (PendingReason reason : reasons) {
                String part = reason.text();
                if (joined.indexOf(part) >= 0) {
                    continue;
                }
                if (!joined.isEmpty()) {
                    joined.append(separator);
                }
                joined.append(part);
            }
            return joined.toString();
        });
    }

    public String text() {
        if (text == null) {
            text = source.get();
        }
        return text;
    }

    @Override
    public String toString() {
        return text();
    }
}
