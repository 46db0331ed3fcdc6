package io.runplane.agent.access;

import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.runplane.access.AccessRule;
import io.runplane.access.Action;
import io.runplane.access.Entity;
import io.runplane.access.Permission;
import io.runplane.access.Role;
import io.runplane.access.Scope;
import io.runplane.access.Subject;
import io.runplane.api.v1.AccessRulesGrpc;
import io.runplane.api.v1.AccessScope;
import io.runplane.api.v1.AccessSubject;
import io.runplane.api.v1.CreateAccessRuleRequest;
import io.runplane.api.v1.DeleteAccessRuleRequest;
import io.runplane.api.v1.DeleteAccessRuleResponse;
import io.runplane.api.v1.ListAccessRulesRequest;
import io.runplane.api.v1.ListAccessRulesResponse;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.SubjectKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The AccessRules API. Rules are listed where the caller may view access rules, and created or
 * deleted where it may create or delete them, on the rule's own scope.
 */
public final class AccessRulesService extends AccessRulesGrpc.AccessRulesImplBase {

    private static final Logger LOG = Logger.getLogger(AccessRulesService.class.getName());

    private final AccessRuleStore store;
    private final Guard guard;

    public AccessRulesService(AccessRuleStore store, Guard guard) {
        this.store = store;
        this.guard = guard;
    }

    @Override
    public void listAccessRules(ListAccessRulesRequest request, StreamObserver<ListAccessRulesResponse> out) {
        unary(out, () -> {
            List<Subject> only = request.hasSubject() ? List.of(subject(request.getSubject(), "subject")) : List.of();
            ListAccessRulesResponse.Builder response = ListAccessRulesResponse.newBuilder();
            for (StoredRule stored : store.list()) {
                if ((only.isEmpty() || only.contains(stored.rule().subject()))
                        && guard.can(Action.VIEW, Entity.ACCESS_RULES, stored.rule().scope())) {
                    response.addRules(toApi(stored));
                }
            }
            return response.build();
        });
    }

    @Override
    public void createAccessRule(CreateAccessRuleRequest request, StreamObserver<io.runplane.api.v1.AccessRule> out) {
        unary(out, () -> {
            AccessRule rule = rule(request);
            guard.require(Action.CREATE, Entity.ACCESS_RULES, rule.scope());
            requireHeldByCaller(rule);
            return toApi(store.create(rule, guard.caller().name()));
        });
    }

    @Override
    public void deleteAccessRule(DeleteAccessRuleRequest request, StreamObserver<DeleteAccessRuleResponse> out) {
        unary(out, () -> {
            if (request.getId().isBlank()) {
                throw invalid(Map.of("id", "is required"));
            }
            StoredRule existing = store.find(request.getId()).orElseThrow(() -> Status.NOT_FOUND
                    .withDescription("id: no access rule \"" + request.getId() + "\"").asRuntimeException());
            guard.require(Action.DELETE, Entity.ACCESS_RULES, existing.rule().scope());
            store.delete(request.getId());
            return DeleteAccessRuleResponse.getDefaultInstance();
        });
    }

    /** Nobody grants more than they hold: every permission of the role must be the caller's on the rule's scope. */
    private void requireHeldByCaller(AccessRule rule) {
        for (Entity entity : Entity.values()) {
            for (Action action : Action.values()) {
                if (rule.role().grants(Permission.of(action, entity)) && !guard.can(action, entity, rule.scope())) {
                    throw Status.PERMISSION_DENIED.withDescription(guard.caller() + " may not grant " + rule.role().displayName()
                            + " in " + rule.scope() + ": it grants " + Permission.of(action, entity) + ", which "
                            + guard.caller() + " does not hold there").asRuntimeException();
                }
            }
        }
    }

