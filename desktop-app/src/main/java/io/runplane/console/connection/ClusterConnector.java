package io.runplane.console.connection;

/** Opens a session with a cluster. Called on the background executor; may take seconds. */
@FunctionalInterface
public interface ClusterConnector {

    ClusterSession connect() throws Exception;
}
