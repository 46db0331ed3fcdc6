package io.runplane.console;

import io.runplane.console.app.ConsoleApp;
import io.runplane.console.app.ConsoleOptions;
import io.runplane.console.bench.ConsoleBench;
import io.runplane.console.connection.RemoteClusterConnector;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;

/**
 * Starts the console. Not an {@link Application} itself, so that JavaFX runs from the class path
 * (a shaded jar) without the launcher's module check.
 */
public final class ConsoleMain {

    private ConsoleMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("bench")) {
            int code = ConsoleBench.run(List.of(args).subList(1, args.length), System.out, System.err);
            Platform.exit();
            System.exit(code);
        }
        try {
            ConsoleOptions options = ConsoleOptions.parse(List.of(args));
            if (options.connect() != null) {
                options.remote();
            }
        } catch (ConsoleOptions.HelpRequested help) {
            System.out.print(ConsoleOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("runplane-console: " + e.getMessage());
            System.err.print(ConsoleOptions.USAGE);
            System.exit(2);
        }
        Application.launch(ConsoleApp.class, args);
    }
}
