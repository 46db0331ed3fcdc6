package io.runplane.agent.audit;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.runplane.access.Identity;
import io.runplane.api.v1.WorkloadsGrpc;
import io.runplane.agent.auth.Caller;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Records every call that may change state: who made it, what it named, and its outcome. Reads
 * (List, Get, Watch, the feeds) are not recorded. Placed inside the authentication interceptor, so
 * that the caller is known.
 */
public final class AuditInterceptor implements ServerInterceptor {

    private static final Set<String> READ_PREFIXES = Set.of(
            "List", "Get", "Watch", "Events", "Metrics", "Logs", "WhoAmI", "Overview", "Effective", "Validate", "Check");
    /**
     * Calls whose successful outcome the workload journal already holds durably, with the user who
     * made them, before they are answered: their lines need not be forced before the answer.
     */
    private static final Set<String> JOURNALED = Set.of(WorkloadsGrpc.getSubmitMethod().getFullMethodName(),
            WorkloadsGrpc.getStopMethod().getFullMethodName(), WorkloadsGrpc.getResumeMethod().getFullMethodName(),
            WorkloadsGrpc.getDeleteMethod().getFullMethodName());
    private static final List<String> TARGET_FIELDS = List.of("id", "project", "department", "name", "node_pool", "role");

    private final AuditLog log;
    private final Clock clock;

    public AuditInterceptor(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getBareMethodName();
        if (method == null || READ_PREFIXES.stream().anyMatch(method::startsWith)) {
            return next.startCall(call, headers);
        }
        String action = call.getMethodDescriptor().getServiceName() + "/" + method;
        boolean journaled = JOURNALED.contains(call.getMethodDescriptor().getFullMethodName());
        Identity caller = Caller.current();
        StringBuilder target = new StringBuilder();
        ServerCall<Q, R> recording = new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                AuditEntry entry = new AuditEntry(clock.instant(), caller.toString(), action, target.toString(),
                        status.getCode().name(), status.getDescription() == null ? "" : status.getDescription());
                if (journaled && status.isOk()) {
                    log.appendForcedLater(entry);
                } else {
                    log.append(entry);
                }
                super.close(status, trailers);
            }
        };
        return new SimpleForwardingServerCallListener<>(next.startCall(recording, headers)) {
            @Override
            public void onMessage(Q request) {
                if (target.isEmpty() && request instanceof Message message) {
                    target.append(describe(message));
                }
                super.onMessage(request);
            }
        };
    }

    /**
     * The identifying fields of a request, at the top level and one message deep. Nested fields are
     * named by their message ("subject name alice") unless one nested message alone identifies the
     * request (a submission's spec: "project team-a, name train-1").
     */
    static String describe(Message request) {
        List<String> parts = new ArrayList<>();
        collect(request, parts);
        boolean topLevel = !parts.isEmpty();
        List<List<String>> nested = new ArrayList<>();
        List<String> nestedNames = new ArrayList<>();
        for (FieldDescriptor field : request.getDescriptorForType().getFields()) {
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated() && request.hasField(field)) {
                List<String> inner = new ArrayList<>();
                collect((Message) request.getField(field), inner);
                if (!inner.isEmpty()) {
                    nested.add(inner);
                    nestedNames.add(field.getName().replace('_', ' '));
                }
            }
        }
        boolean named = topLevel || nested.size() > 1;
        for (int i = 0; i < nested.size(); i++) {
            for (String part : nested.get(i)) {
                parts.add(named ? nestedNames.get(i) + " " + part : part);
            }
        }
        return String.join(", ", parts);
    }

    private static void collect(Message message, List<String> parts) {
        for (String name : TARGET_FIELDS) {
            FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
            if (field != null && field.getJavaType() == FieldDescriptor.JavaType.STRING && !field.isRepeated()) {
                String value = (String) message.getField(field);
                if (!value.isEmpty()) {
                    parts.add(name.replace('_', ' ') + " " + value);
                }
            }
        }
    }
}
