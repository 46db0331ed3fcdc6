package io.runplane.agent;

import io.runplane.agent.loadtest.LoadTest;
import io.runplane.agent.policy.PolicyCheckCommand;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's command line. The first argument names a subcommand; without one (or when it is a
 * flag) the agent serves. Subcommands are registered in {@link #COMMANDS}.
 */
public final class AgentMain {

    private static final Map<String, AgentCommand> COMMANDS = new LinkedHashMap<>();

    /**
     * The leak detector of gRPC's shaded Netty. Its default ({@code simple}) captures a stack trace
     * for every sampled buffer, thousands per second under load; the agent's command line turns it
     * off unless the property is given ({@code -D...=simple} or {@code paranoid} to hunt a leak).
     */
    static final String NETTY_LEAK_DETECTION = "io.grpc.netty.shaded.io.netty.leakDetection.level";

    static {
        COMMANDS.put("serve", new ServeCommand());
        COMMANDS.put("token", new TokenCommand());
        COMMANDS.put("policy", PolicyCheckCommand::run);
        COMMANDS.put("loadtest", new LoadTest());
    }

    private AgentMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty(NETTY_LEAK_DETECTION) == null) {
            System.setProperty(NETTY_LEAK_DETECTION, "disabled");
        }
        int code = run(Arrays.asList(args), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.getFirst().startsWith("-")) {
            return COMMANDS.get("serve").run(args, out, err);
        }
        AgentCommand command = COMMANDS.get(args.getFirst());
        if (command == null) {
            err.println("runplane-agent: unknown command " + args.getFirst() + "; commands: " + COMMANDS.keySet());
            err.print(ServeCommand.USAGE);
            return 2;
        }
        return command.run(args.subList(1, args.size()), out, err);
    }
}
