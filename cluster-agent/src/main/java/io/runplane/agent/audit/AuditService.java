package io.runplane.agent.audit;

import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.runplane.access.Action;
import io.runplane.access.Entity;
import io.runplane.access.Scope;
import io.runplane.agent.access.Guard;
import io.runplane.api.v1.AuditGrpc;
import io.runplane.api.v1.ListAuditEntriesRequest;
import io.runplane.api.v1.ListAuditEntriesResponse;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The Audit API: the persisted audit log, newest first, filtered and paged. Reading it needs
 * "view the audit log" on the cluster, since an entry names objects of any department.
 */
public final class AuditService extends AuditGrpc.AuditImplBase {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;

    private static final Logger LOG = Logger.getLogger(AuditService.class.getName());

    private final AuditReader reader;
    private final Guard guard;

    public AuditService(AuditReader reader, Guard guard) {
        this.reader = reader;
        this.guard = guard;
    }

    @Override
    public void listAuditEntries(ListAuditEntriesRequest request, StreamObserver<ListAuditEntriesResponse> out) {
        ListAuditEntriesResponse response;
        try {
            guard.require(Action.VIEW, Entity.AUDIT_LOG, Scope.CLUSTER);
            AuditQuery query = AuditQuery.of(request);
            AuditReader.Page page = reader.newestFirst(query::matches, query.pageSize(), query.before());
            ListAuditEntriesResponse.Builder builder = ListAuditEntriesResponse.newBuilder();
            page.entries().forEach(entry -> builder.addEntries(toApi(entry)));
            page.next().ifPresent(offset -> builder.setNextPageToken(Long.toString(offset)));
            response = builder.build();
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        } catch (AuditReader.BadOffset e) {
            out.onError(invalid(Map.of("page_token", "not a page of this audit log (" + e.getMessage() + ")")));
            return;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the audit log", e);
            out.onError(Status.INTERNAL.withDescription("cannot read the audit log: " + e.getMessage()).asRuntimeException());
            return;
        }
        out.onNext(response);
        out.onCompleted();
    }

    private static io.runplane.api.v1.AuditEntry toApi(AuditEntry entry) {
        return io.runplane.api.v1.AuditEntry.newBuilder()
                .setTime(Timestamp.newBuilder().setSeconds(entry.time().getEpochSecond()).setNanos(entry.time().getNano()))
                .setSubject(entry.subject())
                .setAction(entry.action())
                .setTarget(entry.target())
                .setOutcome(entry.outcome())
                .setMessage(entry.message())
                .build();
    }

    /** What a request asks for, checked: every field at fault is named at once. */
    record AuditQuery(String subject, String actionPrefix, String targetContains, String outcome,
                      Instant since, Instant until, int pageSize, OptionalLong before) {

        static AuditQuery of(ListAuditEntriesRequest request) {
            Map<String, String> problems = new LinkedHashMap<>();
            String outcome = request.getOutcome().strip().toUpperCase(Locale.ROOT);
            if (!outcome.isEmpty() && Arrays.stream(Status.Code.values()).noneMatch(c -> c.name().equals(outcome))) {
                problems.put("outcome", "unknown outcome \"" + request.getOutcome() + "\"; outcomes are gRPC status codes: "
                        + Arrays.stream(Status.Code.values()).map(Enum::name).collect(Collectors.joining(", ")));
            }
            Instant since = request.hasSince() ? instant(request.getSince(), "since", problems) : Instant.MIN;
            Instant until = request.hasUntil() ? instant(request.getUntil(), "until", problems) : Instant.MAX;
            if (since != null && until != null && !since.isBefore(until)) {
                problems.put("until", "must be after since (" + since + ")");
            }
            int pageSize = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
            if (pageSize < 0 || pageSize > MAX_PAGE_SIZE) {
                problems.put("page_size", "must be between 1 and " + MAX_PAGE_SIZE + " (0 = " + DEFAULT_PAGE_SIZE + ")");
            }
            OptionalLong before = OptionalLong.empty();
            if (!request.getPageToken().isEmpty()) {
                try {
                    before = OptionalLong.of(Long.parseLong(request.getPageToken()));
                } catch (NumberFormatException e) {
                    problems.put("page_token", "not a page token of this audit log");
                }
            }
            if (!problems.isEmpty()) {
                throw invalid(problems);
            }
            return new AuditQuery(request.getSubject().strip(), request.getActionPrefix().strip(),
                    request.getTargetContains().strip().toLowerCase(Locale.ROOT), outcome, since, until, pageSize, before);
        }

        boolean matches(AuditEntry entry) {
            return (subject.isEmpty() || entry.subject().equals(subject) || entry.subject().endsWith(" " + subject))
                    && entry.action().startsWith(actionPrefix)
                    && (targetContains.isEmpty() || entry.target().toLowerCase(Locale.ROOT).contains(targetContains))
                    && (outcome.isEmpty() || entry.outcome().equals(outcome))
                    && !entry.time().isBefore(since) && entry.time().isBefore(until);
        }

        private static Instant instant(Timestamp timestamp, String field, Map<String, String> problems) {
            if (timestamp.getNanos() < 0 || timestamp.getNanos() > 999_999_999) {
                problems.put(field, "nanos must be between 0 and 999999999");
                return null;
            }
            try {
                return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
            } catch (java.time.DateTimeException e) {
                problems.put(field, "seconds out of range");
                return null;
            }
        }
    }

    private static StatusRuntimeException invalid(Map<String, String> problems) {
        BadRequest.Builder bad = BadRequest.newBuilder();
        problems.forEach((field, description) -> bad.addFieldViolations(
                BadRequest.FieldViolation.newBuilder().setField(field).setDescription(description)));
        String message = problems.entrySet().stream().map(p -> p.getKey() + ": " + p.getValue())
                .collect(Collectors.joining("; "));
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE).setMessage(message).addDetails(Any.pack(bad.build())).build());
    }
}
