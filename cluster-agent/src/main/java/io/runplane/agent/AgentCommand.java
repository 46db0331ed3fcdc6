package io.runplane.agent;

import java.io.PrintStream;
import java.util.List;

/** A subcommand of the agent's command line ({@code runplane-agent <name> args...}). */
@FunctionalInterface
public interface AgentCommand {

    /** Runs the command and returns the process exit code. */
    int run(List<String> args, PrintStream out, PrintStream err);
}
