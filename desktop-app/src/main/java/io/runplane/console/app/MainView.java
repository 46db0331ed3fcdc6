package io.runplane.console.app;

import io.runplane.console.access.AccessViewModel;
import io.runplane.console.client.RunplaneClient;
import io.runplane.console.connection.ClusterChoices;
import io.runplane.console.connection.ClusterSession;
import io.runplane.console.connection.ConnectDialog;
import io.runplane.console.connection.ConnectionProfile;
import io.runplane.console.connection.ConnectionViewModel;
import io.runplane.console.accessrules.AccessRulesView;
import io.runplane.console.accessrules.AccessRulesViewModel;
import io.runplane.console.audit.AuditView;
import io.runplane.console.audit.AuditViewModel;
import io.runplane.console.details.DetailsView;
import io.runplane.console.events.EventsView;
import io.runplane.console.events.EventsViewModel;
import io.runplane.console.metrics.MetricsView;
import io.runplane.console.metrics.MetricsViewModel;
import io.runplane.console.overview.OverviewView;
import io.runplane.console.overview.OverviewViewModel;
import io.runplane.console.organization.OrganizationView;
import io.runplane.console.organization.OrganizationViewModel;
import io.runplane.console.logs.LogsView;
import io.runplane.console.logs.LogsViewModel;
import io.runplane.console.submit.SubmitView;
import io.runplane.console.submit.SubmitViewModel;
import io.runplane.console.workloads.WorkloadsView;
import io.runplane.console.workloads.WorkloadsViewModel;
import io.runplane.api.v1.Workload;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/**
 * The console window: header with the connection state, navigation, the current screen, a
 * "connecting" overlay while the agent starts, and the notices.
 */
public final class MainView implements AutoCloseable {

    private final ConsoleContext context;
    private final ConnectionViewModel connection;
    private final StackPane root = new StackPane();
    private final BorderPane frame = new BorderPane();
    private final StackPane content = new StackPane();
    private final ToggleGroup navigation = new ToggleGroup();
    private final List<AutoCloseable> screens = new ArrayList<>();
    private final Optional<ClusterChoices> choices;
    private WorkloadsViewModel workloads;
    private WorkloadsView workloadsView;
    private OverviewView overviewView;
    private AccessViewModel access;
    private final Label reconnecting = new Label();
    private final HBox reconnectBox = new HBox(6);
    private OrganizationViewModel organization;
    private OrganizationView organizationView;
    private AccessRulesViewModel accessRules;
    private AccessRulesView accessRulesView;
    private AuditViewModel audit;
    private AuditView auditView;

    public MainView(ConsoleContext context, ConnectionViewModel connection) {
        this(context, connection, Optional.empty());
    }

    /** With {@code choices}, the header offers the Connect dialog to switch between saved clusters. */
    public MainView(ConsoleContext context, ConnectionViewModel connection, Optional<ClusterChoices> choices) {
        this.context = context;
        this.connection = connection;
        this.choices = choices;
        root.getStyleClass().add("console");
        frame.setTop(header());
        frame.setCenter(content);
        content.getStyleClass().add("content");
        NotificationsView notices = new NotificationsView(context.notifications());
        StackPane.setAlignment(notices.root(), Pos.BOTTOM_RIGHT);
        StackPane.setMargin(notices.root(), new Insets(16));
        root.getChildren().addAll(frame, overlay(), notices.root());
        connection.sessionProperty().addListener((obs, old, session) -> {
            if (old != null) {
                closeScreens();
            }
            if (session != null) {
                showCluster(session);
            }
        });
    }

    public Parent root() {
        return root;
    }

    public WorkloadsViewModel workloads() {
        return workloads;
    }

    public WorkloadsView workloadsView() {
        return workloadsView;
    }

