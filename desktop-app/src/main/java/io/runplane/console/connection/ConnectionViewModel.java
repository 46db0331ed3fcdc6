package io.runplane.console.connection;

import io.runplane.api.v1.WhoAmIResponse;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The connection to the cluster: connecting (the agent may be starting), connected, or failed. */
public final class ConnectionViewModel implements AutoCloseable {

    public enum State { IDLE, CONNECTING, CONNECTED, FAILED }

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Not connected");
    private final ReadOnlyObjectWrapper<ClusterSession> session = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper identity = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper profile = new ReadOnlyStringWrapper("");
    private final Background background;
    private final Notifications notifications;
    private ClusterConnector connector;
    private String description;
    private int attempt;

    public ConnectionViewModel(ClusterConnector connector, String description, Background background,
                               Notifications notifications) {
        this.connector = connector;
        this.description = description;
        this.background = background;
        this.notifications = notifications;
    }

    /** Which profile the connection is for ("Local cluster (embedded)"), empty until one is chosen. */
    public ReadOnlyStringProperty profileProperty() {
        return profile.getReadOnlyProperty();
    }

    /** Disconnects from the current cluster, if any, and connects to another. */
    public void switchTo(String profileLabel, ClusterConnector newConnector, String newDescription) {
        close();
        connector = newConnector;
        description = newDescription;
        profile.set(profileLabel);
        connect();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ClusterSession> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    /** "subject @ cluster (backend)", once connected. */
    public ReadOnlyStringProperty identityProperty() {
        return identity.getReadOnlyProperty();
    }

    public void connect() {
        connect(s -> { });
    }

    /** Connects in the background; {@code onConnected} runs on the UI thread. */
    public void connect(Consumer<ClusterSession> onConnected) {
        if (state.get() == State.CONNECTING || state.get() == State.CONNECTED) {
            return;
        }
        state.set(State.CONNECTING);
        message.set("Connecting to " + description + "…");
        int thisAttempt = ++attempt;
        ClusterConnector target = connector;
        String targetDescription = description;
        background.run(() -> {
            ClusterSession opened = target.connect();
            WhoAmIResponse me;
            try {
                me = opened.client().whoAmI();
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
            return new Connected(opened, me);
        }, connected -> {
            if (thisAttempt != attempt) {
                connected.session().close();
                return;
            }
            session.set(connected.session());
            WhoAmIResponse me = connected.me();
            identity.set(me.getSubject() + " @ " + (me.getCluster().isBlank() ? "cluster" : me.getCluster())
                    + (me.getBackend().isBlank() ? "" : " (" + me.getBackend() + ")"));
            message.set("Connected to " + connected.session().target() + " as " + me.getSubject());
            state.set(State.CONNECTED);
            onConnected.accept(connected.session());
        }, error -> {
            if (thisAttempt != attempt) {
                return;
            }
            state.set(State.FAILED);
            message.set("Could not connect to " + targetDescription + ": " + Notifications.describe(error));
            notifications.error("Connection failed", error);
        });
    }

    @Override
    public void close() {
        attempt++;
        ClusterSession current = session.get();
        if (current != null) {
            session.set(null);
            current.close();
        }
        identity.set("");
        state.set(State.IDLE);
    }

    private record Connected(ClusterSession session, WhoAmIResponse me) {
    }
}
