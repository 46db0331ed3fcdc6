package io.runplane.console.connection;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.runplane.api.BearerToken;
import io.runplane.console.client.GrpcRunplaneClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Connects to an agent that is already running, at {@code host:port}, signed in with a bearer token,
 * over TLS or (for an agent on this machine) plaintext.
 */
public final class RemoteClusterConnector implements ClusterConnector {

    /** How the channel is secured: plaintext, or TLS trusting the system's CAs or one CA file. */
    public record Transport(boolean tls, Optional<Path> trustedCa) {

        public static final Transport PLAINTEXT = new Transport(false, Optional.empty());

        public Transport {
            if (trustedCa.isPresent() && !tls) {
                throw new IllegalArgumentException("a CA file applies to TLS only");
            }
            trustedCa.ifPresent(ca -> {
                if (!Files.isReadable(ca)) {
                    throw new IllegalArgumentException("--tls-ca " + ca + ": does not exist or cannot be read");
                }
            });
        }

        public static Transport tls(Optional<Path> trustedCa) {
            return new Transport(true, trustedCa);
        }
    }

    private final String host;
    private final int port;
    private final BearerToken token;
    private final Transport transport;

    public RemoteClusterConnector(String host, int port, String token, Transport transport) {
        this.host = host;
        this.port = port;
        this.token = new BearerToken(token);
        this.transport = transport;
    }

    /** Parses {@code host:port}; throws {@link IllegalArgumentException} with a readable message. */
    public static RemoteClusterConnector parse(String address, String token, Transport transport) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + address + "'");
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range in '" + address + "'");
            }
            return new RemoteClusterConnector(address.substring(0, colon), port, token, transport);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number in '" + address + "'", e);
        }
    }

    @Override
    public ClusterSession connect() {
        ManagedChannel channel = channel(host, port, transport);
        GrpcRunplaneClient client = new GrpcRunplaneClient(channel, token);
        try {
            client.whoAmI();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new ClusterSession(client, host + ":" + port, List.of());
    }

    static ManagedChannel channel(String host, int port, Transport transport) {
        return NettyChannelBuilder.forAddress(host, port, credentials(transport)).build();
    }

    private static ChannelCredentials credentials(Transport transport) {
        if (!transport.tls()) {
            return InsecureChannelCredentials.create();
        }
        if (transport.trustedCa().isEmpty()) {
            return TlsChannelCredentials.create();
        }
        try {
            return TlsChannelCredentials.newBuilder().trustManager(transport.trustedCa().get().toFile()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA file " + transport.trustedCa().get() + ": " + e.getMessage(), e);
        }
    }
}
