package io.runplane.agent.backend.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.runplane.agent.backend.LaunchedPod;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.cluster.ClusterFiles;
import io.runplane.agent.organization.ClusterFileSeed;
import io.runplane.agent.organization.SchedulingView;
import io.runplane.api.v1.WorkloadType;
import io.runplane.scheduler.ForeignPod;
import io.runplane.scheduler.NodeSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Pods of other schedulers, read by the Kubernetes backend from fabric8's mock API server, reach the scheduler's input. */
@EnableKubernetesMockClient(crud = true)
class ForeignPodsIT {

    private static final ClusterFile ORGANIZATION = ClusterFiles.parse(ClusterFiles.defaultText());
    private static final Instant LAUNCHED = Instant.parse("2026-03-01T10:00:00Z");

    KubernetesClient client;
    private KubernetesBackend backend;

    @BeforeEach
    void start() {
        MockGpuNodes.createA100(client, "dgx-a100-01");
        backend = KubernetesBackend.start(client, ORGANIZATION, KubernetesBackend.Settings.defaults());
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void podsOfOtherSchedulersOnANodeAreItsForeignPodsWithTheirRequests() {
        backend.launch(new LaunchedPod("uuid-train", "train-0-0", 0, "", "team-a", "train", "w-uuid", WorkloadType.WORKLOAD_TYPE_TRAINING,
                "pytorch/pytorch:2.4", Map.of(), List.of("train"), List.of(), "dgx-a100-01", List.of(6, 7), 1.0, 81920,
                4000, 16384, LAUNCHED, Optional.empty(), Optional.empty(), 0, 0, 7, List.of()));
        client.pods().resource(pod("render", "default-scheduler", "dgx-a100-01", "Running", "2", "4", "8Gi", "6")).create();
        client.pods().resource(pod("finished", "default-scheduler", "dgx-a100-01", "Succeeded", "1", "1", "1Gi", null)).create();
        client.pods().resource(pod("waiting", "default-scheduler", null, "Pending", "1", "1", "1Gi", null)).create();
        client.pods().resource(pod("own", "runplane", "dgx-a100-01", "Running", "1", "1", "1Gi", null)).create();

        List<ClusterFile.ForeignPodDef> foreign = MockClusterWait.found(() -> {
            List<ClusterFile.ForeignPodDef> pods = backend.inventory().node("dgx-a100-01").orElseThrow().foreignPods();
            return pods.isEmpty() ? null : pods;
        });
        assertThat(foreign).as("the highest devices Runplane's pods do not hold; CPU from the init container, the larger")
                .containsExactly(new ClusterFile.ForeignPodDef("media/render", List.of(5, 4), 1.0, 6000, 8192));

        NodeSpec node = SchedulingView.of(ClusterFileSeed.of(ORGANIZATION), backend.inventory().nodes()).nodes().stream()
                .filter(n -> n.name().equals("dgx-a100-01")).findFirst().orElseThrow();
        assertThat(node.foreignPods()).containsExactly(new ForeignPod("media/render", List.of(5, 4), 1.0, 6000, 8192));

        client.pods().inNamespace("media").withName("render").delete();
        MockClusterWait.until(() -> backend.inventory().node("dgx-a100-01").orElseThrow().foreignPods().isEmpty());
    }

    private static Pod pod(String name, String scheduler, String node, String phase, String gpus, String cpu, String memory,
                           String initCpu) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("media").endMetadata()
                .withNewSpec().withSchedulerName(scheduler).withNodeName(node)
                    .addNewContainer().withName("main").withImage("render:1").withNewResources()
                        .addToRequests("cpu", new Quantity(cpu)).addToRequests("memory", new Quantity(memory))
                        .addToLimits("nvidia.com/gpu", new Quantity(gpus))
                    .endResources().endContainer()
                .endSpec()
                .withNewStatus().withPhase(phase).endStatus();
        if (initCpu != null) {
            b.editSpec().addNewInitContainer().withName("fetch").withImage("fetch:1").withNewResources()
                    .addToRequests("cpu", new Quantity(initCpu)).endResources().endInitContainer().endSpec();
        }
        return b.build();
    }
}
