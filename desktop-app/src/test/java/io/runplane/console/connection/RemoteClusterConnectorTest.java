package io.runplane.console.connection;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RemoteClusterConnectorTest {

    @Test
    void rejectsMalformedAddresses() {
        assertThatThrownBy(() -> RemoteClusterConnector.parse("agent", "rp_token", RemoteClusterConnector.Transport.PLAINTEXT)).hasMessageContaining("expected host:port");
        assertThatThrownBy(() -> RemoteClusterConnector.parse("agent:", "rp_token", RemoteClusterConnector.Transport.PLAINTEXT)).hasMessageContaining("expected host:port");
        assertThatThrownBy(() -> RemoteClusterConnector.parse("agent:http", "rp_token", RemoteClusterConnector.Transport.PLAINTEXT)).hasMessageContaining("not a number");
        assertThatThrownBy(() -> RemoteClusterConnector.parse("agent:70000", "rp_token", RemoteClusterConnector.Transport.PLAINTEXT)).hasMessageContaining("out of range");
    }

    @Test
    void rejectsABlankToken() {
        assertThatThrownBy(() -> RemoteClusterConnector.parse("agent:50051", " ", RemoteClusterConnector.Transport.PLAINTEXT))
                .hasMessage("token: must not be blank");
    }

    @Test
    void aClosedPortFailsWithTheServersStatusInsteadOfHanging() {
        RemoteClusterConnector connector = RemoteClusterConnector.parse("127.0.0.1:1", "rp_token", RemoteClusterConnector.Transport.PLAINTEXT);
        assertThatThrownBy(connector::connect).hasMessageContaining("not reachable");
    }
}
