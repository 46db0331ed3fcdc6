package io.runplane.agent.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runplane.agent.AgentOptions;
import io.runplane.agent.EmbeddedAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A small load run against a real agent on a socket: every submission acknowledged and seen by every watcher. */
class LoadTestIT {

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedSubmissionReachesEveryWatcher() throws Exception {
        try (EmbeddedAgent agent = EmbeddedAgent.start(dataDir, 0, AgentOptions.defaults())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = new LoadTest().run(List.of("--target", "127.0.0.1:" + agent.port(), "--watchers", "3",
                    "--rate", "20", "--seconds", "1", "--cleanup", "--token", agent.localToken()), new PrintStream(out), new PrintStream(err));

            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            JsonNode result = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(result.get("submitted").asInt()).isEqualTo(20);
            assertThat(result.get("acknowledged").asInt()).isEqualTo(20);
            assertThat(result.get("errors").asInt()).isZero();
            assertThat(result.get("deliveryLatencyMs").get("count").asInt()).isEqualTo(60);
            assertThat(result.get("missingDeliveries").asInt()).isZero();
            assertThat(result.get("submitLatencyMs").get("p99").asDouble()).isPositive();
        }
    }
}
