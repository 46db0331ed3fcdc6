package io.runplane.agent.access;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.runplane.access.Identity;
import io.runplane.access.Permission;
import io.runplane.access.Scope;

/**
 * A server stream that ends with {@code PERMISSION_DENIED} as soon as an access-rule change takes
 * from its caller the permission it was opened with. Until then it passes everything through; after
 * that it reports itself cancelled, so the feed writing to it stops, and drops what is still written.
 * Writes are serialized, since the revocation arrives on another thread than the feed's.
 */
public final class RevocableStream<T> extends ServerCallStreamObserver<T> {

    private final ServerCallStreamObserver<T> out;
    private final VisibleProjects.Following following;
    private boolean ended;
    private volatile boolean revoked;
    private volatile Runnable onCancel = () -> { };

    private RevocableStream(ServerCallStreamObserver<T> out, VisibleProjects visibility, Identity caller, Permission permission, Scope scope) {
        this.out = out;
        out.setOnCancelHandler(() -> {
            stopFollowing();
            onCancel.run();
        });
        this.following = visibility.followPermission(caller, permission, scope, this::revoke);
    }

    /** {@code out}, ended when {@code caller} loses {@code permission} on {@code scope}. */
    public static <T> RevocableStream<T> of(ServerCallStreamObserver<T> out, VisibleProjects visibility, Identity caller,
                                            Permission permission, Scope scope) {
        return new RevocableStream<>(out, visibility, caller, permission, scope);
    }

    private void revoke(StatusRuntimeException denied) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            revoked = true;
            try {
                out.onError(denied);
            } catch (RuntimeException e) {
                // The call is already gone.
            }
        }
        onCancel.run();
    }

    private void stopFollowing() {
        if (following != null) {
            following.close();
        }
    }

    @Override
    public synchronized void onNext(T value) {
        if (!ended) {
            out.onNext(value);
        }
    }

    @Override
    public synchronized void onError(Throwable t) {
        if (!ended) {
            ended = true;
            stopFollowing();
            out.onError(t);
        }
    }

    @Override
    public synchronized void onCompleted() {
        if (!ended) {
            ended = true;
            stopFollowing();
            out.onCompleted();
        }
    }

    @Override
    public boolean isCancelled() {
        return revoked || out.isCancelled();
    }

    @Override
    public void setOnCancelHandler(Runnable onCancelHandler) {
        this.onCancel = onCancelHandler;
    }

    @Override
    public void setCompression(String compression) {
        out.setCompression(compression);
    }

    @Override
    public boolean isReady() {
        return out.isReady();
    }

    @Override
    public void setOnReadyHandler(Runnable onReadyHandler) {
        out.setOnReadyHandler(onReadyHandler);
    }

    @Override
    public void disableAutoInboundFlowControl() {
        out.disableAutoInboundFlowControl();
    }

    @Override
    public void request(int count) {
        out.request(count);
    }

    @Override
    public void setMessageCompression(boolean enable) {
        out.setMessageCompression(enable);
    }
}
