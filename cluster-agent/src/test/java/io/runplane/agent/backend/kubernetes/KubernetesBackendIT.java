package io.runplane.agent.backend.kubernetes;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.runplane.agent.backend.LaunchedPod;
import io.runplane.agent.backend.LogEntry;
import io.runplane.agent.backend.PodObservation;
import io.runplane.agent.backend.PodPhase;
import io.runplane.agent.backend.Signal;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.cluster.ClusterFiles;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kubernetes backend against fabric8's mock API server in CRUD mode (expectations where CRUD has no answer). */
@EnableKubernetesMockClient(crud = true)
class KubernetesBackendIT {

    private static final ClusterFile ORGANIZATION = ClusterFiles.parse(ClusterFiles.defaultText());
    private static final Instant LAUNCHED = Instant.parse("2026-03-01T10:00:00Z");

    KubernetesMockServer server;
    KubernetesClient client;
    private KubernetesBackend backend;

    @BeforeEach
    void nodes() {
        client.nodes().resource(node("dgx-a100-01", "NVIDIA-A100-SXM4-80GB", "81920", 8, false)).create();
        client.nodes().resource(node("cpu-01", null, null, 0, true)).create();
    }

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    private KubernetesBackend backend(KubernetesBackend.Settings settings) {
        backend = KubernetesBackend.start(client, ORGANIZATION, settings);
        return backend;
    }

    @Test
    void nodesBecomeTheInventoryAndStayCurrent() {
        ClusterFile inventory = backend(KubernetesBackend.Settings.defaults()).inventory();

        assertThat(inventory.nodePools()).isEqualTo(ORGANIZATION.nodePools());
        assertThat(inventory.projects()).isEqualTo(ORGANIZATION.projects());
        assertThat(inventory.workloads()).isEmpty();
        ClusterFile.NodeDef gpu = inventory.node("dgx-a100-01").orElseThrow();
        assertThat(gpu.gpus()).isEqualTo(8);
        assertThat(gpu.gpuModel()).isEqualTo("NVIDIA-A100-SXM4-80GB");
        assertThat(gpu.gpuMemoryMiB()).isEqualTo(81920);
        assertThat(gpu.nodePool()).isEqualTo("a100");
        assertThat(gpu.cpuMillis()).isEqualTo(63500);
        assertThat(gpu.memoryMiB()).isEqualTo(512 * 1024);
        assertThat(gpu.taints()).containsExactly(new ClusterFile.TaintDef("nvidia.com/gpu", "present", "NoSchedule"));
        assertThat(gpu.unschedulable()).isFalse();
        ClusterFile.NodeDef cpu = inventory.node("cpu-01").orElseThrow();
        assertThat(cpu.gpus()).isZero();
        assertThat(cpu.nodePool()).isEqualTo("default");
        assertThat(cpu.unschedulable()).isTrue();

        client.nodes().resource(node("l40s-01", "NVIDIA-L40S", "46068", 4, false)).create();
        MockClusterWait.until(() -> backend.inventory().node("l40s-01").isPresent());
        assertThat(backend.inventory().node("l40s-01").orElseThrow().nodePool()).isEqualTo("l40s");
        client.nodes().withName("cpu-01").delete();
        MockClusterWait.until(() -> backend.inventory().node("cpu-01").isEmpty());
    }

