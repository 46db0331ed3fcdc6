package io.runplane.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a quantity measures, and the resolution a workload spec stores it in: CPU cores are stored
 * in millicores, memory in MiB. Limits and values are compared at that resolution, rounding up, so
 * that a default of {@code 20G} still satisfies a maximum of {@code 20G} once stored.
 */
public enum QuantityUnit {
    /** CPU cores: {@code 0.5}, {@code 2}, {@code 500m}. */
    CORES(new BigDecimal("0.001")),
    /** Bytes: {@code 512Mi}, {@code 20G}, {@code 1073741824}. */
    BYTES(BigDecimal.valueOf(1L << 20));

    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);

    private final BigDecimal resolution;

    QuantityUnit(BigDecimal resolution) {
        this.resolution = resolution;
    }

    /**
     * The amount (cores or bytes) in the spec's unit (millicores or MiB), rounded up; amounts beyond
     * the range of {@code long} saturate.
     */
    public long toSpecUnits(BigDecimal amount) {
        BigDecimal units = amount.divide(resolution, 0, RoundingMode.CEILING);
        if (units.compareTo(LONG_MAX) > 0) {
            return Long.MAX_VALUE;
        }
        if (units.compareTo(LONG_MIN) < 0) {
            return Long.MIN_VALUE;
        }
        return units.longValue();
    }

    /** The amount (cores or bytes) of a value stored in the spec's unit. */
    public BigDecimal fromSpecUnits(long specUnits) {
        return resolution.multiply(BigDecimal.valueOf(specUnits));
    }
}
