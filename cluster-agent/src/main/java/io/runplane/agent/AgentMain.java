package io.runplane.agent;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's command line. The first argument names a subcommand; without one (or when it is a
 * flag) the agent serves. Subcommands are registered in {@link #COMMANDS}; {@code policy} is
 * reserved for {@code policy check ...} (class {@value #POLICY_COMMAND_CLASS}, an
 * {@link AgentCommand}), loaded when present in the build.
 */
public final class AgentMain {

    static final String POLICY_COMMAND_CLASS = "io.runplane.agent.policy.PolicyCheckCommand";

    private static final Map<String, AgentCommand> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("serve", new ServeCommand());
        COMMANDS.put("policy", AgentMain::policy);
    }

    private AgentMain() {
    }

    public static void main(String[] args) {
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

    private static int policy(List<String> args, PrintStream out, PrintStream err) {
        try {
            Class<?> type = Class.forName(POLICY_COMMAND_CLASS);
            AgentCommand command = (AgentCommand) type.getDeclaredConstructor().newInstance();
            return command.run(args, out, err);
        } catch (ClassNotFoundException e) {
            err.println("runplane-agent: the policy commands are not part of this build");
            return 2;
        } catch (ReflectiveOperationException | ClassCastException e) {
            err.println("runplane-agent: cannot load " + POLICY_COMMAND_CLASS + ": " + e);
            return 1;
        }
    }
}
