package io.runplane.policy;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes-style quantity: an amount of CPU cores or bytes, with the text it was written as.
 *
 * @param text the quantity as written, e.g. {@code 20G}, {@code 512Mi}, {@code 0.5}, {@code 500m}
 * @param amount the amount in cores or bytes
 * @param unit what the amount measures
 */
public record Quantity(String text, BigDecimal amount, QuantityUnit unit) {

    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)([a-zA-Z]{0,2})");
    private static final BigDecimal MAX_CORES = new BigDecimal("1e12");
    private static final BigDecimal MAX_BYTES = new BigDecimal("1e21");

    /** Checks the components. */
    public Quantity {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(unit, "unit");
    }

    /**
     * Parses a quantity of the given unit. Cores accept a plain number or millicores ({@code 500m});
     * bytes accept a plain number of bytes or a decimal ({@code k M G T P E}) or binary
     * ({@code Ki Mi Gi Ti Pi Ei}) suffix. Amounts above 10^12 cores or 10^21 bytes are refused.
     *
     * @return the quantity, or empty when the text is not one
     */
    public static Optional<Quantity> parse(String text, QuantityUnit unit) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        Optional<BigDecimal> factor = factor(m.group(2), unit);
        if (factor.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal amount = number.multiply(factor.get());
        if (amount.compareTo(unit == QuantityUnit.CORES ? MAX_CORES : MAX_BYTES) > 0) {
            return Optional.empty();
        }
        return Optional.of(new Quantity(text.trim(), amount, unit));
    }

    /** A quantity of cores or bytes stored in a spec as millicores or MiB. */
    public static Quantity ofSpecUnits(long specUnits, QuantityUnit unit) {
        return switch (unit) {
            case CORES -> {
                BigDecimal cores = BigDecimal.valueOf(specUnits, 3).stripTrailingZeros();
                if (cores.scale() < 0) {
                    cores = cores.setScale(0);
                }
                yield new Quantity(cores.toPlainString(), cores, unit);
            }
            case BYTES -> {
                String text = specUnits % 1024 == 0 ? (specUnits / 1024) + "Gi" : specUnits + "Mi";
                yield new Quantity(text, unit.fromSpecUnits(specUnits), unit);
            }
        };
    }

    /** A quantity with a computed amount, written as a plain number (cores, or bytes). */
    public static Quantity ofAmount(BigDecimal amount, QuantityUnit unit) {
        BigDecimal plain = amount.stripTrailingZeros();
        if (plain.scale() < 0) {
            plain = plain.setScale(0);
        }
        return new Quantity(plain.toPlainString(), plain, unit);
    }

    /** This quantity at the spec's resolution (millicores or MiB), rounded up. */
    public long specUnits() {
        return unit.toSpecUnits(amount);
    }

    /** Compares at the spec's resolution. */
    public int compareInSpecUnits(Quantity other) {
        return Long.compare(specUnits(), other.specUnits());
    }

    private static Optional<BigDecimal> factor(String suffix, QuantityUnit unit) {
        if (suffix.isEmpty()) {
            return Optional.of(BigDecimal.ONE);
        }
        if (unit == QuantityUnit.CORES) {
            return suffix.equals("m") ? Optional.of(new BigDecimal("0.001")) : Optional.empty();
        }
        return switch (suffix) {
            case "k", "K" -> Optional.of(BigDecimal.TEN.pow(3));
            case "M" -> Optional.of(BigDecimal.TEN.pow(6));
            case "G" -> Optional.of(BigDecimal.TEN.pow(9));
            case "T" -> Optional.of(BigDecimal.TEN.pow(12));
            case "P" -> Optional.of(BigDecimal.TEN.pow(15));
            case "E" -> Optional.of(BigDecimal.TEN.pow(18));
            case "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" -> Optional.of(BigDecimal.valueOf(2).pow(
                    10 * ("KMGTPE".indexOf(suffix.toUpperCase(Locale.ROOT).charAt(0)) + 1)));
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
