package io.runplane.agent;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.runplane.agent.backend.kubernetes.MockClusterWait;
import io.runplane.agent.backend.kubernetes.MockGpuNodes;
import io.runplane.agent.backend.kubernetes.MockTokenReviews;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.SubmitWorkloadRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A GPU held by another scheduler's pod is not Runplane's: an 8-GPU workload goes to the node that has all 8 free. */
@EnableKubernetesMockClient(crud = true)
class ForeignPodsAgentIT {

    KubernetesMockServer server;
    KubernetesClient client;
    @TempDir
    Path dir;
    private EmbeddedAgent agent;

    @BeforeEach
    void start() throws Exception {
        for (String name : List.of("dgx-a100-01", "dgx-a100-02")) {
            MockGpuNodes.createA100(client, name);
        }
        client.pods().resource(new PodBuilder().withNewMetadata().withName("render").withNamespace("media").endMetadata()
                .withNewSpec().withSchedulerName("default-scheduler").withNodeName("dgx-a100-01")
                    .addNewContainer().withName("main").withImage("render:1").withNewResources()
                        .addToLimits("nvidia.com/gpu", new Quantity("1")).endResources().endContainer()
                .endSpec().withNewStatus().withPhase("Running").endStatus().build()).create();
        MockTokenReviews.acceptAll(server, "alice@example.com", List.of("runplane-admins"));
        agent = KubernetesAgent.start(client, dir);
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void aWorkloadIsNotPlacedOnGpusAnotherSchedulersPodHolds() throws Exception {
        try (AgentClient alice = new AgentClient(agent.port(), "alice-oidc-token")) {
            alice.workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("vision", "big", "1m").clearAnnotations()
                    .setCompute(ComputeRequest.newBuilder().setGpuDevices(8).setCpuMillis(1000).setMemoryMib(4096))).build());

            Binding binding = MockClusterWait.found(() -> client.pods().inNamespace("runplane-vision").withLabel("runplane.io/workload", "big")
                    .list().getItems().stream().findFirst()
                    .map(p -> client.bindings().inNamespace("runplane-vision").withName(p.getMetadata().getName()).get())
                    .orElse(null));
            assertThat(binding.getTarget().getName()).as("dgx-a100-01 has one GPU of another scheduler's pod")
                    .isEqualTo("dgx-a100-02");
        }
    }
}
