package io.runplane.console.bench;

import java.util.List;

/**
 * What the console benchmark runs: how many workloads the table holds, how many status changes per
 * second the watch delivers, and for how long the steady state is measured.
 */
public record BenchOptions(int workloads, int changesPerSecond, int seconds) {

    public static final String USAGE = """
            usage: runplane-console bench [--workloads N] [--changes-per-second N] [--seconds N]
              --workloads N           workloads in the watch snapshot (default 10000, 1 to 200000)
              --changes-per-second N  status changes the watch delivers per second (default 200, 0 to 10000)
              --seconds N             how long the steady state is measured (default 60, 1 to 3600)
            Prints one JSON document with the figures, then exits.
            """;

    public BenchOptions {
        check("--workloads", workloads, 1, 200_000);
        check("--changes-per-second", changesPerSecond, 0, 10_000);
        check("--seconds", seconds, 1, 3_600);
    }

    public static BenchOptions defaults() {
        return new BenchOptions(10_000, 200, 60);
    }

    /** Parses the arguments after {@code bench}; throws {@link IllegalArgumentException} naming the option. */
    public static BenchOptions parse(List<String> args) {
        int workloads = 10_000;
        int rate = 200;
        int seconds = 60;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--help") || option.equals("-h")) {
                throw new HelpRequested();
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(option.startsWith("--")
                        ? option + " needs a value" : "unknown argument '" + option + "'");
            }
            String value = args.get(++i);
            switch (option) {
                case "--workloads" -> workloads = number(option, value);
                case "--changes-per-second" -> rate = number(option, value);
                case "--seconds" -> seconds = number(option, value);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'");
            }
        }
        return new BenchOptions(workloads, rate, seconds);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, got '" + value + "'", e);
        }
    }

    private static void check(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    /** {@code --help} was given: print {@link #USAGE} and stop. */
    public static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(null, null, false, false);
        }
    }
}
