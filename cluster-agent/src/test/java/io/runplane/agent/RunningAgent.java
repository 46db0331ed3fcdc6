package io.runplane.agent;

import io.runplane.access.Role;
import io.runplane.agent.auth.IdentityFileException;
import io.runplane.agent.auth.LocalIdentity;
import io.runplane.agent.auth.TokenIssuer;
import io.runplane.api.v1.AccessRule;
import io.runplane.api.v1.AccessScope;
import io.runplane.api.v1.AccessSubject;
import io.runplane.api.v1.CreateAccessRuleRequest;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.SubjectKind;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real agent on a loopback port, in a fresh data directory, with a client signed in as the local
 * user (a System administrator). {@link #clientFor} signs other users in. Registered on a static
 * field it serves the whole class; on an instance field, each test.
 */
final class RunningAgent implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final double timeScale;
    private final String user;
    private final Optional<String> cluster;
    private boolean perClass;
    private Path dir;
    private EmbeddedAgent agent;
    private AgentClient client;
    private final List<AgentClient> others = new ArrayList<>();

    private RunningAgent(double timeScale, String user, Optional<String> cluster) {
        this.timeScale = timeScale;
        this.user = user;
        this.cluster = cluster;
    }

    static RunningAgent atTimeScale(double timeScale) {
        return new RunningAgent(timeScale, "tester", Optional.empty());
    }

    /** The local user, System administrator, is named {@code otherUser}. */
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

    /** Issues a token to {@code name} (a member of {@code groups}) and returns a client signed in with it. */
    AgentClient clientFor(String name, String... groups) {
        try {
            String token = TokenIssuer.issueToUser(data().resolve(LocalIdentity.IDENTITY_FILE), name, List.of(groups));
            AgentClient other = new AgentClient(agent.port(), token);
            others.add(other);
            return other;
        } catch (IOException | IdentityFileException e) {
            throw new IllegalStateException("cannot issue a token to " + name, e);
        }
    }

    /** Makes {@code user} a {@code role} in {@code scope}, through the AccessRules API as the local administrator. */
    AccessRule grant(String user, Role role, ScopeKind scopeKind, String scopeName) {
        return client.accessRules().createAccessRule(CreateAccessRuleRequest.newBuilder()
                .setSubject(AccessSubject.newBuilder().setKind(SubjectKind.SUBJECT_KIND_USER).setName(user))
                .setRole(role.displayName())
                .setScope(AccessScope.newBuilder().setKind(scopeKind).setName(scopeName))
                .build());
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

    /** Stops the agent and starts it again on the same data directory; clients from {@link #clientFor} are closed. */
    void restart() throws Exception {
        closeAgent();
        open();
    }

    private void start() throws IOException {
        dir = Files.createTempDirectory("runplane-agent-it");
        open();
    }

    private void open() throws IOException {
        AgentOptions options = AgentOptions.timeScale(timeScale);
        if (cluster.isPresent()) {
            Path file = dir.resolve("cluster.yaml");
            Files.writeString(file, cluster.get());
            options = options.withClusterFile(file);
        }
        agent = EmbeddedAgent.start(data(), 0, options.withLocalUser(user));
        client = new AgentClient(agent.port(), agent.localToken());
    }

    private void stop() throws Exception {
        if (agent == null) {
            return;
        }
        closeAgent();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void closeAgent() throws Exception {
        client.close();
        for (AgentClient other : others) {
            other.close();
        }
        others.clear();
        agent.close();
        agent = null;
    }
}