    /** The rule a request asks for, or INVALID_ARGUMENT listing every field at fault. */
    private AccessRule rule(CreateAccessRuleRequest request) {
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        Subject subject = null;
        try {
            subject = subject(request.getSubject(), "subject");
        } catch (FieldProblem p) {
            problems.put(p.field, p.getMessage());
        }
        Role role = Role.parse(request.getRole()).orElse(null);
        if (role == null) {
            problems.put("role", request.getRole().isBlank() ? "is required" : "unknown role \"" + request.getRole()
                    + "\"; roles: " + Arrays.stream(Role.values()).map(Role::displayName).collect(Collectors.joining(", ")));
        }
        Scope scope = null;
        try {
            scope = scope(request.getScope());
        } catch (FieldProblem p) {
            problems.put(p.field, p.getMessage());
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new AccessRule(subject, role, scope);
    }

    private static Subject subject(AccessSubject subject, String field) {
        String name = subject.getName().strip();
        if (subject.getKind() != SubjectKind.SUBJECT_KIND_UNSPECIFIED && name.isEmpty()) {
            throw new FieldProblem(field + ".name", "is required");
        }
        return switch (subject.getKind()) {
            case SUBJECT_KIND_USER -> new Subject.User(name);
            case SUBJECT_KIND_GROUP -> new Subject.Group(name);
            case SUBJECT_KIND_APPLICATION -> new Subject.Application(name);
            default -> throw new FieldProblem(field + ".kind", "is required: user, group or application");
        };
    }

    private Scope scope(AccessScope scope) {
        Scope parsed = switch (scope.getKind()) {
            case SCOPE_KIND_CLUSTER -> {
                if (!scope.getName().isEmpty()) {
                    throw new FieldProblem("scope.name", "must be empty for the cluster");
                }
                yield Scope.CLUSTER;
            }
            case SCOPE_KIND_DEPARTMENT -> new Scope.Department(scope.getName());
            case SCOPE_KIND_PROJECT -> new Scope.Project(scope.getName());
            default -> throw new FieldProblem("scope.kind", "is required: cluster, department or project");
        };
        if (!guard.org().exists(parsed)) {
            throw new FieldProblem("scope.name", "unknown " + (parsed instanceof Scope.Project ? "project" : "department")
                    + " \"" + scope.getName() + "\"");
        }
        return parsed;
    }

    static io.runplane.api.v1.AccessRule toApi(StoredRule stored) {
        AccessRule rule = stored.rule();
        SubjectKind subjectKind = switch (rule.subject()) {
            case Subject.User u -> SubjectKind.SUBJECT_KIND_USER;
            case Subject.Group g -> SubjectKind.SUBJECT_KIND_GROUP;
            case Subject.Application a -> SubjectKind.SUBJECT_KIND_APPLICATION;
        };
        AccessScope scope = toApi(rule.scope());
        return io.runplane.api.v1.AccessRule.newBuilder()
                .setId(stored.id())
                .setSubject(AccessSubject.newBuilder().setKind(subjectKind).setName(rule.subject().name()))
                .setRole(rule.role().displayName())
                .setScope(scope)
                .setCreatedBy(stored.createdBy())
                .setCreatedAt(Timestamp.newBuilder().setSeconds(stored.createdAt().getEpochSecond()).setNanos(stored.createdAt().getNano()))
                .build();
    }

    static AccessScope toApi(Scope scope) {
        return switch (scope) {
            case Scope.Cluster c -> AccessScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_CLUSTER).build();
            case Scope.Department d -> AccessScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_DEPARTMENT).setName(d.name()).build();
            case Scope.Project p -> AccessScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_PROJECT).setName(p.name()).build();
        };
    }

    private static StatusRuntimeException invalid(Map<String, String> problems) {
        BadRequest.Builder bad = BadRequest.newBuilder();
        List<String> parts = new ArrayList<>();
        problems.forEach((field, description) -> {
            bad.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(field).setDescription(description));
            parts.add(field + ": " + description);
        });
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT.getNumber())
                .setMessage("the access rule is not valid: " + String.join("; ", parts))
                .addDetails(Any.pack(bad.build())).build());
    }

    private static final class FieldProblem extends RuntimeException {
        private final String field;

        FieldProblem(String field, String description) {
            super(description, null, false, false);
            this.field = field;
        }
    }

    private static <T> void unary(StreamObserver<T> out, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        } catch (FieldProblem p) {
            out.onError(invalid(Map.of(p.field, p.getMessage())));
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "access rule request failed", e);
            out.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }
}
