package io.runplane.console.access;

import io.runplane.console.app.Background;
import io.runplane.console.client.RunplaneClient;
import io.runplane.console.client.ServiceException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The caller's permissions, kept current: asked of the agent (WhoAmI) on start, every
 * {@link #POLL} and after a refused call, and replaced only when the agent's revision of them changed.
 */
public final class AccessViewModel implements AutoCloseable {

    public static final Duration POLL = Duration.ofSeconds(30);

    private final RunplaneClient client;
    private final Background background;
    private final ReadOnlyObjectWrapper<Permissions> permissions = new ReadOnlyObjectWrapper<>(Permissions.UNREPORTED);
    private final AtomicBoolean asking = new AtomicBoolean();
    private ScheduledFuture<?> polling;
    private volatile boolean closed;

    public AccessViewModel(RunplaneClient client, Background background) {
        this.client = client;
        this.background = background;
    }

    public ReadOnlyObjectProperty<Permissions> permissionsProperty() {
        return permissions.getReadOnlyProperty();
    }

    /** Asks now, then every {@link #POLL}. */
    public void start() {
        polling = background.every(this::refresh, POLL);
    }

    /** Asks the agent again; a failure keeps what is known (the watch shows the connection's state). */
    public void refresh() {
        if (closed || !asking.compareAndSet(false, true)) {
            return;
        }
        background.run(client::whoAmI, me -> {
            asking.set(false);
            Permissions now = Permissions.of(me);
            if (!closed && !now.revision().equals(permissions.get().revision())) {
                permissions.set(now);
            }
        }, error -> asking.set(false));
    }

    /** For a call's failure: a refusal means the rules may have changed under the console, so they are asked again. */
    public void failed(Throwable error) {
        if (error instanceof ServiceException e && "PERMISSION_DENIED".equals(e.code())) {
            refresh();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (polling != null) {
            polling.cancel(false);
        }
    }
}
