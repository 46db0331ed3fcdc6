package io.runplane.console.workloads;

import java.util.Locale;

/** The comparisons of the filter builder. Text compares case-insensitively; numbers numerically. */
public enum FilterOperator {
    EQUALS("=="),
    NOT_EQUALS("!="),
    CONTAINS("contains"),
    STARTS_WITH("starts with"),
    ENDS_WITH("ends with"),
    AT_MOST("<="),
    AT_LEAST(">=");

    private final String symbol;

    FilterOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code actual} (a cell's text, or its number when {@code actualNumber} is set) matches {@code expected}. */
    public boolean test(String actual, Double actualNumber, String expected) {
        String a = actual.toLowerCase(Locale.ROOT);
        String e = expected.trim().toLowerCase(Locale.ROOT);
        Double expectedNumber = parse(e);
        return switch (this) {
            case EQUALS -> actualNumber != null && expectedNumber != null
                    ? actualNumber.doubleValue() == expectedNumber : a.equals(e);
            case NOT_EQUALS -> actualNumber != null && expectedNumber != null
                    ? actualNumber.doubleValue() != expectedNumber : !a.equals(e);
            case CONTAINS -> a.contains(e);
            case STARTS_WITH -> a.startsWith(e);
            case ENDS_WITH -> a.endsWith(e);
            case AT_MOST -> compare(a, actualNumber, e, expectedNumber) <= 0;
            case AT_LEAST -> compare(a, actualNumber, e, expectedNumber) >= 0;
        };
    }

    private static int compare(String a, Double an, String e, Double en) {
        if (an != null && en != null) {
            return Double.compare(an, en);
        }
        return a.compareTo(e);
    }

    private static Double parse(String text) {
        try {
            return text.isEmpty() ? null : Double.valueOf(text);
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    @Override
    public String toString() {
        return symbol;
    }
}
