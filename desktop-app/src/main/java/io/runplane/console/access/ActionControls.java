package io.runplane.console.access;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

/**
 * Binds controls to an action's availability. A disabled control receives no mouse events, so its
 * tooltip would never show; the tooltip sits on a holder around it and says why the action is off.
 */
public final class ActionControls {

    private ActionControls() {
    }

    /** Returns the holder to put in the layout in place of {@code control}. */
    public static Node guard(Control control, String help, ObservableValue<Availability> availability) {
        control.disableProperty().bind(availability.map(a -> !a.allowed()));
        Tooltip helpTip = new Tooltip(help);
        Tooltip reasonTip = new Tooltip();
        reasonTip.textProperty().bind(availability.map(Availability::reason));
        reasonTip.setWrapText(true);
        reasonTip.setMaxWidth(360);
        StackPane holder = new StackPane(control);
        holder.setId(control.getId() + "-holder");
        availability.subscribe(a -> {
            if (a.allowed()) {
                Tooltip.uninstall(holder, reasonTip);
                control.setTooltip(helpTip);
            } else {
                control.setTooltip(null);
                Tooltip.install(holder, reasonTip);
            }
        });
        return holder;
    }

    /**
     * A menu item shows no tooltip (and a disabled one no hover at all), so a refused item says why
     * in its own text: "Stop — You are a Viewer in project nlp: stopping workloads needs Workloads › Edit".
     */
    public static void guard(MenuItem item, ObservableValue<Availability> availability) {
        String name = item.getText();
        item.disableProperty().bind(Bindings.createBooleanBinding(() -> !availability.getValue().allowed(), availability));
        item.textProperty().bind(availability.map(a -> a.allowed() ? name : name + " — " + a.reason()));
    }
}
