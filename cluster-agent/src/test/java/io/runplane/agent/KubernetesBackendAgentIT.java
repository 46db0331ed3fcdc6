package io.runplane.agent;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.runplane.agent.backend.kubernetes.MockClusterWait;
import io.runplane.agent.backend.kubernetes.MockGpuNodes;
import io.runplane.agent.backend.kubernetes.MockTokenReviews;
import io.runplane.api.v1.ListNodesRequest;
import io.runplane.api.v1.Node;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A workload submitted over gRPC to an agent in Kubernetes mode becomes a bound pod, and the pod's life its status. */
@EnableKubernetesMockClient(crud = true)
class KubernetesBackendAgentIT {

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
        MockTokenReviews.acceptAll(server, "alice@example.com", List.of("runplane-admins"));
        agent = KubernetesAgent.start(client, dir);
    }

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void aSubmittedWorkloadRunsAsABoundPodOfTheCluster() throws Exception {
        try (AgentClient alice = new AgentClient(agent.port(), "alice-oidc-token")) {
            assertThat(alice.organization().listNodes(ListNodesRequest.getDefaultInstance()).getNodesList())
                    .extracting(Node::getName, Node::getNodePool, Node::getGpus)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("dgx-a100-01", "a100", 8),
                            org.assertj.core.groups.Tuple.tuple("dgx-a100-02", "a100", 8));

            Workload submitted = alice.workloads().submit(SubmitWorkloadRequest.newBuilder()
                    .setSpec(Specs.training("vision", "mnist", "1m").clearAnnotations()).build()).getWorkload();
            assertThat(submitted.getCreatedBy()).isEqualTo("alice@example.com");

            Pod pod = MockClusterWait.found(() -> client.pods().inNamespace("runplane-vision").withLabel("runplane.io/workload", "mnist")
                    .list().getItems().stream().findFirst().orElse(null));
            assertThat(pod.getSpec().getSchedulerName()).isEqualTo("runplane");
            assertThat(pod.getSpec().getContainers().getFirst().getImage()).isEqualTo("nvcr.io/nvidia/pytorch:24.08-py3");
            String name = pod.getMetadata().getName();
            Binding binding = MockClusterWait.found(() -> client.bindings().inNamespace("runplane-vision").withName(name).get());
            assertThat(binding.getTarget().getName()).startsWith("dgx-a100-0");

            setStatus(pod, binding.getTarget().getName(), "Running", "2026-03-01T10:00:07Z", null);
            Await.status(alice, "vision", "mnist", WorkloadStatus.WORKLOAD_STATUS_RUNNING);

            setStatus(pod, binding.getTarget().getName(), "Succeeded", null, "2026-03-01T10:01:07Z");
            Await.status(alice, "vision", "mnist", WorkloadStatus.WORKLOAD_STATUS_COMPLETED);
            MockClusterWait.until(() -> client.pods().inNamespace("runplane-vision").withName(name).get() == null);
        }
    }

    private void setStatus(Pod created, String node, String phase, String startedAt, String finishedAt) {
        Pod pod = client.pods().inNamespace("runplane-vision").withName(created.getMetadata().getName()).get();
        pod.getSpec().setNodeName(node);
        pod = client.pods().resource(pod).update();
        String container = pod.getSpec().getContainers().getFirst().getName();
        pod.setStatus(new PodStatusBuilder().withPhase(phase).addNewContainerStatus().withName(container).withNewState()
                .withNewRunning().withStartedAt(startedAt).endRunning()
                .withNewTerminated().withExitCode(0).withFinishedAt(finishedAt).endTerminated()
                .endState().endContainerStatus().build());
        if (startedAt == null) {
            pod.getStatus().getContainerStatuses().getFirst().getState().setRunning(null);
        } else {
            pod.getStatus().getContainerStatuses().getFirst().getState().setTerminated(null);
        }
        client.pods().resource(pod).updateStatus();
    }
}
