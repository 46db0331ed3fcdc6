package io.runplane.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.runplane.agent.access.AccessRuleStore;
import io.runplane.agent.audit.AuditLog;
import io.runplane.agent.auth.Authenticator;
import io.runplane.agent.auth.IdentityFileException;
import io.runplane.agent.auth.IdentityRegistry;
import io.runplane.agent.auth.LocalIdentity;
import io.runplane.agent.auth.ServerTls;
import io.runplane.agent.auth.TokenReviewAuthenticator;
import io.runplane.agent.backend.ClusterBackend;
import io.runplane.agent.backend.kubernetes.KubernetesBackend;
import io.runplane.agent.backend.kubernetes.KubernetesConnection;
import io.runplane.agent.backend.simulated.SimulatedBackend;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.cluster.ClusterFiles;
import io.runplane.agent.logs.LogFeed;
import io.runplane.agent.metrics.MetricsQuery;
import io.runplane.agent.overview.ClusterSampler;
import io.runplane.agent.organization.OrganizationStore;
import io.runplane.agent.organization.RuleEnforcer;
import io.runplane.agent.organization.SchedulingView;
import io.runplane.agent.policies.PolicyStore;
import io.runplane.agent.scheduling.SchedulerInputs;
import io.runplane.agent.scheduling.SchedulingCycle;
import io.runplane.agent.scheduling.SettingsFollowingScheduler;
import io.runplane.agent.server.AgentServer;
import io.runplane.agent.workload.WorkloadController;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A complete agent with the simulated cluster backend (or a Kubernetes cluster's, see
 * {@link AgentOptions#withKubernetes}), serving gRPC on a TCP port, for the console
 * to start in-process (and for {@link AgentMain} to run standalone).
 *
 * <pre>{@code
 * try (EmbeddedAgent agent = EmbeddedAgent.start(dataDir, 0)) {
 *     ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", agent.port()).usePlaintext().build();
 *     WorkloadsGrpc.newBlockingStub(channel).withCallCredentials(new BearerToken(agent.localToken()))...
 * }
 * }</pre>
 *
 * <p>A new (or empty) data directory is seeded with the default cluster: 4 nodes x 8 GPUs in two
 * node pools, 2 departments, 3 projects and a few finished and running workloads. Everything the
 * agent changes is written to the directory atomically, so starting again on it keeps every
 * workload and its history. Tests speed the simulated clock up with
 * {@link #start(Path, int, AgentOptions)} and {@link AgentOptions#timeScale(double)}.
 */
public final class EmbeddedAgent implements AutoCloseable {

    /** The audit log's file in the data directory. */
    public static final String AUDIT_LOG = "audit.log";
    private static final Logger LOG = Logger.getLogger(EmbeddedAgent.class.getName());
    /**
     * The least time from one control-loop pass to a pass triggered by a change request: requests
     * that come faster are coalesced into the next pass, so passes do not run back to back holding
     * the controller's lock that submissions need.
     */
    static final Duration TRIGGERED_PASS_PACING = Duration.ofMillis(50);

    private final DataDirectory data;
    private final WorkloadController controller;
    private final RuleEnforcer rules;
    private final AgentServer server;
    private final ScheduledExecutorService loop;
    private final ScheduledExecutorService feeds;
    private final AuditLog audit;
    private final String localToken;
    private final AutoCloseable cluster;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedAgent(DataDirectory data, WorkloadController controller, RuleEnforcer rules, AgentServer server,
                          ScheduledExecutorService loop, ScheduledExecutorService feeds, AuditLog audit, String localToken,
                          AutoCloseable cluster) {
        this.data = data;
        this.rules = rules;
        this.cluster = cluster;
        this.audit = audit;
        this.localToken = localToken;
        this.controller = controller;
        this.server = server;
        this.loop = loop;
        this.feeds = feeds;
    }

    /**
     * Starts an agent on {@code 127.0.0.1:port} (0 = any free port) in real time.
     *
     * @throws UncheckedIOException when the port cannot be bound or the data directory is unusable
     */
    public static EmbeddedAgent start(Path dataDir, int port) {
        return start(dataDir, port, AgentOptions.defaults());
    }

    /**
     * Starts an agent with explicit options, e.g. {@code AgentOptions.timeScale(20)} to run the
     * simulated cluster twenty times faster than real time.
     */
    public static EmbeddedAgent start(Path dataDir, int port, AgentOptions options) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        DataDirectory data = null;
        AuditLog audit = null;
        AutoCloseable connection = () -> {
        };
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(daemon("runplane-controller"));
        ScheduledExecutorService feeds = Executors.newScheduledThreadPool(2, daemon("runplane-feeds"));
        try {
            data = DataDirectory.open(dataDir);
            Clock clock = Clock.systemUTC();
            String clusterText = data.clusterText(options);
            ClusterFile cluster = ClusterFiles.parse(clusterText);
            ClusterBackend backend;
            Supplier<? extends Authenticator> authenticator;
            String localToken;
            if (options.kubernetes().isPresent()) {
                AgentOptions.Kubernetes k = options.kubernetes().get();
                KubernetesClient client = KubernetesConnection.connect(k.kubeconfig());
                connection = client;
                KubernetesBackend kubernetes = KubernetesBackend.start(client, cluster,
                        new KubernetesBackend.Settings(k.namespace(), k.prometheus()));
                TokenReviewAuthenticator reviews = TokenReviewAuthenticator.of(client);
                connection = () -> {
                    reviews.close();
                    kubernetes.close();
                    client.close();
                };
                backend = kubernetes;
                cluster = kubernetes.inventory();
                authenticator = () -> reviews;
                localToken = "";
            } else {
                backend = new SimulatedBackend(cluster, options.timeScale());
                localToken = LocalIdentity.ensure(dataDir, options.localUser());
                authenticator = new IdentityRegistry(dataDir.resolve(LocalIdentity.IDENTITY_FILE))::current;
            }
            OrganizationStore organization = OrganizationStore.open(dataDir, cluster);
            Supplier<SchedulerInputs> inputs = options.kubernetes().isPresent() ? liveNodes(organization, backend) : organization::schedulerInputs;
            SchedulingCycle scheduler = new SettingsFollowingScheduler(() -> organization.organization().scheduling()
                    .fairness(options.timeScale()));
            WorkloadController controller = new WorkloadController(backend, scheduler, data.workloads(), clock,
                    options.timeScale(), inputs);
            RuleEnforcer rules = new RuleEnforcer(controller, backend, organization::organization, clock, options.timeScale(), dataDir);
            data.seed(clusterText, cluster, controller, clock);
            AtomicBoolean tickQueued = new AtomicBoolean();
            AtomicLong lastPass = new AtomicLong(System.nanoTime());
            long pacing = Math.min(options.tick().toNanos(), TRIGGERED_PASS_PACING.toNanos());
            Runnable tick = () -> {
                tickQueued.set(false);
                lastPass.set(System.nanoTime());
                try {
                    controller.tick();
                    rules.enforce();
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "control loop pass failed", e);
                }
            };
            Runnable nudge = () -> {
                if (tickQueued.compareAndSet(false, true)) {
                    long wait = lastPass.get() + pacing - System.nanoTime();
                    if (wait <= 0) {
                        loop.execute(tick);
                    } else {
                        loop.schedule(tick, wait, TimeUnit.NANOSECONDS);
                    }
                }
            };
            Duration poll = options.tick().compareTo(Duration.ofMillis(250)) < 0 ? options.tick() : Duration.ofMillis(250);
            LogFeed logs = new LogFeed(controller, backend, feeds, poll, clock);
            MetricsQuery metrics = new MetricsQuery(controller, backend, clock);
            PolicyStore policies = new PolicyStore(dataDir, organization::asClusterFile, clock);
            audit = new AuditLog(dataDir.resolve(AUDIT_LOG));
            AgentServer.Security security = new AgentServer.Security(authenticator, AccessRuleStore.open(dataDir, clock), audit, dataDir);
            InetSocketAddress address = new InetSocketAddress(options.bindAddress(), port);
            AgentServer server = new AgentServer(options.tls()
                    .map(tls -> NettyServerBuilder.forAddress(address, ServerTls.fromPem(tls.certificateChain(), tls.privateKey())))
                    .orElseGet(() -> NettyServerBuilder.forAddress(address))
                    .keepAliveTime(30, TimeUnit.SECONDS)
                    .keepAliveTimeout(10, TimeUnit.SECONDS)
                    .permitKeepAliveTime(10, TimeUnit.SECONDS)
                    .permitKeepAliveWithoutCalls(true),
                    controller, logs, metrics, backend.kind(), nudge, policies, organization, security,
                    new ClusterSampler(controller, backend, clock, options.timeScale())).start();
            loop.scheduleWithFixedDelay(tick, 0, options.tick().toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("agent serving on " + options.bindAddress() + ":" + server.port() + (options.tls().isPresent() ? " (TLS)" : "")
                    + " with data in " + dataDir);
            return new EmbeddedAgent(data, controller, rules, server, loop, feeds, audit, localToken, connection);
        } catch (IOException e) {
            shutdown(loop, feeds, audit, data, connection);
            throw new UncheckedIOException("cannot start the agent: " + e.getMessage(), e);
        } catch (IdentityFileException e) {
            shutdown(loop, feeds, audit, data, connection);
            throw new UncheckedIOException("cannot start the agent: " + e.getMessage(), new IOException(e));
        } catch (KubernetesClientException e) {
            shutdown(loop, feeds, audit, data, connection);
            throw new UncheckedIOException("cannot start the agent: " + e.getMessage(), new IOException(e));
        } catch (RuntimeException e) {
            shutdown(loop, feeds, audit, data, connection);
            throw e;
        }
    }

    /** The organization's scheduler inputs over the nodes the cluster has now, made again when either changes. */
    private static Supplier<SchedulerInputs> liveNodes(OrganizationStore organization, ClusterBackend backend) {
        record Made(Object organization, Object inventory, SchedulerInputs inputs) {
        }
        AtomicReference<Made> last = new AtomicReference<>();
        return () -> {
            var org = organization.organization();
            ClusterFile inventory = backend.inventory();
            Made made = last.get();
            if (made == null || made.organization() != org || made.inventory() != inventory) {
                made = new Made(org, inventory, SchedulingView.of(org, inventory.nodes()));
                last.set(made);
            }
            return made.inputs();
        };
    }

    /** The TCP port the gRPC server listens on. */
    public int port() {
        return server.port();
    }

    /**
     * The bearer token of the local user, System administrator through the group
     * {@value LocalIdentity#ADMINS_GROUP}; kept in the data directory's {@value LocalIdentity#TOKEN_FILE}.
     * Empty against a Kubernetes cluster, where callers bring tokens the API server knows.
     */
    public String localToken() {
        return localToken;
    }

    /** The data directory the agent keeps its state in. */
    public Path dataDir() {
        return data.path();
    }

    /** Stops the server (shutdown, await termination, then shutdown now), the control loop and the feeds. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop();
        loop.execute(rules::saveIdleClocks);
        shutdown(loop, feeds, audit, data, cluster);
    }

    WorkloadController controller() {
        return controller;
    }

    private static void shutdown(ScheduledExecutorService loop, ScheduledExecutorService feeds, AuditLog audit, DataDirectory data,
                                 AutoCloseable cluster) {
        loop.shutdown();
        feeds.shutdownNow();
        try {
            if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
                loop.shutdownNow();
            }
        } catch (InterruptedException e) {
            loop.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (audit != null) {
            try {
                audit.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot close the audit log", e);
            }
        }
        try {
            cluster.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot close the connection to the cluster", e);
        }
        if (data != null) {
            try {
                data.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot release the data directory lock", e);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
