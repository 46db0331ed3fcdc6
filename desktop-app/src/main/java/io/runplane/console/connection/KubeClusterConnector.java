package io.runplane.console.connection;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.runplane.api.BearerToken;
import io.runplane.console.client.GrpcRunplaneClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Connects to the agent running in a cluster, through a port-forward that fabric8 opens to a ready
 * pod behind the agent's Service (no kubectl needed). Each {@link #connect()} looks the pod up and
 * opens an {@link AgentPortForward} on an ephemeral port of 127.0.0.1; the session closes the forward
 * and the Kubernetes client with the channel.
 */
public final class KubeClusterConnector implements ClusterConnector {

    private final KubeTarget target;
    private final Optional<String> storedToken;

    /** @param storedToken a Runplane token to sign in with; empty: the kubeconfig user's token */
    public KubeClusterConnector(KubeTarget target, Optional<String> storedToken) {
        this.target = target;
        this.storedToken = storedToken;
    }

    @Override
    public ClusterSession connect() {
        Config config = kubeConfig();
        String token = storedToken.or(() -> kubeconfigToken(config))
                .orElseThrow(() -> new IllegalArgumentException("Token: the user of context '" + target.context()
                        + "' in " + target.kubeconfig() + " has no bearer token; enter a token in the profile"));
        KubernetesClient kube = new KubernetesClientBuilder().withConfig(config).build();
        AgentPortForward forward = null;
        try {
            AgentPod agent = agentPod(kube);
            forward = new AgentPortForward(kube, target.namespace(), agent, () -> agentPod(kube));
            GrpcRunplaneClient client = new GrpcRunplaneClient(RemoteClusterConnector.channel("127.0.0.1",
                    forward.localPort(), RemoteClusterConnector.Transport.PLAINTEXT), new BearerToken(token));
            try {
                client.whoAmI();
            } catch (RuntimeException e) {
                client.close();
                throw PortForwardFailure.explain(forward.serverErrors(), target.namespace(), agent.pod(), agent.port(), e);
            }
            return new ClusterSession(client, target.describe() + " via pod " + agent.pod()
                    + " (forwarded to 127.0.0.1:" + forward.localPort() + ")", List.of(kube, forward));
        } catch (IOException e) {
            closeQuietly(forward);
            kube.close();
            throw new UncheckedIOException("cannot open a local port to forward: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(forward);
            kube.close();
            throw e;
        }
    }

    /** A ready pod behind the Service and the pod port its {@code port} targets. */
    record AgentPod(String pod, int port) {
    }

    AgentPod agentPod(KubernetesClient kube) {
        String where = "in namespace " + target.namespace() + " of context " + target.context();
        Service service = kube.services().inNamespace(target.namespace()).withName(target.service()).get();
        if (service == null) {
            throw new IllegalStateException("no Service " + target.service() + " " + where);
        }
        ServicePort servicePort = service.getSpec().getPorts().stream().filter(p -> p.getPort() == target.port())
                .findFirst().orElseThrow(() -> new IllegalStateException("Service " + target.service() + " " + where
                        + " has no port " + target.port()));
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            throw new IllegalStateException("Service " + target.service() + " " + where + " has no pod selector");
        }
        List<Pod> pods = kube.pods().inNamespace(target.namespace()).withLabels(selector).list().getItems();
        Pod ready = pods.stream().filter(KubeClusterConnector::ready).findFirst()
                .orElseThrow(() -> new IllegalStateException("no ready pod behind Service " + target.service() + " "
                        + where + " (" + pods.size() + " pod" + (pods.size() == 1 ? "" : "s") + ", none ready)"));
        return new AgentPod(ready.getMetadata().getName(), podPort(servicePort, ready));
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private int podPort(ServicePort servicePort, Pod pod) {
        IntOrString targetPort = servicePort.getTargetPort();
        if (targetPort == null) {
            return servicePort.getPort();
        }
        if (targetPort.getIntVal() != null) {
            return targetPort.getIntVal();
        }
        String name = targetPort.getStrVal();
        return pod.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                .filter(p -> name.equals(p.getName())).map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new IllegalStateException("pod " + pod.getMetadata().getName()
                        + " has no container port named '" + name + "'"));
    }

    /** The bearer token the kubeconfig gives the context's user; exec and auth-provider plugins are not run for it. */
    private static Optional<String> kubeconfigToken(Config config) {
        return Stream.of(config.getOauthToken(), config.getAutoOAuthToken())
                .filter(t -> t != null && !t.isBlank()).findFirst();
    }

    /** A client for the profile's kubeconfig context. */
    KubernetesClient kubernetesClient() {
        return new KubernetesClientBuilder().withConfig(kubeConfig()).build();
    }

    private Config kubeConfig() {
        Kubeconfig.read(target.kubeconfig()).requireContext(target.context());
        try {
            String contents = Files.readString(target.kubeconfig());
            return Config.fromKubeconfig(target.context(), contents, target.kubeconfig().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Kubeconfig: cannot read " + target.kubeconfig() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Kubeconfig: context '" + target.context() + "' of " + target.kubeconfig()
                    + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(AgentPortForward forward) {
        if (forward != null) {
            forward.close();
        }
    }
}
