package io.runplane.scheduler.api;

import io.runplane.scheduler.Resources;

/** Indexes of the three scheduled resources in the engine's primitive arrays. */
public final class ResourceKind {

    public static final int GPU = 0;
    public static final int CPU = 1;
    public static final int MEMORY = 2;
    public static final int COUNT = 3;

    /** Below this, an amount counts as zero (fractions are summed in doubles). */
    public static final double EPSILON = 1e-9;

    private static final String[] LABELS = {"GPU", "CPU millicores", "memory MiB"};

    private ResourceKind() {
    }

    public static String label(int kind) {
        return LABELS[kind];
    }

    public static double of(Resources resources, int kind) {
        return switch (kind) {
            case GPU -> resources.gpu();
            case CPU -> resources.cpuMillis();
            default -> resources.memoryMiB();
        };
    }

    public static Resources toResources(double[] amounts) {
        return new Resources(round(amounts[GPU]), Math.round(amounts[CPU]), Math.round(amounts[MEMORY]));
    }

    public static String format(double amount) {
        double rounded = round(amount);
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
