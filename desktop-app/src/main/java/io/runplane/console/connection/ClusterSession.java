package io.runplane.console.connection;

import io.runplane.console.client.RunplaneClient;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A connected client plus whatever must be closed with it (an embedded agent, say). */
public final class ClusterSession implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClusterSession.class.getName());

    private final RunplaneClient client;
    private final String target;
    private final List<AutoCloseable> resources;

    public ClusterSession(RunplaneClient client, String target, List<AutoCloseable> resources) {
        this.client = client;
        this.target = target;
        this.resources = new ArrayList<>(resources);
    }

    public RunplaneClient client() {
        return client;
    }

    /** Where the session is connected, for the status bar ("local simulated cluster on 127.0.0.1:40123"). */
    public String target() {
        return target;
    }

    @Override
    public void close() {
        client.close();
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + resource, e);
            }
        }
    }
}
