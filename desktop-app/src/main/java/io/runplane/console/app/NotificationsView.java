package io.runplane.console.app;

import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;

/** Toast cards in the bottom-right corner, one per notice; errors stay longer. */
public final class NotificationsView {

    private final VBox root = new VBox(8);
    private final Notifications notifications;

    public NotificationsView(Notifications notifications) {
        this.notifications = notifications;
        root.getStyleClass().add("notifications");
        root.setAlignment(Pos.BOTTOM_RIGHT);
        root.setPickOnBounds(false);
        root.setMaxWidth(420);
        notifications.notices().addListener((ListChangeListener<Notifications.Notice>) change -> render());
    }

    public VBox root() {
        return root;
    }

    private final java.util.Map<Notifications.Notice, HBox> cards = new java.util.IdentityHashMap<>();

    private void render() {
        java.util.Set<Notifications.Notice> live = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        live.addAll(notifications.notices());
        cards.keySet().retainAll(live);
        root.getChildren().setAll(notifications.notices().stream().map(n -> cards.computeIfAbsent(n, this::card)).toList());
    }

    private HBox card(Notifications.Notice notice) {
        Label title = new Label(notice.title());
        title.getStyleClass().add("notice-title");
        Label message = new Label(notice.message());
        message.getStyleClass().add("notice-message");
        message.setWrapText(true);
        VBox text = new VBox(2, title, message);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button(null, Icons.icon(MaterialDesignC.CLOSE));
        close.getStyleClass().addAll("flat", "notice-close");
        close.setOnAction(e -> notifications.dismiss(notice));
        var icon = switch (notice.level()) {
            case ERROR -> Icons.icon(MaterialDesignA.ALERT_CIRCLE, "notice-icon");
            case SUCCESS -> Icons.icon(MaterialDesignC.CHECK_CIRCLE, "notice-icon");
            case INFO -> Icons.icon(MaterialDesignI.INFORMATION_OUTLINE, "notice-icon");
        };
        HBox card = new HBox(10, icon, text, close);
        card.setAlignment(Pos.TOP_LEFT);
        card.getStyleClass().addAll("notice", "notice-" + notice.level().name().toLowerCase(java.util.Locale.ROOT));
        card.setMaxWidth(420);
        card.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        PauseTransition timer = new PauseTransition(Duration.seconds(notice.level() == Notifications.Level.ERROR ? 12 : 5));
        timer.setOnFinished(e -> notifications.dismiss(notice));
        timer.play();
        return card;
    }
}
