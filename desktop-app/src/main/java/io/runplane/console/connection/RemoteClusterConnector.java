package io.runplane.console.connection;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.runplane.console.client.GrpcRunplaneClient;
import java.util.List;

/** Connects to an agent that is already running, at {@code host:port}, over plaintext gRPC. */
public final class RemoteClusterConnector implements ClusterConnector {

    private final String host;
    private final int port;

    public RemoteClusterConnector(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Parses {@code host:port}; throws {@link IllegalArgumentException} with a readable message. */
    public static RemoteClusterConnector parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + address + "'");
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range in '" + address + "'");
            }
            return new RemoteClusterConnector(address.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number in '" + address + "'", e);
        }
    }

    @Override
    public ClusterSession connect() {
        ManagedChannel channel = channel(host, port);
        GrpcRunplaneClient client = new GrpcRunplaneClient(channel);
        try {
            client.whoAmI();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new ClusterSession(client, host + ":" + port, List.of());
    }

    static ManagedChannel channel(String host, int port) {
        return NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
    }
}
