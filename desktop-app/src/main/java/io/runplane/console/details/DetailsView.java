package io.runplane.console.details;

import io.runplane.api.v1.Workload;
import io.runplane.console.app.Icons;
import io.runplane.console.workloads.WorkloadText;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/** The details of the selected workload: a header, then Event history, Metrics and Logs tabs. */
public final class DetailsView {

    private final VBox root = new VBox();
    private final TabPane tabs = new TabPane();

    public DetailsView(ObservableValue<Workload> selected, Node events, Node metrics, Node logs) {
        root.getStyleClass().add("details");
        Label title = new Label();
        title.setId("details-title");
        title.getStyleClass().add("details-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> {
            Workload w = selected.getValue();
            return w == null ? "No workload selected" : w.getSpec().getName();
        }, selected));
        Label subtitle = new Label();
        subtitle.getStyleClass().add("muted");
        subtitle.setId("details-subtitle");
        subtitle.textProperty().bind(Bindings.createStringBinding(() -> {
            Workload w = selected.getValue();
            if (w == null) {
                return "Select a row to see its events, metrics and logs";
            }
            String text = WorkloadText.type(w.getSpec().getType()) + " · " + w.getSpec().getProject() + " · "
                    + WorkloadText.status(w.getStatus()) + " · " + w.getSpec().getImage();
            return w.getStatusMessage().isBlank() ? text : text + " · " + w.getStatusMessage();
        }, selected));
        HBox header = new HBox(12, title, subtitle);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.getStyleClass().add("details-header");

        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("details-tabs");
        if (events != null) {
            tabs.getTabs().add(tab("Event history", MaterialDesignH.HISTORY, events, "tab-events"));
        }
        if (metrics != null) {
            tabs.getTabs().add(tab("Metrics", MaterialDesignC.CHART_LINE, metrics, "tab-metrics"));
        }
        tabs.getTabs().add(tab("Logs", MaterialDesignT.TEXT_BOX_OUTLINE, logs, "tab-logs"));
        tabs.getSelectionModel().select(tabs.getTabs().size() - 1);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        root.getChildren().addAll(header, tabs);
    }

    public VBox root() {
        return root;
    }

    public TabPane tabs() {
        return tabs;
    }

    private static Tab tab(String text, org.kordamp.ikonli.Ikon ikon, Node content, String id) {
        Tab tab = new Tab(text, content);
        tab.setGraphic(Icons.icon(ikon));
        tab.setId(id);
        return tab;
    }
}
