package io.runplane.agent.policies;

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
import io.runplane.agent.access.Guard;
import io.runplane.agent.assets.WorkloadAssetResolution;
import io.runplane.agent.workload.WorkloadException;
import io.runplane.agent.workload.FieldProblem;
import io.runplane.api.v1.DeletePolicyResponse;
import io.runplane.api.v1.GetEffectivePolicyRequest;
import io.runplane.api.v1.ListPoliciesRequest;
import io.runplane.api.v1.ListPoliciesResponse;
import io.runplane.api.v1.PoliciesGrpc;
import io.runplane.api.v1.Policy;
import io.runplane.api.v1.PolicyRef;
import io.runplane.api.v1.PolicyScope;
import io.runplane.api.v1.PolicySourceRef;
import io.runplane.api.v1.PolicyViolation;
import io.runplane.api.v1.PutPolicyRequest;
import io.runplane.api.v1.ResolvedField;
import io.runplane.api.v1.ResolvedPolicy;
import io.runplane.api.v1.ValidateWorkloadRequest;
import io.runplane.api.v1.ValidateWorkloadResponse;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;
import io.runplane.policy.EffectiveField;
import io.runplane.policy.EffectivePolicy;
import io.runplane.policy.FieldRule;
import io.runplane.policy.OrgPath;
import io.runplane.policy.WorkloadPolicy;
import io.runplane.policy.PolicySource;
import io.runplane.policy.PolicyValue;
import io.runplane.policy.Scope;
import io.runplane.policy.Violation;
import io.runplane.policy.WorkloadKind;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** The Policies gRPC service over the policy store and the enforcement of the Workloads service. */
public final class PoliciesService extends PoliciesGrpc.PoliciesImplBase {

    private static final Logger LOG = Logger.getLogger(PoliciesService.class.getName());

    private final PolicyStore store;
    private final PolicyEnforcement enforcement;
    private final WorkloadAssetResolution assets;
    private final Guard guard;

    public PoliciesService(PolicyStore store, PolicyEnforcement enforcement, WorkloadAssetResolution assets, Guard guard) {
        this.store = store;
        this.enforcement = enforcement;
        this.assets = assets;
        this.guard = guard;
    }

    @Override
    public void listPolicies(ListPoliciesRequest request, StreamObserver<ListPoliciesResponse> out) {
        unary(out, () -> {
            Optional<WorkloadKind> kind = request.getWorkloadType() == WorkloadType.WORKLOAD_TYPE_UNSPECIFIED
                    ? Optional.empty() : Optional.of(kind(request.getWorkloadType(), "workload_type"));
            Optional<Scope> scope = request.hasScope() ? Optional.of(scope(request.getScope(), "scope")) : Optional.empty();
            ListPoliciesResponse.Builder b = ListPoliciesResponse.newBuilder();
            for (StoredPolicy p : store.list()) {
                if (kind.map(k -> k == p.policy().kind()).orElse(true) && scope.map(s -> s.equals(p.policy().scope())).orElse(true)
                        && guard.canWithin(Action.VIEW, Entity.POLICIES, access(p.policy().scope()))) {
                    b.addPolicies(toProto(p));
                }
            }
            return b.build();
        });
    }

    @Override
    public void getPolicy(PolicyRef request, StreamObserver<Policy> out) {
        unary(out, () -> {
            PolicyKey key = key(request);
            guard.requireWithin(Action.VIEW, Entity.POLICIES, access(key.scope()));
            return toProto(store.get(key).orElseThrow(() -> PolicyStore.notFound(key)));
        });
    }

    @Override
    public void putPolicy(PutPolicyRequest request, StreamObserver<Policy> out) {
        unary(out, () -> {
            WorkloadPolicy policy = store.put(request.getManifest(), guard.caller().name(), true).policy();
            boolean exists = store.get(new PolicyKey(policy.kind(), policy.scope())).isPresent();
            guard.require(exists ? Action.EDIT : Action.CREATE, Entity.POLICIES, access(policy.scope()));
            return toProto(store.put(request.getManifest(), guard.caller().name(), request.getDryRun()));
        });
    }

    @Override
    public void deletePolicy(PolicyRef request, StreamObserver<DeletePolicyResponse> out) {
        unary(out, () -> {
            PolicyKey key = key(request);
            guard.require(Action.DELETE, Entity.POLICIES, access(key.scope()));
            store.delete(key);
            return DeletePolicyResponse.getDefaultInstance();
        });
    }

