package io.runplane.console.connection;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RemoteClusterConnectorTest {

    @Test
    void rejectsMalformedAddresses() {
        assertThatThrownBy(() -> RemoteClusterConnector.parse("agent")).hasMessageContaining("expected host:port");
        assertThatThrownBy(() -> RemoteClusterConnector.parse("agent:")).hasMessageContaining("expected host:port");
        assertThatThrownBy(() -> RemoteClusterConnector.parse("agent:http")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> RemoteClusterConnector.parse("agent:70000")).hasMessageContaining("out of range");
    }

    @Test
    void aClosedPortFailsWithTheServersStatusInsteadOfHanging() {
        RemoteClusterConnector connector = RemoteClusterConnector.parse("127.0.0.1:1");
        assertThatThrownBy(connector::connect).hasMessageContaining("not reachable");
    }
}
