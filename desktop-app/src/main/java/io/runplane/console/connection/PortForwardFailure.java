package io.runplane.console.connection;

import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Optional;

/**
 * Why a port-forward carried no traffic, from what fabric8 recorded on its streams: the API server refusing
 * the WebSocket upgrade (its status code; fabric8 keeps no body), or the kubelet's text on the
 * error channel ("error forwarding port 7000 to pod …: connection refused"). gRPC only sees the
 * connection close, so without this the console would say "network closed".
 */
final class PortForwardFailure {

    private static final String ERROR_CHANNEL_PREFIX = "Received an error from the remote socket ";

    private PortForwardFailure() {
    }

    /** {@code failure} explained by the forward's recorded error, or {@code failure} itself when it has none. */
    static RuntimeException explain(List<Throwable> forwardErrors, String namespace, String pod, int port,
                                    RuntimeException failure) {
        return reason(forwardErrors, namespace, pod)
                .<RuntimeException>map(r -> new IllegalStateException("port-forward to pod " + pod + " port " + port
                        + " failed: " + r, failure))
                .orElse(failure);
    }

    private static Optional<String> reason(List<Throwable> forwardErrors, String namespace, String pod) {
        return forwardErrors.stream().findFirst().map(t -> describe(t, namespace, pod));
    }

    private static String describe(Throwable error, String namespace, String pod) {
        Throwable cause = error;
        while (!(cause instanceof WebSocketHandshakeException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof WebSocketHandshakeException refused) {
            int code = refused.getResponse().code();
            return switch (code) {
                case 401 -> "the API server did not accept the kubeconfig user's credentials (HTTP 401)";
                case 403 -> "the kubeconfig user may not port-forward in namespace " + namespace
                        + " (HTTP 403: it needs the create verb on pods/portforward)";
                case 404 -> "pod " + pod + " is gone (HTTP 404)";
                default -> "the API server refused the WebSocket upgrade (HTTP " + code + ")";
            };
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return message.startsWith(ERROR_CHANNEL_PREFIX) ? message.substring(ERROR_CHANNEL_PREFIX.length()) : message;
    }
}
