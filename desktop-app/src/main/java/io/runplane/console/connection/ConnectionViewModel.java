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
    private final ClusterConnector connector;
    private final Background background;
    private final Notifications notifications;
    private final String description;

    public ConnectionViewModel(ClusterConnector connector, String description, Background background,
                               Notifications notifications) {
        this.connector = connector;
        this.description = description;
        this.background = background;
        this.notifications = notifications;
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
        background.run(() -> {
            ClusterSession opened = connector.connect();
            WhoAmIResponse me;
            try {
                me = opened.client().whoAmI();
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
            return new Connected(opened, me);
        }, connected -> {
            session.set(connected.session());
            WhoAmIResponse me = connected.me();
            identity.set(me.getSubject() + " @ " + (me.getCluster().isBlank() ? "cluster" : me.getCluster())
                    + (me.getBackend().isBlank() ? "" : " (" + me.getBackend() + ")"));
            message.set("Connected to " + connected.session().target());
            state.set(State.CONNECTED);
            onConnected.accept(connected.session());
        }, error -> {
            state.set(State.FAILED);
            message.set("Could not connect to " + description + ": " + Notifications.describe(error));
            notifications.error("Connection failed", error);
        });
    }

    @Override
    public void close() {
        ClusterSession current = session.get();
        if (current != null) {
            session.set(null);
            current.close();
        }
        state.set(State.IDLE);
    }

    private record Connected(ClusterSession session, WhoAmIResponse me) {
    }
}