    @Test
    void aLaunchedPodIsCreatedForRunplaneAndBoundToTheChosenNode() {
        backend(KubernetesBackend.Settings.defaults()).launch(pod(List.of(2, 3), 1.0, 0));

        Pod pod = client.pods().inNamespace("runplane-team-a").withName("train-0-0").get();
        assertThat(pod.getSpec().getSchedulerName()).isEqualTo("runplane");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getNodeName()).isNull();
        assertThat(pod.getMetadata().getLabels()).containsEntry("runplane.io/project", "team-a")
                .containsEntry("runplane.io/workload", "train").containsEntry("runplane.io/pod-index", "0")
                .containsEntry("app.kubernetes.io/managed-by", "runplane");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("runplane.io/gpu-indices", "2,3")
                .containsEntry("runplane.io/gpu-fraction", "1.0").containsEntry("team", "vision");
        var container = pod.getSpec().getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("pytorch/pytorch:2.4");
        assertThat(container.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("2"));
        assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("4000m"))
                .containsEntry("memory", new Quantity("16384Mi"));
        assertThat(container.getEnv()).anyMatch(e -> e.getName().equals("RUNPLANE_PROJECT") && e.getValue().equals("team-a"));
        assertThat(client.namespaces().withName("runplane-team-a").get()).isNotNull();

        Binding binding = client.bindings().inNamespace("runplane-team-a").withName("train-0-0").get();
        assertThat(binding.getTarget().getKind()).isEqualTo("Node");
        assertThat(binding.getTarget().getName()).isEqualTo("dgx-a100-01");
    }

    @Test
    void aFractionNamesItsDeviceInsteadOfRequestingOne() {
        backend(new KubernetesBackend.Settings(Optional.of("ml"), Optional.empty())).launch(pod(List.of(5), 0.5, 0));

        Pod pod = client.pods().inNamespace("ml").withName("train-0-0").get();
        var container = pod.getSpec().getContainers().getFirst();
        assertThat(container.getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
        assertThat(container.getEnv()).anyMatch(e -> e.getName().equals("NVIDIA_VISIBLE_DEVICES") && e.getValue().equals("5"));
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("runplane.io/gpu-fraction", "0.5");
    }

    @Test
    void thePodsStatusBecomesTheObservation() {
        LaunchedPod launched = pod(List.of(0), 1.0, 0);
        backend(KubernetesBackend.Settings.defaults()).launch(launched);
        MockClusterWait.until(() -> backend.observe(launched, LAUNCHED).phase() == PodPhase.PENDING
                && backend.observe(launched, LAUNCHED).message().contains("binding to node dgx-a100-01"));

        setStatus(launched, "Pending", new ContainerStatusBuilder().withName("train").withNewState().withNewWaiting()
                .withReason("ImagePullBackOff").withMessage("Back-off pulling image").endWaiting().endState().build());
        PodObservation pulling = awaitPhase(launched, PodPhase.IMAGE_PULL_BACK_OFF);
        assertThat(pulling.message()).isEqualTo("ImagePullBackOff: Back-off pulling image");

        setStatus(launched, "Pending", new ContainerStatusBuilder().withName("train").withNewState().withNewWaiting()
                .withReason("ContainerCreating").endWaiting().endState().build());
        awaitPhase(launched, PodPhase.CONTAINER_CREATING);

        setStatus(launched, "Running", new ContainerStatusBuilder().withName("train").withNewState().withNewRunning()
                .withStartedAt("2026-03-01T10:00:07Z").endRunning().endState().build());
        assertThat(awaitPhase(launched, PodPhase.RUNNING).since()).isEqualTo(Instant.parse("2026-03-01T10:00:07Z"));

        setStatus(launched, "Failed", new ContainerStatusBuilder().withName("train").withNewState().withNewTerminated()
                .withExitCode(3).withReason("Error").withFinishedAt("2026-03-01T10:05:00Z").endTerminated().endState().build());
        PodObservation failed = awaitPhase(launched, PodPhase.FAILED);
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.since()).isEqualTo(Instant.parse("2026-03-01T10:05:00Z"));
        assertThat(failed.message()).isEqualTo("Error: container exited with code 3");

        setStatus(launched, "Succeeded", new ContainerStatusBuilder().withName("train").withNewState().withNewTerminated()
                .withExitCode(0).withReason("Completed").withFinishedAt("2026-03-01T10:06:00Z").endTerminated().endState().build());
        assertThat(awaitPhase(launched, PodPhase.SUCCEEDED).exitCode()).isZero();
    }

    @Test
    void terminateDeletesThePodAndAPodDeletedBehindTheAgentsBackFails() {
        LaunchedPod launched = pod(List.of(0), 1.0, 0);
        backend(KubernetesBackend.Settings.defaults()).launch(launched);
        MockClusterWait.until(() -> backend.observe(launched, LAUNCHED).phase() == PodPhase.PENDING
                && !backend.observe(launched, LAUNCHED).message().startsWith("created"));

        backend.terminate(launched);
        assertThat(client.pods().inNamespace("runplane-team-a").withName("train-0-0").get()).isNull();

        LaunchedPod other = pod(List.of(1), 1.0, 0, "train-0-1");
        backend.launch(other);
        MockClusterWait.until(() -> !backend.observe(other, LAUNCHED).message().startsWith("created"));
        client.pods().inNamespace("runplane-team-a").withName("train-0-1").delete();
        PodObservation gone = awaitPhase(other, PodPhase.FAILED);
        assertThat(gone.message()).isEqualTo("the pod runplane-team-a/train-0-1 no longer exists in the cluster");
    }

    @Test
    void aRestartReplacesThePodOfThePreviousRun() {
        LaunchedPod first = pod(List.of(0), 1.0, 0);
        backend(KubernetesBackend.Settings.defaults()).launch(first);
        setStatus(first, "Failed", new ContainerStatusBuilder().withName("train").withNewState().withNewTerminated()
                .withExitCode(1).endTerminated().endState().build());
        awaitPhase(first, PodPhase.FAILED);

        LaunchedPod second = pod(List.of(0), 1.0, 1);
        backend.launch(second);

        Pod pod = client.pods().inNamespace("runplane-team-a").withName("train-0-0").get();
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("runplane.io/restart", "1");
        assertThat(pod.getStatus() == null || pod.getStatus().getPhase() == null).isTrue();
        MockClusterWait.until(() -> backend.observe(second, LAUNCHED).phase() == PodPhase.PENDING
                && backend.observe(second, LAUNCHED).message().contains("binding"));
    }

    @Test
    void logsAreReadWithTimestampsAndCutToTheWindow() {
        LaunchedPod launched = pod(List.of(0), 1.0, 0);
        backend(KubernetesBackend.Settings.defaults()).launch(launched);
        MockClusterWait.until(() -> !backend.observe(launched, LAUNCHED).message().startsWith("created"));
        Instant from = Instant.parse("2026-03-01T10:00:05Z");
        server.expect().get()
                .withPath("/api/v1/namespaces/runplane-team-a/pods/train-0-0/log?pretty=false&container=train&sinceTime="
                        + from + "&tailLines=3&timestamps=true")
                .andReturn(200, """
                        2026-03-01T10:00:05.120000000Z epoch 1 loss 2.31
                        2026-03-01T10:00:06.500000000Z epoch 2 loss 1.87
                        2026-03-01T10:09:00.000000000Z epoch 3 loss 1.52
                        """)
                .once();

        List<LogEntry> lines = backend.logs(launched, from, Instant.parse("2026-03-01T10:01:00Z"), 3);

        assertThat(lines).containsExactly(
                new LogEntry("train", Instant.parse("2026-03-01T10:00:05.12Z"), "epoch 1 loss 2.31"),
                new LogEntry("train", Instant.parse("2026-03-01T10:00:06.5Z"), "epoch 2 loss 1.87"));
    }

    @Test
    void measurementsComeFromPrometheusOnlyWhenOneIsConfigured() throws Exception {
        LaunchedPod running = pod(List.of(2), 1.0, 0);
        Instant at = LAUNCHED.plusSeconds(60);
        assertThat(backend(KubernetesBackend.Settings.defaults()).measure(running, Signal.GPU_UTILIZATION_PERCENT, 2, at)).isEmpty();
        backend.close();

        List<String> queries = new CopyOnWriteArrayList<>();
        HttpServer prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        prometheus.createContext("/api/v1/query", exchange -> {
            queries.add(URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
            byte[] body = """
                    {"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1772359260,"87.5"]}]}}"""
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        prometheus.start();
        try {
            backend(new KubernetesBackend.Settings(Optional.empty(),
                    Optional.of(URI.create("http://127.0.0.1:" + prometheus.getAddress().getPort()))));

            assertThat(backend.measure(running, Signal.GPU_UTILIZATION_PERCENT, 2, at)).isEqualTo(OptionalDouble.of(87.5));
            assertThat(queries.getLast()).contains("query=avg(DCGM_FI_DEV_GPU_UTIL{Hostname=\"dgx-a100-01\",gpu=\"2\"})")
                    .contains("time=" + at.getEpochSecond());
            assertThat(backend.measure(running, Signal.MEMORY_MIB, -1, at)).isEqualTo(OptionalDouble.of(87.5));
            assertThat(queries.getLast()).contains("container_memory_working_set_bytes{namespace=\"runplane-team-a\",pod=\"train-0-0\"");
            assertThat(backend.measure(running, Signal.GPU_UTILIZATION_PERCENT, 3, at)).as("a device the pod does not hold").isEmpty();
            assertThat(backend.measure(running, Signal.CPU_MILLIS, -1, LAUNCHED)).as("before it ran").isEmpty();
            assertThat(queries).hasSize(2);
        } finally {
            prometheus.stop(0);
        }
    }

    private PodObservation awaitPhase(LaunchedPod pod, PodPhase phase) {
        MockClusterWait.until(() -> backend.observe(pod, LAUNCHED).phase() == phase);
        return backend.observe(pod, LAUNCHED);
    }

    private void setStatus(LaunchedPod launched, String phase, io.fabric8.kubernetes.api.model.ContainerStatus container) {
        Pod pod = client.pods().inNamespace("runplane-team-a").withName(launched.name()).get();
        pod.getSpec().setNodeName(launched.node());
        pod = client.pods().resource(pod).update();
        pod.setStatus(new PodStatusBuilder().withPhase(phase).withContainerStatuses(container).build());
        client.pods().resource(pod).updateStatus();
    }

    private static LaunchedPod pod(List<Integer> gpus, double fraction, int restarts) {
        return pod(gpus, fraction, restarts, "train-0-0");
    }

    private static LaunchedPod pod(List<Integer> gpus, double fraction, int restarts, String name) {
        return new LaunchedPod("uuid-" + name, name, 0, "", "team-a", "train", "w-uuid", WorkloadType.WORKLOAD_TYPE_TRAINING,
                "pytorch/pytorch:2.4", Map.of("team", "vision"), List.of("train"),
                List.of(new LaunchedPod.EnvVarValue("RUNPLANE_PROJECT", "team-a")), "dgx-a100-01", gpus, fraction, 81920,
                4000, 16384, LAUNCHED, Optional.of(LAUNCHED.plusSeconds(10)), Optional.empty(), 0, restarts, 7, List.of());
    }

    private static Node node(String name, String product, String memory, int gpus, boolean cordoned) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name).endMetadata();
        if (product != null) {
            b.editMetadata().addToLabels("nvidia.com/gpu.product", product).addToLabels("nvidia.com/gpu.memory", memory).endMetadata();
            b.withNewSpec().addNewTaint().withKey("nvidia.com/gpu").withValue("present").withEffect("NoSchedule").endTaint().endSpec();
        } else {
            b.withNewSpec().withUnschedulable(cordoned).endSpec();
        }
        return b.withNewStatus()
                .addToAllocatable("cpu", new Quantity("63500m"))
                .addToAllocatable("memory", new Quantity("512Gi"))
                .addToAllocatable("nvidia.com/gpu", new Quantity(Integer.toString(gpus)))
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build();
    }

}
