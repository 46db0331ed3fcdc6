package io.runplane.scheduler.simulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code java -jar runplane-simulator.jar SCENARIO.yaml} runs a scenario and prints its JSON report;
 * {@code java -jar runplane-simulator.jar bench --nodes N ...} generates a cluster and times cycles.
 * Exit code 0 on success, 2 on a bad scenario or bad arguments (one line on stderr).
 */
public final class SimulatorMain {

    public static final int BAD_INPUT = 2;

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: runplane-simulator SCENARIO.yaml | bench --nodes N --gpus-per-node G --pods P "
                    + "--queues Q --seed S [--cycles C] [--running-fraction F] [--single-gpu] [--new-records | --decided-records]");
            return BAD_INPUT;
        }
        if (args[0].equals("bench")) {
            try {
                out.println(Bench.run(BenchOptions.parse(Arrays.copyOfRange(args, 1, args.length))));
                return 0;
            } catch (IllegalArgumentException e) {
                err.println("bench: " + e.getMessage());
                return BAD_INPUT;
            }
        }
        Path file = Path.of(args[0]);
        long start = System.nanoTime();
        Scenario scenario;
        try {
            scenario = ScenarioLoader.load(file);
        } catch (ScenarioException e) {
            err.println(file + ": " + e.getMessage());
            return BAD_INPUT;
        }
        double loadMillis = (System.nanoTime() - start) / 1e6;
        Simulation simulation = new Simulation(scenario);
        simulation.run();
        out.println(SimulationReport.toJson(simulation, loadMillis));
        return 0;
    }
}
