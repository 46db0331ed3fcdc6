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
    public static Node guard(Control control, String help, ObservableValue<WorkloadAction.Availability> availability) {
        control.disableProperty().bind(availability.map(a -> !a.allowed()));
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(availability.map(a -> a.allowed() ? help : a.reason()));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(360);
        StackPane holder = new StackPane(control);
        holder.setId(control.getId() + "-holder");
        holder.getStyleClass().add("action-holder");
        Tooltip.install(holder, tooltip);
        return holder;
    }

    public static void guard(MenuItem item, ObservableValue<WorkloadAction.Availability> availability) {
        item.disableProperty().bind(Bindings.createBooleanBinding(() -> !availability.getValue().allowed(), availability));
    }
}
