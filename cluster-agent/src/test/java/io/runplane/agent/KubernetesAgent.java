package io.runplane.agent;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** An agent started in Kubernetes mode against fabric8's mock API server, reached through a kubeconfig file as in production. */
final class KubernetesAgent {

    private KubernetesAgent() {
    }

    static EmbeddedAgent start(KubernetesClient mock, Path dir) throws IOException {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster: {server: "%s", insecure-skip-tls-verify: true}
                users:
                  - name: runplane-agent
                    user: {token: agent-service-account-token}
                contexts:
                  - name: mock
                    context: {cluster: mock, user: runplane-agent}
                current-context: mock
                """.formatted(mock.getMasterUrl()));
        return EmbeddedAgent.start(dir.resolve("data"), 0, AgentOptions.timeScale(1)
                .withKubernetes(new AgentOptions.Kubernetes(Optional.of(kubeconfig.toString()), Optional.empty(), Optional.empty())));
    }
}
