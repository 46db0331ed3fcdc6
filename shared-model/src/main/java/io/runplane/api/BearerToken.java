package io.runplane.api;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.Status;

import java.util.concurrent.Executor;

/** Client-side credentials that send {@code authorization: Bearer <token>} with every call. */
public final class BearerToken extends CallCredentials {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final String token;

    public BearerToken(String token) {
        if (token.isBlank()) {
            throw new IllegalArgumentException("token: must not be blank");
        }
        this.token = token.strip();
    }

    @Override
    public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        try {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, "Bearer " + token);
            applier.apply(headers);
        } catch (RuntimeException e) {
            applier.fail(Status.UNAUTHENTICATED.withDescription("cannot attach the bearer token").withCause(e));
        }
    }
}
