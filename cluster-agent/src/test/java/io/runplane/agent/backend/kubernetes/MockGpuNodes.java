package io.runplane.agent.backend.kubernetes;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Nodes as the NVIDIA GPU operator labels them, created in the mock API server. */
public final class MockGpuNodes {

    private MockGpuNodes() {
    }

    /** An 8 x A100 80 GB node with 128 CPUs and 1 TiB of memory. */
    public static void createA100(KubernetesClient client, String name) {
        client.nodes().resource(new NodeBuilder()
                .withNewMetadata().withName(name)
                    .addToLabels("nvidia.com/gpu.product", "NVIDIA-A100-SXM4-80GB").addToLabels("nvidia.com/gpu.memory", "81920")
                .endMetadata()
                .withNewStatus()
                    .addToAllocatable("nvidia.com/gpu", new Quantity("8")).addToAllocatable("cpu", new Quantity("128"))
                    .addToAllocatable("memory", new Quantity("1Ti"))
                .endStatus().build()).create();
    }
}
