package io.runplane.agent.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.runplane.access.Identity;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Authenticates every call by its {@code authorization: Bearer <token>} header and makes the
 * caller available through {@link Caller#current()}. Health checks and reflection stay open, as
 * probes and tools need them without credentials.
 */
public final class AuthInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Set<String> OPEN_SERVICES = Set.of(
            "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection");

    private final Supplier<? extends Authenticator> authenticator;

    public AuthInterceptor(Authenticator authenticator) {
        this(() -> authenticator);
    }

    /** Authenticates against the identities as they are at each call, e.g. {@link IdentityRegistry#current()}. */
    public AuthInterceptor(Supplier<? extends Authenticator> authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (OPEN_SERVICES.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        String header = headers.get(AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return reject(call, "missing credentials: send an 'authorization: Bearer <token>' header");
        }
        return switch (authenticator.get().verify(header.substring(7).trim())) {
            case Authenticator.Accepted(Identity caller) ->
                    Contexts.interceptCall(Context.current().withValue(Caller.KEY, caller), call, headers, next);
            case Authenticator.Refused(String reason) -> reject(call, reason);
        };
    }

    private static <Q, R> ServerCall.Listener<Q> reject(ServerCall<Q, R> call, String message) {
        call.close(Status.UNAUTHENTICATED.withDescription(message), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
