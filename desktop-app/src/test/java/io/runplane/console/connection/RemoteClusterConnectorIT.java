package io.runplane.console.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runplane.agent.AgentOptions;
import io.runplane.agent.EmbeddedAgent;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing in to a running agent over a real socket, with the agent's own token check. */
class RemoteClusterConnectorIT {

    @TempDir
    Path dataDir;

    @Test
    void signsInWithAKnownTokenAndIsRefusedWithAnUnknownOne() {
        try (EmbeddedAgent agent = EmbeddedAgent.start(dataDir, 0, AgentOptions.timeScale(10).withLocalUser("ops"))) {
            String address = "127.0.0.1:" + agent.port();

            try (ClusterSession session = RemoteClusterConnector.parse(address, agent.localToken(),
                    RemoteClusterConnector.Transport.PLAINTEXT).connect()) {
                assertThat(session.client().whoAmI().getSubject()).isEqualTo("ops");
            }
            assertThatThrownBy(() -> RemoteClusterConnector.parse(address, "rp_not-a-token",
                    RemoteClusterConnector.Transport.PLAINTEXT).connect())
                    .hasMessage("unknown or revoked bearer token");
        }
    }
}
