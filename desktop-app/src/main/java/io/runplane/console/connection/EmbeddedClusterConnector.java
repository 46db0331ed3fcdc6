package io.runplane.console.connection;

import io.grpc.ManagedChannel;
import io.runplane.agent.AgentOptions;
import io.runplane.agent.EmbeddedAgent;
import io.runplane.api.BearerToken;
import io.runplane.console.client.GrpcRunplaneClient;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts the agent in-process on the simulated cluster kept in {@code dataDir}, then connects to it
 * over real gRPC on loopback, exactly as to a remote agent, signed in as the local user with the
 * token the agent keeps in the data directory.
 */
public final class EmbeddedClusterConnector implements ClusterConnector {

    private final Path dataDir;
    private final double clockSpeed;

    /**
     * @param clockSpeed how much faster than real time the simulated cluster runs (1 = real time)
     */
    public EmbeddedClusterConnector(Path dataDir, double clockSpeed) {
        this.dataDir = dataDir;
        this.clockSpeed = clockSpeed;
    }

    @Override
    public ClusterSession connect() {
        AgentOptions options = clockSpeed == 1 ? AgentOptions.defaults() : AgentOptions.timeScale(clockSpeed);
        EmbeddedAgent agent = EmbeddedAgent.start(dataDir, 0, options);
        try {
            ManagedChannel channel = RemoteClusterConnector.channel("127.0.0.1", agent.port(), RemoteClusterConnector.Transport.PLAINTEXT);
            return new ClusterSession(new GrpcRunplaneClient(channel, new BearerToken(agent.localToken())),
                    "the local simulated cluster (127.0.0.1:" + agent.port() + ")", List.of(agent));
        } catch (RuntimeException e) {
            agent.close();
            throw e;
        }
    }
}