    private Node header() {
        Label logo = new Label("Runplane", Icons.icon(MaterialDesignC.CHIP, "logo-icon"));
        logo.getStyleClass().add("logo");
        logo.setMinWidth(Region.USE_PREF_SIZE);
        ToggleButton workloadsNav = nav("Workloads", MaterialDesignF.FORMAT_LIST_BULLETED, "nav-workloads");
        ToggleButton overviewNav = nav("Overview", MaterialDesignV.VIEW_DASHBOARD_OUTLINE, "nav-overview");
        ToggleButton organizationNav = nav("Organization", MaterialDesignD.DOMAIN, "nav-organization");
        ToggleButton accessNav = nav("Access", MaterialDesignS.SHIELD_ACCOUNT_OUTLINE, "nav-access");
        ToggleButton auditNav = nav("Audit", MaterialDesignH.HISTORY, "nav-audit");
        workloadsNav.setSelected(true);
        navigation.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                showScreen((String) now.getUserData());
            }
        });
        HBox navBox = new HBox(4, workloadsNav, overviewNav, organizationNav, accessNav, auditNav);
        navBox.getStyleClass().add("nav");
        navBox.disableProperty().bind(connection.stateProperty().isNotEqualTo(ConnectionViewModel.State.CONNECTED));

        Label state = new Label();
        state.setId("connection-state");
        state.getStyleClass().add("connection-state");
        state.textProperty().bind(connection.messageProperty());
        connection.stateProperty().subscribe(s -> {
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
        Label identity = new Label();
        identity.getStyleClass().add("identity");
        identity.setGraphic(Icons.icon(MaterialDesignA.ACCOUNT_CIRCLE_OUTLINE));
        identity.textProperty().bind(connection.identityProperty());
        identity.visibleProperty().bind(connection.identityProperty().isNotEmpty());
        reconnecting.setId("reconnect-state");
        reconnecting.getStyleClass().add("reconnect-state");
        reconnecting.setGraphic(Icons.icon(MaterialDesignL.LAN_PENDING));
        Button retryNow = new Button("Retry now", Icons.icon(MaterialDesignR.RELOAD));
        retryNow.setId("reconnect-now");
        retryNow.setOnAction(e -> {
            if (workloads != null) {
                workloads.reconnection().retryNow();
            }
        });
        reconnectBox.getChildren().setAll(reconnecting, retryNow);
        reconnectBox.setAlignment(Pos.CENTER_LEFT);
        reconnectBox.setVisible(false);
        reconnectBox.managedProperty().bind(reconnectBox.visibleProperty());
        state.visibleProperty().bind(reconnectBox.visibleProperty().not());
        state.managedProperty().bind(state.visibleProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(16, logo, navBox, spacer, reconnectBox, state, identity);
        choices.ifPresent(c -> header.getChildren().add(header.getChildren().indexOf(state), profileButton()));
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("header");
        return header;
    }

    private Button profileButton() {
        Button button = new Button();
        button.setId("open-connect");
        button.setGraphic(Icons.icon(MaterialDesignS.SERVER_NETWORK));
        button.textProperty().bind(connection.profileProperty().map(p -> p.isEmpty() ? "Connect…" : p + " ▾"));
        button.setTooltip(new javafx.scene.control.Tooltip("Connect to another cluster, or add, edit and remove profiles"));
        button.setOnAction(e -> openConnectDialog());
        return button;
    }

    /** Opens the Connect dialog; does nothing when the console was started for one cluster only. */
    public void openConnectDialog() {
        choices.ifPresent(c -> ConnectDialog.open(root.getScene().getWindow(), c.profiles(),
                profile -> c.use(profile, connection)));
    }

    private ToggleButton nav(String text, org.kordamp.ikonli.Ikon ikon, String id) {
        ToggleButton button = new ToggleButton(text, Icons.icon(ikon));
        button.setId(id);
        button.setUserData(id);
        button.setToggleGroup(navigation);
        button.getStyleClass().add("nav-button");
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    private Node overlay() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(48, 48);
        spinner.visibleProperty().bind(connection.stateProperty().isEqualTo(ConnectionViewModel.State.CONNECTING));
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label title = new Label();
        title.getStyleClass().add("overlay-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> switch (connection.stateProperty().get()) {
            case FAILED -> "Not connected";
            default -> connection.profileProperty().get().isEmpty()
                    || connection.profileProperty().get().equals(ConnectionProfile.LOCAL.label())
                    ? "Starting the local cluster" : "Connecting to " + connection.profileProperty().get();
        }, connection.stateProperty(), connection.profileProperty()));
        Label message = new Label();
        message.setId("overlay-message");
        message.getStyleClass().add("muted");
        message.setWrapText(true);
        message.setMaxWidth(520);
        message.textProperty().bind(connection.messageProperty());
        Button retry = new Button("Retry", Icons.icon(MaterialDesignR.RELOAD));
        retry.setId("connect-retry");
        retry.visibleProperty().bind(connection.stateProperty().isEqualTo(ConnectionViewModel.State.FAILED));
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setOnAction(e -> connection.connect());
        Button other = new Button("Connect to another cluster…", Icons.icon(MaterialDesignS.SERVER_NETWORK));
        other.setId("connect-other");
        other.visibleProperty().bind(retry.visibleProperty().and(new javafx.beans.property.SimpleBooleanProperty(choices.isPresent())));
        other.managedProperty().bind(other.visibleProperty());
        other.setOnAction(e -> openConnectDialog());
        VBox card = new VBox(14, spinner, title, message, new HBox(8, retry, other));
        ((HBox) card.getChildren().getLast()).setAlignment(Pos.CENTER);
        card.setAlignment(Pos.CENTER);
        card.getStyleClass().add("overlay-card");
        card.setMaxSize(560, Region.USE_PREF_SIZE);
        StackPane overlay = new StackPane(card);
        overlay.setId("connecting-overlay");
        overlay.getStyleClass().add("overlay");
        overlay.visibleProperty().bind(connection.stateProperty().isNotEqualTo(ConnectionViewModel.State.CONNECTED));
        return overlay;
    }

    private void showCluster(ClusterSession session) {
        RunplaneClient client = session.client();
        workloads = new WorkloadsViewModel(client, context.background(), context.notifications(), context.settings());
        access = new AccessViewModel(client, context.background());
        workloads.follow(access);
        reconnecting.textProperty().bind(workloads.reconnection().messageProperty());
        reconnectBox.visibleProperty().bind(workloads.reconnection().reconnectingProperty());
        LogsViewModel logs = new LogsViewModel(client, context.background(), context.notifications());
        EventsViewModel events = new EventsViewModel(client, context.background());
        MetricsViewModel metrics = new MetricsViewModel(client, context.background());
        OverviewViewModel overview = new OverviewViewModel(client, context.background());
        organization = new OrganizationViewModel(client, context.background(), context.notifications());
        accessRules = new AccessRulesViewModel(client, context.background(), context.notifications());
        audit = new AuditViewModel(client, context.background(), ZoneId.systemDefault());
        screens.addAll(List.of(workloads, access, logs, events, metrics, overview, organization, accessRules, audit));
        var selection = workloads.selectedWorkloadProperty();
        selection.subscribe(selected -> {
            logs.show(selected);
            events.show(selected);
            metrics.show(selected);
        });
        StackPane details = new StackPane();
        overview.start();
        workloadsView = new WorkloadsView(workloads, new WorkloadsView.Actions() {
            @Override
            public void newWorkload() {
                openForm(client, null);
            }

            @Override
            public void copyAndEdit(Workload workload) {
                context.background().run(() -> client.get(io.runplane.console.workloads.WorkloadText.ref(workload)),
                        full -> openForm(client, full),
                        error -> context.notifications().error("Could not load " + workload.getSpec().getName(), error));
            }

            @Override
            public void openUrl(String url) {
                context.openUrl().accept(url);
            }
        }, details);
        workloadsView.root().setUserData("nav-workloads");
        access.start();
        workloads.start();
        showScreen((String) navigation.getSelectedToggle().getUserData());
        // the workloads screen gets its first frame before the details pane and then the overview are
        // built and styled, each after a frame: building every screen in one task stalled the window
        context.background().ui().postAfterFrame(() -> {
            if (workloads != null && workloads.selectedWorkloadProperty() == selection) {
                details.getChildren().setAll(new DetailsView(selection, new EventsView(events).root(),
                        new MetricsView(metrics).root(), new LogsView(logs).root()).root());
                context.background().ui().postAfterFrame(() -> {
                    if (workloads != null && workloads.selectedWorkloadProperty() == selection) {
                        overviewView = new OverviewView(overview, workloads.pendingWorkloads());
                        showScreen((String) navigation.getSelectedToggle().getUserData());
                    }
                });
            }
        });
    }

    private void openForm(RunplaneClient client, Workload source) {
        SubmitViewModel form = new SubmitViewModel(client, context.background(), context.notifications());
        form.offerOnlyWhereAllowed(access.permissionsProperty().get());
        SubmitView.open(form, root.getScene().getWindow(), source, submitted -> workloads.select(submitted));
    }

    private void showScreen(String id) {
        if (workloadsView != null && "nav-workloads".equals(id)) {
            content.getChildren().setAll(workloadsView.root());
        } else if (overviewView != null && "nav-overview".equals(id)) {
            content.getChildren().setAll(overviewView.root());
        } else if (organization != null && "nav-organization".equals(id)) {
            // the admin screens are built when first shown, so they cost the window's start nothing
            if (organizationView == null) {
                organizationView = new OrganizationView(organization);
            }
            organization.refresh();
            content.getChildren().setAll(organizationView.root());
        } else if (accessRules != null && "nav-access".equals(id)) {
            if (accessRulesView == null) {
                accessRulesView = new AccessRulesView(accessRules);
            }
            accessRules.refresh();
            content.getChildren().setAll(accessRulesView.root());
        } else if (audit != null && "nav-audit".equals(id)) {
            if (auditView == null) {
                auditView = new AuditView(audit, ZoneId.systemDefault());
            }
            audit.search();
            content.getChildren().setAll(auditView.root());
        }
    }

    private void closeScreens() {
        for (AutoCloseable screen : screens) {
            try {
                screen.close();
            } catch (Exception ignored) {
                // closing is best effort
            }
        }
        screens.clear();
        reconnecting.textProperty().unbind();
        reconnectBox.visibleProperty().unbind();
        reconnectBox.setVisible(false);
        workloads = null;
        access = null;
        workloadsView = null;
        overviewView = null;
        organization = null;
        organizationView = null;
        accessRules = null;
        accessRulesView = null;
        audit = null;
        auditView = null;
        content.getChildren().clear();
    }

    @Override
    public void close() {
        closeScreens();
        connection.close();
    }
}
