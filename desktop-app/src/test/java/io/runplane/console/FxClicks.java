package io.runplane.console;

import java.util.function.Supplier;
import javafx.scene.Node;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Clicks for TestFX tests on a console whose tables and logs change while the robot aims: TestFX
 * measures the target on the test thread, which can race with a layout pass on the FX thread and
 * fail before anything is clicked. Such a miss is retried; a click that happened is never repeated.
 */
public final class FxClicks {

    private FxClicks() {
    }

    public static void click(FxRobot robot, String query) {
        aimThenClick(() -> robot.clickOn(query));
    }

    public static void click(FxRobot robot, Node node) {
        aimThenClick(() -> robot.clickOn(node));
    }

    private static void aimThenClick(Supplier<?> click) {
        for (int attempt = 1; ; attempt++) {
            try {
                click.get();
                return;
            } catch (NullPointerException | IndexOutOfBoundsException e) {
                if (attempt == 5) {
                    throw e;
                }
                WaitForAsyncUtils.waitForFxEvents();
            }
        }
    }
}
