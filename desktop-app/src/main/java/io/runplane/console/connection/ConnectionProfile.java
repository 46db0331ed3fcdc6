package io.runplane.console.connection;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A cluster the console can connect to: the local embedded cluster, a remote agent at
 * {@code host:port}, or the agent inside a cluster of a kubeconfig context. The token of a profile
 * is kept apart, by {@link ConnectionProfiles}.
 *
 * @param id        stable key for the settings and the token file; never shown
 * @param trustedCa the PEM CA file to trust for TLS, or empty for the system's CAs
 * @param kube      for a Kubernetes context profile, where its agent runs (the address is then empty)
 */
public record ConnectionProfile(String id, String name, String address, boolean tls, Optional<Path> trustedCa,
                                Optional<KubeTarget> kube) {

    public static final String LOCAL_ID = "local";

    public static final ConnectionProfile LOCAL =
            new ConnectionProfile(LOCAL_ID, "Local cluster (embedded)", "", false, Optional.empty(), Optional.empty());

    public ConnectionProfile {
        if (!id.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("profile id '" + id + "' may hold only a-z, 0-9 and '-'");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("Name: enter a name for the profile");
        }
        if (!LOCAL_ID.equals(id) && kube.isEmpty()) {
            HostPort.parse(address);
        }
        if (kube.isPresent() && tls) {
            throw new IllegalArgumentException("Transport: a Kubernetes context profile is reached by port-forward, without TLS");
        }
        if (trustedCa.isPresent() && !tls) {
            throw new IllegalArgumentException("CA file: applies to TLS only; turn TLS on or clear the CA file");
        }
    }

    /** A remote agent profile. */
    public ConnectionProfile(String id, String name, String address, boolean tls, Optional<Path> trustedCa) {
        this(id, name, address, tls, trustedCa, Optional.empty());
    }

    /** A Kubernetes context profile. */
    public static ConnectionProfile kubernetes(String id, String name, KubeTarget target) {
        return new ConnectionProfile(id, name, "", false, Optional.empty(), Optional.of(target));
    }

    public boolean local() {
        return LOCAL_ID.equals(id);
    }

    public RemoteClusterConnector.Transport transport() {
        return tls ? RemoteClusterConnector.Transport.tls(trustedCa) : RemoteClusterConnector.Transport.PLAINTEXT;
    }

    /** What the list and the status bar show: "gpu-prod (10.0.0.5:7443, TLS)". */
    public String label() {
        return local() ? name : name + " (" + where() + (tls ? ", TLS" : "") + ")";
    }

    /** The address, or the context and Service of a Kubernetes context profile. */
    public String where() {
        return kube.map(KubeTarget::describe).orElse(address);
    }

    /** A host and port, parsed from {@code host:port} with messages that name the field. */
    record HostPort(String host, int port) {

        static HostPort parse(String address) {
            String trimmed = address.strip();
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("Address: expected host:port, got '" + address + "'");
            }
            int port;
            try {
                port = Integer.parseInt(trimmed.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Address: the port is not a number in '" + address + "'", e);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Address: the port must be 1 to 65535 in '" + address + "'");
            }
            return new HostPort(trimmed.substring(0, colon), port);
        }
    }
}
