package io.runplane.console.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.runplane.agent.AgentOptions;
import io.runplane.agent.EmbeddedAgent;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.app.UiThread;
import io.runplane.console.client.RunplaneClient;
import io.runplane.console.client.ServiceException;
import io.runplane.console.client.StreamListener;
import io.runplane.console.client.Subscription;
import io.runplane.console.fakekube.FakeKubeApiServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kubernetes context profile's connection carrying real traffic: the connector finds the agent's pod
 * through a kubeconfig file pointing at {@link FakeKubeApiServer}, which relays the pod
 * {@code portforward} WebSocket to a real embedded agent; the console's gRPC calls and watch go
 * through it. Failures reach the connection view model as readable messages.
 */
class KubePortForwardIT {

    private static final String POD_PATH = "/api/v1/namespaces/runplane/pods/agent-0/portforward?ports=7000";

    @TempDir
    Path dir;
    private EmbeddedAgent agent;
    private FakeKubeApiServer kube;
    private Path kubeconfig;
    private final ExecutorService uiExecutor = Executors.newSingleThreadExecutor(Background.namedDaemons("test-ui"));
    private final UiThread ui = new UiThread() {
        @Override
        public void post(Runnable action) {
            uiExecutor.execute(action);
        }

        @Override
        public boolean isCurrent() {
            return Thread.currentThread().getName().startsWith("test-ui");
        }
    };
    private final Background background = new Background(ui);

    @BeforeEach
    void cluster() throws Exception {
        agent = EmbeddedAgent.start(dir.resolve("cluster"), 0, AgentOptions.timeScale(10).withLocalUser("alice"));
        kube = new FakeKubeApiServer(Kubeconfigs.KUBE_TOKEN);
        kubeconfig = Kubeconfigs.write(dir, kube.url());
        kube.add(new ServiceBuilder()
                .withNewMetadata().withNamespace("runplane").withName("runplane-agent").endMetadata()
                .withNewSpec().addToSelector("app", "runplane-agent")
                    .addNewPort().withName("grpc").withPort(50051).withTargetPort(new IntOrString("api")).endPort()
                .endSpec().build());
    }

    @AfterEach
    void stop() {
        background.close();
        uiExecutor.shutdownNow();
        kube.close();
        agent.close();
    }

    private static Pod pod(String name, boolean ready) {
        return new PodBuilder()
                .withNewMetadata().withNamespace("runplane").withName(name).withUid("uid-" + name)
                    .addToLabels("app", "runplane-agent").endMetadata()
                .withNewSpec().addNewContainer().withName("agent").withImage("runplane/agent")
                    .addNewPort().withName("api").withContainerPort(7000).endPort().endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running")
                    .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build();
    }

    private KubeClusterConnector connector() {
        return new KubeClusterConnector(new KubeTarget(kubeconfig, "lab", "runplane", "runplane-agent", 50051),
                Optional.of(agent.localToken()));
    }

