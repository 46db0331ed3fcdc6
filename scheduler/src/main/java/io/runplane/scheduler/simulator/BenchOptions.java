package io.runplane.scheduler.simulator;

/**
 * Parameters of a synthetic benchmark cluster.
 *
 * @param runningFraction share of the pods generated as already running (those that fit)
 * @param singleGpuOnly   every pod is a one-GPU training pod (the placement-throughput case)
 * @param records         which job records a cycle gets anew
 */
public record BenchOptions(int nodes, int gpusPerNode, int pods, int queues, long seed, int cycles,
                           double runningFraction, boolean singleGpuOnly, JobRecords records) {

    /** Which jobs get new records, equal to their last ones, before each cycle. */
    public enum JobRecords {
        /** None: every job is the same object as in the last cycle. */
        SAME,
        /**
         * The jobs that the last cycle bound or evicted a task of, as a caller that keeps the records
         * of unchanged jobs gives them (the agent): a job it applied a decision to has changed.
         */
        DECIDED,
        /** Every job, as a caller that rebuilds its whole snapshot every cycle gets. */
        ALL
    }

    static BenchOptions parse(String[] args) {
        int nodes = -1;
        int gpus = 8;
        int pods = -1;
        int queues = 20;
        long seed = 1;
        int cycles = 5;
        double running = 0.8;
        boolean single = false;
        JobRecords records = JobRecords.SAME;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--single-gpu")) {
                single = true;
                continue;
            }
            if (flag.equals("--new-records") || flag.equals("--decided-records")) {
                if (records != JobRecords.SAME) {
                    throw new IllegalArgumentException("--new-records and --decided-records exclude each other");
                }
                records = flag.equals("--new-records") ? JobRecords.ALL : JobRecords.DECIDED;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--nodes" -> nodes = positive(flag, value);
                case "--gpus-per-node" -> gpus = positive(flag, value);
                case "--pods" -> pods = positive(flag, value);
                case "--queues" -> queues = positive(flag, value);
                case "--seed" -> seed = number(flag, value);
                case "--cycles" -> cycles = positive(flag, value);
                case "--running-fraction" -> running = fraction(flag, value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (nodes < 0 || pods < 0) {
            throw new IllegalArgumentException("--nodes and --pods are required");
        }
        return new BenchOptions(nodes, gpus, pods, queues, seed, cycles, running, single, records);
    }

    private static int positive(String flag, String value) {
        long parsed = number(flag, value);
        if (parsed < 1 || parsed > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(flag + " must be a positive whole number, not " + value);
        }
        return (int) parsed;
    }

    private static long number(String flag, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, not " + value);
        }
    }

    private static double fraction(String flag, String value) {
        try {
            double parsed = Double.parseDouble(value);
            if (parsed < 0 || parsed > 1) {
                throw new IllegalArgumentException(flag + " must lie between 0 and 1, not " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number, not " + value);
        }
    }
}
