package io.runplane.agent.loadtest;

import java.util.List;
import java.util.Optional;

/**
 * What a load test does: how many watchers, how many submissions per second, for how long, against
 * which agent.
 */
record LoadTestOptions(String host, int port, int watchers, int rate, int seconds, Optional<String> project,
                       Optional<String> token, boolean cleanup, int maxInFlight) {

    static final String USAGE = """
            usage: runplane-agent loadtest [--target HOST:PORT] [--watchers N] [--rate PER_SECOND]
                                           [--seconds S] [--project P] [--token T] [--cleanup]
              --target    the agent (default 127.0.0.1:50051)
              --watchers  open Watch streams (default 100)
              --rate      workload submissions per second (default 1000)
              --seconds   how long to submit (default 10)
              --project   the project to submit into (default: the first the agent lists)
              --token     a bearer token, for agents that require one
              --cleanup   delete the submitted workloads afterwards
            """;

    static LoadTestOptions parse(List<String> args) {
        String host = "127.0.0.1";
        int port = 50051;
        int watchers = 100;
        int rate = 1000;
        int seconds = 10;
        Optional<String> project = Optional.empty();
        Optional<String> token = Optional.empty();
        boolean cleanup = false;
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("--cleanup")) {
                cleanup = true;
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(flag + ": needs a value");
            }
            String value = args.get(++i);
            switch (flag) {
                case "--target" -> {
                    int colon = value.lastIndexOf(':');
                    if (colon <= 0) {
                        throw new IllegalArgumentException("--target: expected HOST:PORT, got " + value);
                    }
                    host = value.substring(0, colon);
                    port = number(flag, value.substring(colon + 1), 1, 65535);
                }
                case "--watchers" -> watchers = number(flag, value, 0, 10_000);
                case "--rate" -> rate = number(flag, value, 1, 1_000_000);
                case "--seconds" -> seconds = number(flag, value, 1, 3600);
                case "--project" -> project = Optional.of(value);
                case "--token" -> token = Optional.of(value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return new LoadTestOptions(host, port, watchers, rate, seconds, project, token, cleanup, 1024);
    }

    private static int number(String flag, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException(flag + ": must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": not a whole number: " + value, e);
        }
    }
}
