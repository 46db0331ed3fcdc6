package io.runplane.console.app;

import java.nio.file.Path;
import java.util.function.Consumer;

/** What every screen of the console shares: the executor, the notices, the settings, the browser. */
public record ConsoleContext(Background background, Notifications notifications, ConsoleSettings settings,
                             Consumer<String> openUrl, Path downloads) {
}
