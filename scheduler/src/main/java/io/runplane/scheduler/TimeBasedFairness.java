package io.runplane.scheduler;

import java.time.Duration;
import java.util.Map;

/**
 * The time-based fairness variant: what queues used over a sliding window changes how spare
 * capacity is divided. A queue's over-quota weight w (as a share of its priority group's weights)
 * becomes max(0, w + k·(w − u)), u being the queue's allocation over the window as a share of the
 * cluster's capacity over the window, k the {@code usageWeight}. Deserved quota is untouched.
 *
 * @param window      how far back usage counts
 * @param usageWeight k: 0 = usage plays no part, higher = past usage weighs more
 * @param pastUsage   average allocation of queues (by name) over the window before the first cycle;
 *                    a department without an entry is the sum of its projects
 */
public record TimeBasedFairness(Duration window, double usageWeight, Map<String, Resources> pastUsage) {

    public TimeBasedFairness {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("time-based fairness needs a window longer than 0, not " + window);
        }
        if (usageWeight < 0) {
            throw new IllegalArgumentException("time-based fairness needs a usage weight of 0 or more, not "
                    + usageWeight);
        }
        pastUsage = Map.copyOf(pastUsage);
    }

    public TimeBasedFairness(Duration window, double usageWeight) {
        this(window, usageWeight, Map.of());
    }
}
