package io.runplane.agent.auth;

import io.grpc.Context;
import io.runplane.access.Identity;

/** The authenticated caller of the current gRPC call. */
public final class Caller {

    static final Context.Key<Identity> KEY = Context.key("runplane-caller");

    private Caller() {
    }

    /** The caller of the call on this thread; only valid inside a call that passed {@link AuthInterceptor}. */
    public static Identity current() {
        Identity identity = KEY.get();
        if (identity == null) {
            throw new IllegalStateException("no authenticated caller: the call did not pass the AuthInterceptor");
        }
        return identity;
    }
}
