package io.runplane.console.app;

import io.runplane.console.access.AccessViewModel;
import io.runplane.console.access.ScreenAccess;
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
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

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
    private final Header header;
    private final List<AutoCloseable> screens = new ArrayList<>();
    private final Optional<ClusterChoices> choices;
    private WorkloadsViewModel workloads;
    private WorkloadsView workloadsView;
    private LogsViewModel logs;
    private OverviewView overviewView;
    private AccessViewModel access;
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
        header = new Header(connection, choices.map(c -> this::openConnectDialog), this::showScreen);
        frame.setTop(header.root());
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

    /** The logs of the selected workload, in the details pane. */
    public LogsViewModel logs() {
        return logs;
    }

    /** Opens the Connect dialog; does nothing when the console was started for one cluster only. */
    public void openConnectDialog() {
        choices.ifPresent(c -> ConnectDialog.open(root.getScene().getWindow(), c.profiles(),
                profile -> c.use(profile, connection)));
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
        header.follow(workloads.reconnection());
        LogsViewModel logs = new LogsViewModel(client, context.background(), context.notifications());
        this.logs = logs;
        EventsViewModel events = new EventsViewModel(client, context.background());
        MetricsViewModel metrics = new MetricsViewModel(client, context.background());
        OverviewViewModel overview = new OverviewViewModel(client, context.background());
        ScreenAccess screenAccess = ScreenAccess.of(access);
        organization = new OrganizationViewModel(client, context.background(), context.notifications(), screenAccess);
        accessRules = new AccessRulesViewModel(client, context.background(), context.notifications(), screenAccess);
        audit = new AuditViewModel(client, context.background(), ZoneId.systemDefault(), screenAccess);
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
        showScreen(header.selectedScreen());
        // the workloads screen gets its first frame before the details pane and then the overview are
        // built and styled, each after a frame: building every screen in one task stalled the window
        context.background().ui().postAfterFrame(() -> {
            if (workloads != null && workloads.selectedWorkloadProperty() == selection) {
                details.getChildren().setAll(new DetailsView(selection, new EventsView(events).root(),
                        new MetricsView(metrics).root(), new LogsView(logs).root()).root());
                context.background().ui().postAfterFrame(() -> {
                    if (workloads != null && workloads.selectedWorkloadProperty() == selection) {
                        overviewView = new OverviewView(overview, workloads.pendingWorkloads());
                        showScreen(header.selectedScreen());
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
        header.unfollow();
        workloads = null;
        access = null;
        workloadsView = null;
        logs = null;
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
