package io.runplane.agent.organization;

/** How much of the spare capacity a project or department may borrow: the scheduler's over-quota weight. */
public enum OverQuota {
    NONE(0), LOWEST(1), LOW(2), MEDIUM(3), HIGH(4);

    private final double weight;

    OverQuota(double weight) {
        this.weight = weight;
    }

    public double weight() {
        return weight;
    }

    /** The priority nearest to a weight of the cluster file (0 = none, 4 or more = high). */
    public static OverQuota ofWeight(double weight) {
        long nearest = Math.clamp(Math.round(weight), 0, values().length - 1);
        return values()[(int) nearest];
    }
}
