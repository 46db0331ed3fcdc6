package io.runplane.console.connection;

/** The saved profiles plus how to reach the local cluster: turns a chosen profile into a connection. */
public record ClusterChoices(ConnectionProfiles profiles, ClusterConnector local) {

    public static final String LOCAL_DESCRIPTION = "the local simulated cluster";

    /**
     * Remembers {@code profile} as the last used and switches {@code connection} to it.
     *
     * @throws java.io.UncheckedIOException when a remote profile's token cannot be read
     */
    public void use(ConnectionProfile profile, ConnectionViewModel connection) {
        ClusterConnector connector = profile.local() ? local : profiles.connector(profile);
        profiles.markUsed(profile);
        connection.switchTo(profile.label(), connector, profile.local() ? LOCAL_DESCRIPTION : profile.where());
    }
}
