package io.runplane.console.fakekube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes API server for the console's port-forward path, on a real HTTP socket of 127.0.0.1:
 * reads of Services, pod lists by label selector, and the pod {@code portforward} subresource over
 * WebSocket ({@link PortForwardStream}). A pod's ports live at real local TCP ports the test names,
 * as if they were the pod's network namespace. Every request must carry the bearer token given.
 */
public final class FakeKubeApiServer implements AutoCloseable {

    private static final Pattern SERVICE = Pattern.compile("/api/v1/namespaces/([^/]+)/services/([^/]+)");
    private static final Pattern PODS = Pattern.compile("/api/v1/namespaces/([^/]+)/pods");
    private static final Pattern PORT_FORWARD = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/portforward");

    /** One port-forward upgrade request as the server saw it. */
    public record ForwardRequest(String namespace, String pod, String ports, String subprotocol) {
    }

    private final KubernetesSerialization json = new KubernetesSerialization();
    private final Vertx vertx = Vertx.vertx();
    private final String token;
    private final Map<String, Service> services = new ConcurrentHashMap<>();
    private final Map<String, Pod> pods = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, Integer>> podPorts = new ConcurrentHashMap<>();
    private final Set<String> forbiddenForward = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<ForwardRequest> forwards = new CopyOnWriteArrayList<>();
    private final Set<PortForwardStream> open = ConcurrentHashMap.newKeySet();
    private final HttpServer server;
    private final NetClient dialer;

    public FakeKubeApiServer(String token) {
        this.token = token;
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setWebSocketSubProtocols(List.of(PortForwardStream.SUBPROTOCOL)));
        server.requestHandler(this::handle);
        dialer = vertx.createNetClient();
        await(server.listen());
    }

    /** {@code http://127.0.0.1:PORT}, for the kubeconfig's cluster server. */
    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public void add(Service service) {
        services.put(key(service.getMetadata().getNamespace(), service.getMetadata().getName()), service);
    }

    /** Adds a pod whose {@code podPort}s are served at the given TCP ports of 127.0.0.1. */
    public void add(Pod pod, Map<Integer, Integer> podPortToLocalPort) {
        String key = key(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        pods.put(key, pod);
        podPorts.put(key, Map.copyOf(podPortToLocalPort));
    }

    /** Deletes a pod: its forwarded streams end, and port-forwards to it find no pod. */
    public void delete(String namespace, String pod) {
        pods.remove(key(namespace, pod));
        open.stream().filter(s -> s.pod().equals(pod)).forEach(PortForwardStream::end);
    }

    /** Refuses port-forwards to {@code pod} as RBAC refuses a user without {@code create pods/portforward}. */
    public void forbidPortForward(String namespace, String pod) {
        forbiddenForward.add(key(namespace, pod));
    }

    /** Method and path (with query) of every request, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public List<ForwardRequest> forwards() {
        return List.copyOf(forwards);
    }

    /** How many forwarded streams are open (upgraded and not closed by either side). */
    public int openStreams() {
        return open.size();
    }

    private void handle(HttpServerRequest request) {
        requests.add(request.method() + " " + request.uri());
        if (!("Bearer " + token).equals(request.getHeader("Authorization"))) {
            reply(request, status(401, "Unauthorized", "Unauthorized"));
            return;
        }
        String path = request.path();
        Matcher m;
        if ((m = PORT_FORWARD.matcher(path)).matches()) {
            portForward(request, m.group(1), m.group(2));
        } else if ((m = SERVICE.matcher(path)).matches() && request.method().name().equals("GET")) {
            String namespace = m.group(1);
            String name = m.group(2);
            Optional.ofNullable(services.get(key(namespace, name))).ifPresentOrElse(
                    service -> reply(request, 200, json.asJson(service)),
                    () -> reply(request, notFound("services", name)));
        } else if ((m = PODS.matcher(path)).matches() && request.method().name().equals("GET")) {
            String namespace = m.group(1);
            Map<String, String> selector = labelSelector(request.getParam("labelSelector", ""));
            List<Pod> matching = pods.values().stream()
                    .filter(p -> p.getMetadata().getNamespace().equals(namespace))
                    .filter(p -> p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                    .toList();
            reply(request, 200, json.asJson(new PodListBuilder().withNewMetadata().withResourceVersion("1").endMetadata()
                    .withItems(matching).build()));
        } else {
            reply(request, status(404, "NotFound", "the server could not find the requested resource"));
        }
    }

    private void portForward(HttpServerRequest request, String namespace, String name) {
        String key = key(namespace, name);
        Pod pod = pods.get(key);
        if (pod == null) {
            reply(request, notFound("pods", name));
            return;
        }
        if (forbiddenForward.contains(key)) {
            reply(request, status(403, "Forbidden", "pods \"" + name + "\" is forbidden: User \"alice\" cannot create"
                    + " resource \"pods/portforward\" in API group \"\" in the namespace \"" + namespace + "\""));
            return;
        }
        String ports = request.getParam("ports", "");
        if (!ports.matches("\\d+")) {
            reply(request, status(400, "BadRequest", "query parameter \"ports\" must be one port number, got '" + ports + "'"));
            return;
        }
        String offered = request.getHeader("Sec-WebSocket-Protocol");
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade")) || offered == null
                || !List.of(offered.split(" *, *")).contains(PortForwardStream.SUBPROTOCOL)) {
            reply(request, status(400, "BadRequest", "upgrade to a WebSocket with subprotocol "
                    + PortForwardStream.SUBPROTOCOL + " required, got Upgrade " + request.getHeader("Upgrade")
                    + ", protocols " + offered));
            return;
        }
        int port = Integer.parseInt(ports);
        Integer local = podPorts.get(key).get(port);
        request.toWebSocket().onSuccess(ws -> {
            forwards.add(new ForwardRequest(namespace, name, ports, ws.subProtocol()));
            new PortForwardStream(dialer, ws, port, name, pod.getMetadata().getUid(), local == null ? 0 : local, open).start();
        });
    }

    private static Map<String, String> labelSelector(String selector) {
        Map<String, String> labels = new HashMap<>();
        for (String term : selector.split(",")) {
            if (!term.isBlank()) {
                String[] kv = term.split("=", 2);
                labels.put(kv[0], kv.length == 2 ? kv[1] : "");
            }
        }
        return labels;
    }

    private void reply(HttpServerRequest request, Status status) {
        reply(request, status.getCode(), json.asJson(status));
    }

    private static void reply(HttpServerRequest request, int code, String body) {
        request.response().setStatusCode(code).putHeader("Content-Type", "application/json").end(body);
    }

    private static Status notFound(String kind, String name) {
        return status(404, "NotFound", kind + " \"" + name + "\" not found");
    }

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake API server: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        await(vertx.close());
    }
}
