package io.runplane.console.logs;

import io.runplane.console.app.Icons;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.FileChooser;
import org.controlsfx.control.textfield.CustomTextField;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/** The logs pane: pod picker, follow, wrap, timestamps, search with highlight, download. */
public final class LogsView {

    private final LogsViewModel viewModel;
    private final VBox root = new VBox();
    private final ListView<String> list = new ListView<>();

    public LogsView(LogsViewModel viewModel) {
        this.viewModel = viewModel;
        root.getStyleClass().add("logs-pane");
        root.getChildren().addAll(toolbar(), list, statusBar());
        VBox.setVgrow(list, Priority.ALWAYS);
        list.setId("logs-list");
        list.getStyleClass().add("logs-list");
        list.setItems(viewModel.lines());
        list.setCellFactory(l -> new LineCell());
        list.setPlaceholder(placeholder());
        viewModel.lines().addListener((ListChangeListener<String>) change -> {
            if (viewModel.followProperty().get() && !viewModel.lines().isEmpty()) {
                // after the list's own listeners have seen the change (one post per batch of lines)
                Platform.runLater(() -> list.scrollTo(list.getItems().size() - 1));
            }
        });
        viewModel.wrapProperty().addListener((obs, old, on) -> list.refresh());
        viewModel.searchProperty().addListener((obs, old, now) -> list.refresh());
    }

    public VBox root() {
        return root;
    }

    private Node toolbar() {
        ComboBox<String> pod = new ComboBox<>(viewModel.pods());
        pod.setId("logs-pod");
        pod.valueProperty().bindBidirectional(viewModel.podProperty());
        pod.setPrefWidth(240);
        ToggleButton follow = toggle("Follow", MaterialDesignA.ARROW_DOWN_BOLD_CIRCLE_OUTLINE, "logs-follow",
                "Stream new lines as they are written");
        follow.selectedProperty().bindBidirectional(viewModel.followProperty());
        ToggleButton wrap = toggle("Wrap", MaterialDesignW.WRAP, "logs-wrap", "Wrap long lines");
        wrap.selectedProperty().bindBidirectional(viewModel.wrapProperty());
        ToggleButton time = toggle("Timestamps", MaterialDesignC.CLOCK_OUTLINE, "logs-timestamps", "Show timestamps");
        time.selectedProperty().bindBidirectional(viewModel.timestampsProperty());
        CustomTextField search = new CustomTextField();
        search.setId("logs-search");
        search.setPromptText("Search logs");
        search.setLeft(Icons.icon(MaterialDesignM.MAGNIFY, "search-icon"));
        search.textProperty().bindBidirectional(viewModel.searchProperty());
        Label matches = new Label();
        matches.setId("logs-matches");
        matches.getStyleClass().add("muted");
        matches.textProperty().bind(Bindings.createStringBinding(() -> viewModel.searchProperty().get().isEmpty() ? ""
                : viewModel.matchesProperty().get() + " matching lines", viewModel.searchProperty(), viewModel.matchesProperty()));
        Button download = new Button(null, Icons.icon(MaterialDesignD.DOWNLOAD));
        download.setId("logs-download");
        download.setTooltip(new Tooltip("Download these lines to a file"));
        download.disableProperty().bind(Bindings.isEmpty(viewModel.lines()));
        download.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save logs");
            var ref = viewModel.workloadProperty().get();
            chooser.setInitialFileName((ref == null ? "workload" : ref.getName()) + ".log");
            File file = chooser.showSaveDialog(root.getScene().getWindow());
            if (file != null) {
                viewModel.download(file.toPath());
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(6, pod, follow, wrap, time, spacer, matches, search, download);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("pane-toolbar");
        return bar;
    }

    private Node statusBar() {
        Label status = new Label();
        status.setId("logs-status");
        status.getStyleClass().add("muted");
        status.textProperty().bind(viewModel.statusProperty());
        HBox bar = new HBox(status);
        bar.getStyleClass().add("pane-status");
        return bar;
    }

    private Node placeholder() {
        Label label = new Label();
        label.getStyleClass().add("muted");
        label.textProperty().bind(Bindings.createStringBinding(() -> viewModel.workloadProperty().get() == null
                ? "Select a workload to see its logs" : "No log lines yet", viewModel.workloadProperty()));
        return label;
    }

    private static ToggleButton toggle(String text, org.kordamp.ikonli.Ikon ikon, String id, String tip) {
        ToggleButton button = new ToggleButton(text, Icons.icon(ikon));
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        return button;
    }

    private final class LineCell extends ListCell<String> {
        LineCell() {
            getStyleClass().add("log-line");
        }

        @Override
        protected void updateItem(String line, boolean empty) {
            super.updateItem(line, empty);
            if (empty || line == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            boolean wrap = viewModel.wrapProperty().get();
            if (!viewModel.matches(line)) {
                setGraphic(null);
                setText(line);
                setWrapText(wrap);
                setPrefWidth(wrap ? 0 : Region.USE_COMPUTED_SIZE);
                return;
            }
            setText(null);
            setPrefWidth(wrap ? 0 : Region.USE_COMPUTED_SIZE);
            TextFlow flow = new TextFlow();
            flow.getChildren().setAll(highlight(line, viewModel.searchProperty().get()));
            if (wrap) {
                flow.maxWidthProperty().bind(list.widthProperty().subtract(40));
            }
            setGraphic(flow);
        }
    }

    static List<Node> highlight(String line, String term) {
        List<Node> parts = new ArrayList<>();
        String lower = line.toLowerCase(Locale.ROOT);
        String t = term.toLowerCase(Locale.ROOT);
        int from = 0;
        for (int at = lower.indexOf(t); at >= 0 && !t.isEmpty(); at = lower.indexOf(t, from)) {
            if (at > from) {
                parts.add(text(line.substring(from, at), false));
            }
            parts.add(text(line.substring(at, at + t.length()), true));
            from = at + t.length();
        }
        if (from < line.length()) {
            parts.add(text(line.substring(from), false));
        }
        return parts;
    }

    private static Node text(String s, boolean match) {
        Text text = new Text(s);
        text.getStyleClass().add(match ? "log-match" : "log-text");
        return text;
    }
}
