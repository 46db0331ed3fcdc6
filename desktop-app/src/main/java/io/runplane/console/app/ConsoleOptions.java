package io.runplane.console.app;

import io.runplane.console.connection.RemoteClusterConnector;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line: {@code [--data DIR] [--connect HOST:PORT [--token TOKEN] [--tls] [--tls-ca FILE]] [--clock-speed N]}.
 *
 * @param dataDir    where the embedded agent keeps the local cluster, and the console its settings
 * @param connect    an agent to connect to instead of starting the embedded one, or null
 * @param clockSpeed how much faster than real time the simulated cluster runs (embedded only)
 * @param token      the bearer token for {@code connect} (from {@code --token} or {@code RUNPLANE_TOKEN})
 * @param transport  plaintext or TLS for {@code connect}
 */
public record ConsoleOptions(Path dataDir, String connect, double clockSpeed, Optional<String> token,
                             RemoteClusterConnector.Transport transport) {

    public static final String TOKEN_VARIABLE = "RUNPLANE_TOKEN";

    public static final String USAGE = """
            Usage: java -jar runplane-console.jar [--data DIR] [--connect HOST:PORT [--token TOKEN] [--tls] [--tls-ca FILE]]
                                                  [--clock-speed N]
              --data DIR           local cluster data and console settings (default ~/.runplane/local)
              --connect HOST:PORT  connect to a running Runplane agent instead of the local simulated cluster
              --token TOKEN        bearer token for --connect (default: the RUNPLANE_TOKEN environment variable)
              --tls                connect with TLS, trusting the system's certificate authorities
              --tls-ca FILE        connect with TLS, trusting the PEM certificate authority in FILE
              --clock-speed N      run the local simulated cluster N times faster than real time (default 1)
            """;

    public static ConsoleOptions parse(List<String> args) {
        return parse(args, System.getenv());
    }

    /** Parses the arguments; {@code environment} supplies {@value #TOKEN_VARIABLE} when there is no {@code --token}. */
    public static ConsoleOptions parse(List<String> args, Map<String, String> environment) {
        Path data = Path.of(System.getProperty("user.home"), ".runplane", "local");
        String connect = null;
        double speed = 1;
        String token = null;
        boolean tls = false;
        Path ca = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--data" -> data = Path.of(value(args, ++i, arg));
                case "--connect" -> connect = value(args, ++i, arg);
                case "--token" -> token = value(args, ++i, arg);
                case "--tls" -> tls = true;
                case "--tls-ca" -> {
                    ca = Path.of(value(args, ++i, arg));
                    tls = true;
                }
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
        if (connect == null) {
            if (token != null || tls) {
                throw new IllegalArgumentException("--token, --tls and --tls-ca apply to --connect only;"
                        + " the local cluster signs in by itself");
            }
            return new ConsoleOptions(data.toAbsolutePath(), null, speed, Optional.empty(), RemoteClusterConnector.Transport.PLAINTEXT);
        }
        if (token == null) {
            token = environment.get(TOKEN_VARIABLE);
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("--connect needs a token: --token TOKEN or the " + TOKEN_VARIABLE
                    + " environment variable");
        }
        RemoteClusterConnector.Transport transport = tls
                ? RemoteClusterConnector.Transport.tls(Optional.ofNullable(ca)) : RemoteClusterConnector.Transport.PLAINTEXT;
        return new ConsoleOptions(data.toAbsolutePath(), connect, speed, Optional.of(token.strip()), transport);
    }

    /** The connector to the agent of {@code --connect}; only when {@link #connect()} is set. */
    public RemoteClusterConnector remote() {
        return RemoteClusterConnector.parse(connect, token.orElseThrow(), transport);
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
