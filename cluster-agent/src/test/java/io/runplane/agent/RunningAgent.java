package io.runplane.agent;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real agent on a loopback port, in a fresh data directory, with a client that names its user.
 * Registered on a static field it serves the whole class; on an instance field, each test.
 */
final class RunningAgent implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final double timeScale;
    private final String user;
    private final Optional<String> cluster;
    private boolean perClass;
    private Path dir;
    private EmbeddedAgent agent;
    private AgentClient client;

    private RunningAgent(double timeScale, String user, Optional<String> cluster) {
        this.timeScale = timeScale;
        this.user = user;
        this.cluster = cluster;
    }

    static RunningAgent atTimeScale(double timeScale) {
        return new RunningAgent(timeScale, "tester", Optional.empty());
    }

    RunningAgent as(String otherUser) {
        return new RunningAgent(timeScale, otherUser, cluster);
    }

    /** Seeds the data directory from this cluster file text instead of the built-in cluster. */
    RunningAgent withCluster(String clusterYaml) {
        return new RunningAgent(timeScale, user, Optional.of(clusterYaml));
    }

    EmbeddedAgent agent() {
        return agent;
    }

    AgentClient client() {
        return client;
    }

    Path data() {
        return dir.resolve("data");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    private void start() throws IOException {
        dir = Files.createTempDirectory("runplane-agent-it");
        AgentOptions options = AgentOptions.timeScale(timeScale);
        if (cluster.isPresent()) {
            Path file = dir.resolve("cluster.yaml");
            Files.writeString(file, cluster.get());
            options = options.withClusterFile(file);
        }
        agent = EmbeddedAgent.start(data(), 0, options);
        client = new AgentClient(agent.port(), user);
    }

    private void stop() throws Exception {
        if (agent == null) {
            return;
        }
        client.close();
        agent.close();
        agent = null;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
