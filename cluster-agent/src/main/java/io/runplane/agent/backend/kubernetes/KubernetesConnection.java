package io.runplane.agent.backend.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** How the agent reaches the API server: a kubeconfig file, the pod's service account, or the usual lookup. */
public final class KubernetesConnection {

    /** The value of {@code --kubeconfig} that means the pod's service account. */
    public static final String IN_CLUSTER = "in-cluster";

    private KubernetesConnection() {
    }

    /**
     * @param kubeconfig a kubeconfig file, {@value #IN_CLUSTER}, or empty for the usual lookup
     *                   ({@code KUBECONFIG}, {@code ~/.kube/config}, then the service account)
     * @throws IllegalArgumentException when the kubeconfig file does not exist
     */
    public static KubernetesClient connect(Optional<String> kubeconfig) {
        Config config;
        if (kubeconfig.isEmpty()) {
            config = Config.autoConfigure(null);
        } else if (kubeconfig.get().equals(IN_CLUSTER)) {
            System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
            config = Config.autoConfigure(null);
        } else {
            Path file = Path.of(kubeconfig.get());
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--kubeconfig " + file + ": no such file");
            }
            config = Config.fromKubeconfig(file.toFile());
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
