package io.runplane.console.connection;

import java.nio.file.Path;

/**
 * Where the agent of a Kubernetes context profile runs: a Service in a namespace of the cluster a
 * kubeconfig context names. The console reaches it by port-forward, so the Service needs no
 * external address.
 *
 * @param port the Service port of the agent's gRPC API
 */
public record KubeTarget(Path kubeconfig, String context, String namespace, String service, int port) {

    public static final String DEFAULT_NAMESPACE = "runplane";
    public static final String DEFAULT_SERVICE = "runplane-agent";
    public static final int DEFAULT_PORT = 50051;

    public KubeTarget {
        if (kubeconfig.toString().isBlank()) {
            throw new IllegalArgumentException("Kubeconfig: enter the kubeconfig file");
        }
        if (context.isBlank()) {
            throw new IllegalArgumentException("Context: choose a context of " + kubeconfig);
        }
        if (!namespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            throw new IllegalArgumentException("Namespace: '" + namespace + "' is not a Kubernetes namespace name");
        }
        if (!service.matches("[a-z]([-a-z0-9]*[a-z0-9])?")) {
            throw new IllegalArgumentException("Service: '" + service + "' is not a Kubernetes service name");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Port: must be 1 to 65535, got " + port);
        }
    }

    /** "prod-eu / runplane/runplane-agent:50051", for the list and the status bar. */
    public String describe() {
        return context + " / " + namespace + "/" + service + ":" + port;
    }
}
