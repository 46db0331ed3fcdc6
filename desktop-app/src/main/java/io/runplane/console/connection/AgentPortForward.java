package io.runplane.console.connection;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.PortForward;
import io.runplane.console.app.Background;
import io.runplane.console.connection.KubeClusterConnector.AgentPod;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An ephemeral port of 127.0.0.1 forwarded to the agent's pod: each connection to it opens its own
 * {@code portforward} WebSocket through fabric8. Connections after the first look the ready pod up
 * again, so when the agent's pod is replaced (a rollout, a crash) gRPC's reconnect reaches the new
 * one instead of failing on the old pod's name. A connection the local side ends (end of stream)
 * closes its WebSocket, so the pod-side connection ends with it.
 */
final class AgentPortForward implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AgentPortForward.class.getName());
    private static final int RECENT_ERRORS = 10;

    private final KubernetesClient kube;
    private final String namespace;
    private final Supplier<AgentPod> currentPod;
    private final ServerSocketChannel server;
    private final List<PortForward> streams = new CopyOnWriteArrayList<>();
    private final Deque<Throwable> recentErrors = new ConcurrentLinkedDeque<>();
    private final AgentPod first;

    /**
     * @param first      the pod for the first connection (the one the connector just found)
     * @param currentPod finds the ready pod again for later connections; throws with a readable message
     */
    AgentPortForward(KubernetesClient kube, String namespace, AgentPod first, Supplier<AgentPod> currentPod)
            throws IOException {
        this.kube = kube;
        this.namespace = namespace;
        this.currentPod = currentPod;
        this.first = first;
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Background.namedDaemons("runplane-port-forward").newThread(this::acceptConnections).start();
    }

    int localPort() {
        try {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException("the port-forward's local socket is closed", e);
        }
    }

    /** What went wrong lately on the forward's streams or pod look-ups, oldest first. */
    List<Throwable> serverErrors() {
        List<Throwable> errors = new ArrayList<>(recentErrors);
        streams.forEach(s -> errors.addAll(s.getServerThrowables()));
        return errors;
    }

    private void remember(Throwable error) {
        recentErrors.addLast(error);
        while (recentErrors.size() > RECENT_ERRORS) {
            recentErrors.pollFirst();
        }
    }

    private void forgetEndedStreams() {
        for (PortForward stream : streams) {
            if (!stream.isAlive()) {
                stream.getServerThrowables().forEach(this::remember);
                streams.remove(stream);
            }
        }
    }

    private void acceptConnections() {
        boolean firstConnection = true;
        while (server.isOpen()) {
            SocketChannel socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(Level.WARNING, "port-forward stopped accepting connections", e);
                }
                return;
            }
            forgetEndedStreams();
            try {
                AgentPod target = firstConnection ? first : currentPod.get();
                firstConnection = false;
                streams.add(open(target, socket));
            } catch (RuntimeException e) {
                remember(e);
                closeQuietly(socket);
            }
        }
    }

    private PortForward open(AgentPod target, SocketChannel socket) {
        CompletableFuture<PortForward> stream = new CompletableFuture<>();
        ReadableByteChannel closingAtEnd = new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                int read = socket.read(dst);
                if (read < 0) {
                    stream.thenAccept(AgentPortForward::closeQuietly);
                }
                return read;
            }

            @Override
            public boolean isOpen() {
                return socket.isOpen();
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
        PortForward opened = kube.pods().inNamespace(namespace).withName(target.pod())
                .portForward(target.port(), closingAtEnd, socket);
        stream.complete(opened);
        return opened;
    }

    @Override
    public void close() {
        closeQuietly(server);
        streams.forEach(AgentPortForward::closeQuietly);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the port-forward", e);
        }
    }
}