    @Override
    public void getEffectivePolicy(GetEffectivePolicyRequest request, StreamObserver<ResolvedPolicy> out) {
        unary(out, () -> {
            WorkloadKind kind = kind(request.getWorkloadType(), "workload_type");
            OrgPath branch;
            if (!request.getProject().isEmpty()) {
                branch = store.branchOf(request.getProject()).orElseThrow(
                        () -> PolicyStore.invalid("project", "unknown project \"" + request.getProject() + "\""));
                if (!request.getDepartment().isEmpty() && !branch.department().orElse("").equals(request.getDepartment())) {
                    throw PolicyStore.invalid("department", "project " + request.getProject() + " is in department "
                            + branch.department().orElse("(none)") + ", not " + request.getDepartment());
                }
            } else if (!request.getDepartment().isEmpty()) {
                if (!store.hasDepartment(request.getDepartment())) {
                    throw PolicyStore.invalid("department", "unknown department \"" + request.getDepartment() + "\"");
                }
                branch = OrgPath.department(request.getDepartment());
            } else {
                branch = OrgPath.cluster();
            }
            guard.requireWithin(Action.VIEW, Entity.POLICIES, branch.project().<io.runplane.access.Scope>map(io.runplane.access.Scope.Project::new)
                    .or(() -> branch.department().map(io.runplane.access.Scope.Department::new)).orElse(io.runplane.access.Scope.CLUSTER));
            return toProto(enforcement.effective(kind, branch));
        });
    }

    @Override
    public void validateWorkload(ValidateWorkloadRequest request, StreamObserver<ValidateWorkloadResponse> out) {
        unary(out, () -> {
            if (store.branchOf(request.getSpec().getProject()).isEmpty()) {
                throw PolicyStore.invalid("spec.project", request.getSpec().getProject().isEmpty() ? "is required"
                        : "unknown project \"" + request.getSpec().getProject() + "\"");
            }
            kind(request.getSpec().getType(), "spec.type");
            guard.require(Action.VIEW, Entity.POLICIES, new io.runplane.access.Scope.Project(request.getSpec().getProject()));
            PolicyEnforcement.Evaluation evaluation = enforcement.evaluate(resolved(request.getSpec())).orElseThrow();
            ValidateWorkloadResponse.Builder b = ValidateWorkloadResponse.newBuilder()
                    .setAccepted(evaluation.admission().accepted())
                    .setSpec(evaluation.admission().spec())
                    .addAllImposedAssets(evaluation.effective().imposedAssets());
            evaluation.admission().violations().forEach(v -> b.addViolations(violation(v)));
            return b.build();
        });
    }

    /** The spec with its assets resolved and the imposed ones attached, as Submit sees it. */
    private WorkloadSpec resolved(WorkloadSpec spec) throws PolicyException {
        try {
            return assets.resolve(spec, enforcement::imposedAssets);
        } catch (WorkloadException e) {
            PolicyException.Kind kind = switch (e.kind()) {
                case INVALID -> PolicyException.Kind.INVALID;
                case NOT_FOUND -> PolicyException.Kind.NOT_FOUND;
                case ALREADY_EXISTS, FAILED_PRECONDITION -> PolicyException.Kind.FAILED_PRECONDITION;
            };
            String detail = e.problems().stream().map(p -> p.field() + ": " + p.description()).collect(Collectors.joining("; "));
            throw new PolicyException(kind, detail.isEmpty() ? e.getMessage() : e.getMessage() + ": " + detail, e.problems());
        }
    }

    // ---- conversions ------------------------------------------------------------------------

    private static WorkloadKind kind(WorkloadType type, String field) throws PolicyException {
        return WorkloadKind.ofApiType(type).orElseThrow(
                () -> PolicyStore.invalid(field, "is required: training, interactive, distributed or inference"));
    }

    private static Scope scope(PolicyScope scope, String field) throws PolicyException {
        return switch (scope.getLevel()) {
            case LEVEL_CLUSTER -> {
                if (!scope.getName().isEmpty()) {
                    throw PolicyStore.invalid(field + ".name", "must be empty for the cluster");
                }
                yield Scope.cluster();
            }
            case LEVEL_DEPARTMENT -> new Scope.Department(name(scope, field));
            case LEVEL_PROJECT -> new Scope.Project(name(scope, field));
            default -> throw PolicyStore.invalid(field + ".level", "is required: cluster, department or project");
        };
    }

    private static String name(PolicyScope scope, String field) throws PolicyException {
        if (scope.getName().isBlank()) {
            throw PolicyStore.invalid(field + ".name", "is required for a department or project scope");
        }
        return scope.getName();
    }

