package io.runplane.console.fakekube;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * One forwarded port over one WebSocket, in the Kubernetes {@code v4.channel.k8s.io} channel protocol
 * as the kubelet speaks it: every binary message starts with its channel byte, channel 0 carries the
 * port's data and channel 1 its errors; the first message on each channel is the port number (two
 * bytes, little-endian). The data channel is relayed to a real TCP socket; a failed dial is written
 * to the error channel as text and the WebSocket closed. Either side closing closes the other.
 */
final class PortForwardStream {

    static final String SUBPROTOCOL = "v4.channel.k8s.io";
    static final byte DATA = 0;
    static final byte ERROR = 1;

    private final NetClient dialer;
    private final ServerWebSocket ws;
    private final int podPort;
    private final String pod;
    private final String uid;
    private final int localPort;
    private final Set<PortForwardStream> open;
    private NetSocket socket;

    /** @param localPort where the pod's port listens on this machine; 0: nothing listens there */
    PortForwardStream(NetClient dialer, ServerWebSocket ws, int podPort, String pod, String uid, int localPort,
                      Set<PortForwardStream> open) {
        this.dialer = dialer;
        this.ws = ws;
        this.podPort = podPort;
        this.pod = pod;
        this.uid = uid;
        this.localPort = localPort;
        this.open = open;
    }

    void start() {
        open.add(this);
        ws.pause();
        ws.closeHandler(v -> closed());
        ws.writeBinaryMessage(portNumber(DATA));
        ws.writeBinaryMessage(portNumber(ERROR));
        if (localPort == 0) {
            failDial("connect: connection refused");
            return;
        }
        dialer.connect(localPort, "127.0.0.1").onSuccess(this::relay)
                .onFailure(e -> failDial(e.getMessage()));
    }

    private void relay(NetSocket connected) {
        socket = connected;
        if (!open.contains(this)) {
            socket.close();
            return;
        }
        socket.handler(data -> {
            ws.writeBinaryMessage(Buffer.buffer(1 + data.length()).appendByte(DATA).appendBuffer(data));
            if (ws.writeQueueFull()) {
                socket.pause();
                ws.drainHandler(v -> socket.resume());
            }
        });
        socket.closeHandler(v -> ws.close());
        ws.binaryMessageHandler(message -> {
            if (message.length() == 0 || message.getByte(0) != DATA) {
                ws.close((short) 1002, "data only on channel " + DATA);
                return;
            }
            socket.write(message.slice(1, message.length()));
            if (socket.writeQueueFull()) {
                ws.pause();
                socket.drainHandler(v -> ws.resume());
            }
        });
        ws.textMessageHandler(text -> ws.close((short) 1003, "binary messages only"));
        ws.resume();
    }

    /** What the kubelet does when the pod's port cannot be dialled: the reason on the error channel, then close. */
    private void failDial(String reason) {
        String message = "error forwarding port " + podPort + " to pod " + pod + ", uid " + uid
                + ": failed to connect to localhost:" + podPort + " inside the pod's network namespace: " + reason;
        ws.writeBinaryMessage(Buffer.buffer().appendByte(ERROR).appendString(message, StandardCharsets.UTF_8.name()));
        ws.close();
    }

    String pod() {
        return pod;
    }

    /** Ends the stream from the pod's side, as the kubelet does when the pod goes away. */
    void end() {
        ws.close();
    }

    private void closed() {
        open.remove(this);
        if (socket != null) {
            socket.close();
        }
    }

    private Buffer portNumber(byte channel) {
        return Buffer.buffer(3).appendByte(channel).appendUnsignedShortLE(podPort);
    }
}
