package io.runplane.agent.server;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Who is calling. Until authentication lands, the caller names itself in the {@code x-runplane-user}
 * header; without it the agent's default subject is used.
 */
public final class CallerIdentity implements ServerInterceptor {

    public static final Metadata.Key<String> USER_HEADER = Metadata.Key.of("x-runplane-user", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> USER = Context.key("runplane-user");

    private final String defaultSubject;

    public CallerIdentity(String defaultSubject) {
        this.defaultSubject = defaultSubject;
    }

    static String current() {
        String user = USER.get();
        return user == null ? "anonymous" : user;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String user = headers.get(USER_HEADER);
        String subject = user == null || user.isBlank() || user.length() > 253 ? defaultSubject : user.trim();
        return Contexts.interceptCall(Context.current().withValue(USER, subject), call, headers, next);
    }
}
