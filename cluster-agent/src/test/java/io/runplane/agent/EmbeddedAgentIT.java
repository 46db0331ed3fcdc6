package io.runplane.agent;

import io.runplane.api.v1.ListWorkloadsRequest;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.WorkloadRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded agent's contract with the console: ports, one agent per data directory, restarts. */
class EmbeddedAgentIT {

    @TempDir
    Path data;
    @TempDir
    Path other;

    @Test
    void aDataDirectoryServesOneAgentAtATimeAndAPortOneServer() {
        try (EmbeddedAgent agent = EmbeddedAgent.start(data, 0, AgentOptions.timeScale(50))) {
            assertThat(agent.port()).isPositive();
            assertThat(agent.dataDir()).isEqualTo(data);
            assertThatThrownBy(() -> EmbeddedAgent.start(data, 0, AgentOptions.timeScale(50)))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("in use by another agent");
            assertThatThrownBy(() -> EmbeddedAgent.start(other, agent.port(), AgentOptions.timeScale(50)))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot start the agent");
        }
        try (EmbeddedAgent again = EmbeddedAgent.start(other, 0, AgentOptions.timeScale(50))) {
            assertThat(again.port()).isPositive();
        }
    }

    @Test
    void aRestartKeepsWorkloadsHistoryAndRevisions() throws Exception {
        long revision;
        String uuid;
        try (EmbeddedAgent agent = EmbeddedAgent.start(data, 0, AgentOptions.timeScale(50).withLocalUser("ada"));
             AgentClient client = new AgentClient(agent.port(), agent.localToken())) {
            uuid = client.workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("vision", "kept", "1h")).build())
                    .getWorkload().getUuid();
            revision = client.workloads().list(ListWorkloadsRequest.getDefaultInstance()).getRevision();
        }
        try (EmbeddedAgent agent = EmbeddedAgent.start(data, 0, AgentOptions.timeScale(50).withLocalUser("ada"));
             AgentClient client = new AgentClient(agent.port(), agent.localToken())) {
            var kept = client.workloads().get(WorkloadRef.newBuilder().setProject("vision").setName("kept").build());
            assertThat(kept.getUuid()).isEqualTo(uuid);
            assertThat(kept.getCreatedBy()).isEqualTo("ada");
            assertThat(client.workloads().list(ListWorkloadsRequest.getDefaultInstance()).getRevision()).isGreaterThanOrEqualTo(revision);
            assertThat(client.workloads().list(ListWorkloadsRequest.getDefaultInstance()).getTotalSize()).isEqualTo(6);
        }
    }

    @Test
    void closingTwiceIsHarmlessAndReleasesTheDataDirectory() {
        EmbeddedAgent agent = EmbeddedAgent.start(data, 0, AgentOptions.timeScale(50));
        agent.close();

        assertThatCode(agent::close).doesNotThrowAnyException();
        try (EmbeddedAgent again = EmbeddedAgent.start(data, 0, AgentOptions.timeScale(50))) {
            assertThat(again.port()).isPositive();
        }
    }
}
