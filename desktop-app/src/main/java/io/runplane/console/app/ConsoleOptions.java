package io.runplane.console.app;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line: {@code [--data DIR] [--connect HOST:PORT] [--clock-speed N]}.
 *
 * @param dataDir    where the embedded agent keeps the local cluster, and the console its settings
 * @param connect    an agent to connect to instead of starting the embedded one, or null
 * @param clockSpeed how much faster than real time the simulated cluster runs (embedded only)
 */
public record ConsoleOptions(Path dataDir, String connect, double clockSpeed) {

    public static final String USAGE = """
            Usage: java -jar runplane-console.jar [--data DIR] [--connect HOST:PORT] [--clock-speed N]
              --data DIR           local cluster data and console settings (default ~/.runplane/local)
              --connect HOST:PORT  connect to a running Runplane agent instead of the local simulated cluster
              --clock-speed N      run the local simulated cluster N times faster than real time (default 1)
            """;

    public static ConsoleOptions parse(List<String> args) {
        Path data = Path.of(System.getProperty("user.home"), ".runplane", "local");
        String connect = null;
        double speed = 1;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--data" -> data = Path.of(value(args, ++i, arg));
                case "--connect" -> connect = value(args, ++i, arg);
                case "--clock-speed" -> {
                    String v = value(args, ++i, arg);
                    try {
                        speed = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--clock-speed expects a number, got '" + v + "'");
                    }
                    if (!(speed > 0) || Double.isInfinite(speed)) {
                        throw new IllegalArgumentException("--clock-speed must be greater than 0");
                    }
                }
                case "--help", "-h" -> throw new HelpRequested();
                default -> {
                    if (arg.startsWith("--data=")) {
                        data = Path.of(arg.substring(7));
                    } else if (arg.startsWith("--connect=")) {
                        connect = arg.substring(10);
                    } else {
                        throw new IllegalArgumentException("unknown option '" + arg + "'");
                    }
                }
            }
        }
        return new ConsoleOptions(data.toAbsolutePath(), connect, speed);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    /** Thrown by {@link #parse} for {@code --help}. */
    public static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help", null, false, false);
        }
    }
}
