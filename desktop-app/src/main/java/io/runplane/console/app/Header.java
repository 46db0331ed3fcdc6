package io.runplane.console.app;

import io.runplane.console.connection.ConnectionViewModel;
import io.runplane.console.connection.Reconnection;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/**
 * The window's header: the logo and the navigation on the left; on the right the reconnection
 * state, the cluster profile, the connection state and the signed-in user. The navigation never
 * shrinks; when the window is too narrow the profile and the user give way, with an ellipsis and
 * their full text in a tooltip. The connection state is one word; its tooltip says where to.
 */
final class Header {

    private static final double SHRUNK_TEXT = 90;

    private final ConnectionViewModel connection;
    private final ToggleGroup navigation = new ToggleGroup();
    private final Label reconnecting = new Label();
    private final HBox reconnectBox = new HBox(6);
    private final HBox root;
    private Reconnection followed;

    /**
     * @param openConnect with saved clusters, opens the Connect dialog from the profile button
     * @param showScreen  shows the screen of a navigation button's id ("nav-workloads", …)
     */
    Header(ConnectionViewModel connection, Optional<Runnable> openConnect, Consumer<String> showScreen) {
        this.connection = connection;
        Label logo = new Label("Runplane", Icons.icon(MaterialDesignC.CHIP, "logo-icon"));
        logo.getStyleClass().add("logo");
        logo.setMinWidth(Region.USE_PREF_SIZE);
        ToggleButton workloads = nav("Workloads", MaterialDesignF.FORMAT_LIST_BULLETED, "nav-workloads");
        HBox navBox = new HBox(4, workloads,
                nav("Overview", MaterialDesignV.VIEW_DASHBOARD_OUTLINE, "nav-overview"),
                nav("Organization", MaterialDesignD.DOMAIN, "nav-organization"),
                nav("Access", MaterialDesignS.SHIELD_ACCOUNT_OUTLINE, "nav-access"),
                nav("Audit", MaterialDesignH.HISTORY, "nav-audit"));
        navBox.getStyleClass().add("nav");
        navBox.setMinWidth(Region.USE_PREF_SIZE);
        navBox.disableProperty().bind(connection.stateProperty().isNotEqualTo(ConnectionViewModel.State.CONNECTED));
        workloads.setSelected(true);
        navigation.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                showScreen.accept((String) now.getUserData());
            }
        });

        Label state = connectionState();
        reconnectBox();
        state.visibleProperty().bind(reconnectBox.visibleProperty().not());
        state.managedProperty().bind(state.visibleProperty());
        Region spacer = new Region();
        spacer.setMinWidth(8);
        HBox.setHgrow(spacer, Priority.ALWAYS);
        root = new HBox(12, logo, navBox, spacer, reconnectBox, state, identity());
        openConnect.ifPresent(open -> root.getChildren().add(root.getChildren().indexOf(state), profileButton(open)));
        root.setAlignment(Pos.CENTER_LEFT);
        root.getStyleClass().add("header");
    }

    Node root() {
        return root;
    }

    /** The id of the selected navigation button. */
    String selectedScreen() {
        return (String) navigation.getSelectedToggle().getUserData();
    }

    /** Shows the state of the session's watch while it reconnects, with "Retry now". */
    void follow(Reconnection reconnection) {
        followed = reconnection;
        reconnecting.textProperty().bind(reconnection.messageProperty());
        reconnectBox.visibleProperty().bind(reconnection.reconnectingProperty());
    }

    void unfollow() {
        followed = null;
        reconnecting.textProperty().unbind();
        reconnectBox.visibleProperty().unbind();
        reconnectBox.setVisible(false);
    }

    private Label connectionState() {
        Label state = new Label();
        state.setId("connection-state");
        state.getStyleClass().add("connection-state");
        state.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip where = new Tooltip();
        where.textProperty().bind(connection.messageProperty());
        state.setTooltip(where);
        connection.stateProperty().subscribe(s -> {
            state.setText(switch (s) {
                case CONNECTED -> "Connected";
                case FAILED -> "Not connected";
                case CONNECTING -> "Connecting…";
                case IDLE -> "Not connected";
            });
            state.getStyleClass().removeAll("connected", "connecting", "failed");
            state.getStyleClass().add(switch (s) {
                case CONNECTED -> "connected";
                case FAILED -> "failed";
                default -> "connecting";
            });
            state.setGraphic(Icons.icon(switch (s) {
                case CONNECTED -> MaterialDesignL.LAN_CONNECT;
                case FAILED -> MaterialDesignL.LAN_DISCONNECT;
                default -> MaterialDesignL.LAN_PENDING;
            }));
        });
        return state;
    }

    private Label identity() {
        Label identity = new Label();
        identity.setId("identity");
        identity.getStyleClass().add("identity");
        identity.setGraphic(Icons.icon(MaterialDesignA.ACCOUNT_CIRCLE_OUTLINE));
        identity.textProperty().bind(connection.identityProperty());
        identity.visibleProperty().bind(connection.identityProperty().isNotEmpty());
        shrinkable(identity);
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(connection.identityProperty().map(who -> "Signed in as " + who));
        identity.setTooltip(whole);
        return identity;
    }

    private void reconnectBox() {
        reconnecting.setId("reconnect-state");
        reconnecting.getStyleClass().add("reconnect-state");
        reconnecting.setGraphic(Icons.icon(MaterialDesignL.LAN_PENDING));
        reconnecting.setMinWidth(Region.USE_PREF_SIZE);
        Button retryNow = new Button("Retry now", Icons.icon(MaterialDesignR.RELOAD));
        retryNow.setId("reconnect-now");
        retryNow.setMinWidth(Region.USE_PREF_SIZE);
        retryNow.setOnAction(e -> {
            if (followed != null) {
                followed.retryNow();
            }
        });
        reconnectBox.getChildren().setAll(reconnecting, retryNow);
        reconnectBox.setAlignment(Pos.CENTER_LEFT);
        reconnectBox.setVisible(false);
        reconnectBox.managedProperty().bind(reconnectBox.visibleProperty());
    }

    private Button profileButton(Runnable openConnect) {
        Button button = new Button();
        button.setId("open-connect");
        button.setGraphic(Icons.icon(MaterialDesignS.SERVER_NETWORK));
        button.textProperty().bind(connection.profileProperty().map(p -> p.isEmpty() ? "Connect…" : p + " ▾"));
        shrinkable(button);
        Tooltip help = new Tooltip();
        help.textProperty().bind(connection.profileProperty().map(p -> (p.isEmpty() ? "" : p + "\n")
                + "Connect to another cluster, or add, edit and remove profiles"));
        button.setTooltip(help);
        button.setOnAction(e -> openConnect.run());
        return button;
    }

    /** Gives way to the navigation in a narrow window, ending in an ellipsis. */
    private static void shrinkable(javafx.scene.control.Labeled labeled) {
        labeled.setMinWidth(SHRUNK_TEXT);
        labeled.setTextOverrun(OverrunStyle.ELLIPSIS);
    }

    private ToggleButton nav(String text, Ikon ikon, String id) {
        ToggleButton button = new ToggleButton(text, Icons.icon(ikon));
        button.setId(id);
        button.setUserData(id);
        button.setToggleGroup(navigation);
        button.getStyleClass().add("nav-button");
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }
}