    private static PolicyKey key(PolicyRef ref) throws PolicyException {
        return new PolicyKey(kind(ref.getWorkloadType(), "workload_type"), scope(ref.getScope(), "scope"));
    }

    /** The access-control scope of a policy scope. */
    static io.runplane.access.Scope access(Scope scope) {
        return switch (scope) {
            case Scope.Cluster c -> io.runplane.access.Scope.CLUSTER;
            case Scope.Department d -> new io.runplane.access.Scope.Department(d.name());
            case Scope.Project p -> new io.runplane.access.Scope.Project(p.name());
        };
    }

    static PolicyScope toProto(Scope scope) {
        return switch (scope) {
            case Scope.Cluster c -> PolicyScope.newBuilder().setLevel(PolicyScope.Level.LEVEL_CLUSTER).build();
            case Scope.Department d -> PolicyScope.newBuilder().setLevel(PolicyScope.Level.LEVEL_DEPARTMENT).setName(d.name()).build();
            case Scope.Project p -> PolicyScope.newBuilder().setLevel(PolicyScope.Level.LEVEL_PROJECT).setName(p.name()).build();
        };
    }

    static Policy toProto(StoredPolicy p) {
        return Policy.newBuilder()
                .setName(p.policy().name())
                .setKind(p.policy().kind().policyKind())
                .setWorkloadType(p.policy().kind().apiType())
                .setScope(toProto(p.policy().scope()))
                .setManifest(p.manifest())
                .setCreatedAt(timestamp(p.createdAt()))
                .setCreatedBy(p.createdBy())
                .setUpdatedAt(timestamp(p.updatedAt()))
                .setUpdatedBy(p.updatedBy())
                .build();
    }

    static ResolvedPolicy toProto(EffectivePolicy effective) {
        ResolvedPolicy.Builder b = ResolvedPolicy.newBuilder()
                .setWorkloadType(effective.kind().apiType())
                .setProject(effective.branch().project().orElse(""))
                .setDepartment(effective.branch().department().orElse(""))
                .addAllImposedAssets(effective.imposedAssets());
        for (EffectiveField f : effective.fields()) {
            ResolvedField.Builder field = ResolvedField.newBuilder()
                    .setPath(f.path())
                    .setValueType(f.field().type().displayName())
                    .setHasDefault(f.defaultValue().isPresent())
                    .setDefaultValue(f.defaultValue().map(PolicyValue::display).orElse(""))
                    .setHasRule(f.rule().isPresent())
                    .setRule(f.rule().map(FieldRule::display).orElse(""))
                    .setEditable(f.editable())
                    .setRequired(f.required());
            f.defaultSource().ifPresent(s -> field.setDefaultSource(source(s)));
            f.ruleSource().ifPresent(s -> field.setRuleSource(source(s)));
            b.addFields(field);
        }
        effective.defaultViolations().forEach(v -> b.addDefaultViolations(violation(v)));
        return b.build();
    }

    private static PolicySourceRef source(PolicySource s) {
        return PolicySourceRef.newBuilder().setPolicyName(s.policyName()).setScope(toProto(s.scope())).setDisplay(s.display()).build();
    }

    private static PolicyViolation violation(Violation v) {
        return PolicyViolation.newBuilder().setField(v.path()).setDescription(v.message()).build();
    }

    private static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    // ---- calls and errors -------------------------------------------------------------------

    private interface Call<T> {
        T run() throws PolicyException;
    }

    private static <T> void unary(StreamObserver<T> out, Call<T> call) {
        T result;
        try {
            result = call.run();
        } catch (PolicyException e) {
            out.onError(status(e));
            return;
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "policy request failed", e);
            out.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }

    /** The refusal as a gRPC status; field problems travel as {@code google.rpc.BadRequest}. */
    static StatusRuntimeException status(PolicyException e) {
        Code code = switch (e.kind()) {
            case INVALID -> Code.INVALID_ARGUMENT;
            case NOT_FOUND -> Code.NOT_FOUND;
            case FAILED_PRECONDITION -> Code.FAILED_PRECONDITION;
        };
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(e.getMessage());
        List<FieldProblem> problems = e.problems();
        if (!problems.isEmpty()) {
            BadRequest.Builder bad = BadRequest.newBuilder();
            for (FieldProblem p : problems) {
                bad.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(p.field()).setDescription(p.description()));
            }
            status.addDetails(Any.pack(bad.build()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }
}