    private static WorkloadSpec training(String name) {
        return WorkloadSpec.newBuilder().setProject("vision").setName(name).setType(WorkloadType.WORKLOAD_TYPE_TRAINING)
                .setImage("pytorch/pytorch:latest").addCommand("sleep").addArgs("3600")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1)).build();
    }

    @Test
    void listsSubmitsAndWatchesAWorkloadThroughThePortForwardAndClosesIt() throws Exception {
        kube.add(pod("agent-0", true), Map.of(7000, agent.port()));
        BlockingQueue<WatchWorkloadsResponse> watched = new LinkedBlockingQueue<>();

        try (ClusterSession session = connector().connect()) {
            assertThat(session.target()).matches("lab / runplane/runplane-agent:50051 via pod agent-0"
                    + " \\(forwarded to 127\\.0\\.0\\.1:\\d+\\)");
            RunplaneClient client = session.client();
            assertThat(client.whoAmI().getSubject()).isEqualTo("alice");
            client.submit(training("before-watch"), false);
            Subscription watch = client.watchWorkloads(WatchWorkloadsRequest.newBuilder().setBatches(true).build(),
                    new StreamListener<>() {
                        @Override
                        public void onNext(WatchWorkloadsResponse message) {
                            watched.add(message);
                        }

                        @Override
                        public void onError(ServiceException error) {
                            watched.add(WatchWorkloadsResponse.getDefaultInstance());
                        }

                        @Override
                        public void onCompleted() {
                        }
                    });

            WatchWorkloadsResponse snapshot = watched.poll(30, TimeUnit.SECONDS);
            assertThat(snapshot).isNotNull();
            assertThat(snapshot.getSnapshot().getWorkloadsList()).extracting(w -> w.getSpec().getName())
                    .contains("before-watch", "resnet50-baseline");

            Workload submitted = client.submit(training("through-the-forward"), false).getWorkload();
            assertThat(submitted.getSpec().getName()).isEqualTo("through-the-forward");
            awaitChange(watched, w -> w.getSpec().getName().equals("through-the-forward"));
            awaitChange(watched, w -> w.getSpec().getName().equals("through-the-forward")
                    && w.getStatus() == WorkloadStatus.WORKLOAD_STATUS_RUNNING);
            assertThat(client.get(WorkloadRef.newBuilder().setProject("vision").setName("through-the-forward").build())
                    .getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);
            watch.cancel();

            assertThat(kube.forwards()).isNotEmpty().allSatisfy(f -> {
                assertThat(f.pod()).isEqualTo("agent-0");
                assertThat(f.ports()).isEqualTo("7000");
                assertThat(f.subprotocol()).isEqualTo("v4.channel.k8s.io");
            });
            assertThat(kube.openStreams()).isPositive();
        }

        await("the forwarded streams to close with the session", () -> kube.openStreams() == 0);
        assertThat(kube.requests()).startsWith(
                "GET /api/v1/namespaces/runplane/services/runplane-agent",
                "GET /api/v1/namespaces/runplane/pods?labelSelector=app%3Drunplane-agent",
                "GET " + POD_PATH);
    }

    private static void awaitChange(BlockingQueue<WatchWorkloadsResponse> watched, Predicate<Workload> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            WatchWorkloadsResponse next = watched.poll(1, TimeUnit.SECONDS);
            if (next == null) {
                continue;
            }
            assertThat(next.getChangeCase()).as("the watch is still up").isNotEqualTo(WatchWorkloadsResponse.ChangeCase.CHANGE_NOT_SET);
            List<Workload> changed = switch (next.getChangeCase()) {
                case DELTA -> List.of(next.getDelta().getWorkload());
                case BATCH -> next.getBatch().getDeltasList().stream().map(d -> d.getWorkload()).toList();
                case SNAPSHOT -> next.getSnapshot().getWorkloadsList();
                case CHANGE_NOT_SET -> List.of();
            };
            if (changed.stream().anyMatch(wanted)) {
                return;
            }
        }
        throw new AssertionError("the watch did not show the change in 60 s");
    }

    @Test
    void aReplacedAgentPodIsReachedWhenTheConsoleReconnects() throws Exception {
        kube.add(pod("agent-0", true), Map.of(7000, agent.port()));
        try (ClusterSession session = connector().connect()) {
            assertThat(session.client().whoAmI().getSubject()).isEqualTo("alice");

            kube.delete("runplane", "agent-0");
            kube.add(pod("agent-1", true), Map.of(7000, agent.port()));
            await("a call through the new pod", () -> {
                try {
                    return session.client().whoAmI().getSubject().equals("alice");
                } catch (ServiceException e) {
                    return false;
                }
            });

            assertThat(kube.forwards().getLast().pod()).isEqualTo("agent-1");
        }
    }

    @Test
    void bytesGoBothWaysUnchangedAndAConnectionClosedLocallyEndsItsStream() throws Exception {
        try (EchoServer echo = new EchoServer();
             var client = new KubeClusterConnector(new KubeTarget(kubeconfig, "lab", "runplane", "runplane-agent", 50051),
                     Optional.empty()).kubernetesClient()) {
            kube.add(pod("agent-0", true), Map.of(7000, echo.port()));
            KubeClusterConnector.AgentPod agentPod = new KubeClusterConnector.AgentPod("agent-0", 7000);
            try (AgentPortForward forward = new AgentPortForward(client, "runplane", agentPod, () -> agentPod)) {
                byte[] sent = new byte[100_000];
                new java.util.Random(7).nextBytes(sent);
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", forward.localPort())) {
                    socket.getOutputStream().write(sent);
                    byte[] received = socket.getInputStream().readNBytes(sent.length);
                    assertThat(received).isEqualTo(sent);
                    assertThat(kube.openStreams()).isEqualTo(1);
                }
                await("the stream to end with its local connection", () -> kube.openStreams() == 0);
                assertThat(forward.serverErrors()).isEmpty();
            }
        }
    }

    @Test
    void aRefusedPodPortIsNamedInTheConnection() throws Exception {
        kube.add(pod("agent-0", true), Map.of());

        String message = failedConnection();

        assertThat(message).isEqualTo("Could not connect to lab / runplane/runplane-agent:50051: port-forward to pod"
                + " agent-0 port 7000 failed: error forwarding port 7000 to pod agent-0, uid uid-agent-0: failed to"
                + " connect to localhost:7000 inside the pod's network namespace: connect: connection refused");
    }

    @Test
    void noReadyPodIsNamedInTheConnection() throws Exception {
        kube.add(pod("agent-0", false), Map.of(7000, agent.port()));

        assertThat(failedConnection()).isEqualTo("Could not connect to lab / runplane/runplane-agent:50051: no ready pod"
                + " behind Service runplane-agent in namespace runplane of context lab (1 pod, none ready)");
        assertThat(kube.forwards()).isEmpty();
    }

    @Test
    void aPortForwardTheUserMayNotOpenIsNamedInTheConnection() throws Exception {
        kube.add(pod("agent-0", true), Map.of(7000, agent.port()));
        kube.forbidPortForward("runplane", "agent-0");

        assertThat(failedConnection()).isEqualTo("Could not connect to lab / runplane/runplane-agent:50051: port-forward"
                + " to pod agent-0 port 7000 failed: the kubeconfig user may not port-forward in namespace runplane"
                + " (HTTP 403: it needs the create verb on pods/portforward)");
    }

    /**
     * Connects as the Connect dialog does (a saved profile through {@link ClusterChoices}) from the UI
     * thread, which must get back at once, and returns the failure message the connection shows.
     */
    private String failedConnection() throws Exception {
        ConnectionProfiles profiles = ConnectionProfiles.load(dir.resolve("settings"));
        ConnectionProfile lab = ConnectionProfile.kubernetes(ConnectionProfiles.newId(), "GPU lab",
                new KubeTarget(kubeconfig, "lab", "runplane", "runplane-agent", 50051));
        profiles.save(lab, Optional.of(agent.localToken()));
        ConnectionViewModel connection = new ConnectionViewModel(() -> {
            throw new AssertionError("the local cluster is not used here");
        }, ClusterChoices.LOCAL_DESCRIPTION, background, new Notifications(ui));
        ClusterChoices choices = new ClusterChoices(profiles, () -> {
            throw new AssertionError("the local cluster is not used here");
        });

        ConnectionViewModel.State right = uiExecutor.submit(() -> {
            choices.use(lab, connection);
            return connection.stateProperty().get();
        }).get(5, TimeUnit.SECONDS);
        assertThat(right).as("the state as the UI thread returns from connecting").isEqualTo(ConnectionViewModel.State.CONNECTING);

        await("the connection to fail", () -> onUi(() -> connection.stateProperty().get() == ConnectionViewModel.State.FAILED));
        return onUi(() -> connection.messageProperty().get());
    }

    private <T> T onUi(java.util.concurrent.Callable<T> read) throws Exception {
        return uiExecutor.submit(read).get(5, TimeUnit.SECONDS);
    }

    /** A pod's port that sends back what it reads. */
    private static final class EchoServer implements AutoCloseable {
        private final java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());

        EchoServer() throws java.io.IOException {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        java.net.Socket connection = server.accept();
                        Thread.ofVirtual().start(() -> {
                            try (connection) {
                                connection.getInputStream().transferTo(connection.getOutputStream());
                            } catch (java.io.IOException e) {
                                // the forward closed the connection
                            }
                        });
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }

    private interface Check {
        boolean met() throws Exception;
    }

    private static void await(String what, Check condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
