package io.runplane.console.client;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.runplane.api.v1.ClusterGrpc;
import io.runplane.api.v1.EventsRequest;
import io.runplane.api.v1.GetEffectivePolicyRequest;
import io.runplane.api.v1.ListPoliciesRequest;
import io.runplane.api.v1.PoliciesGrpc;
import io.runplane.api.v1.Policy;
import io.runplane.api.v1.ResolvedPolicy;
import io.runplane.api.v1.ListNodePoolsRequest;
import io.runplane.api.v1.ListProjectsRequest;
import io.runplane.api.v1.NodePool;
import io.runplane.api.v1.LogLine;
import io.runplane.api.v1.LogsRequest;
import io.runplane.api.v1.MetricsRequest;
import io.runplane.api.v1.MetricsResponse;
import io.runplane.api.v1.OrganizationGrpc;
import io.runplane.api.v1.OverviewHistoryRequest;
import io.runplane.api.v1.OverviewHistoryResponse;
import io.runplane.api.v1.OverviewRequest;
import io.runplane.api.v1.OverviewResponse;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.SubmitWorkloadResponse;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.WorkloadDelta;
import io.runplane.api.v1.WhoAmIRequest;
import io.runplane.api.v1.WhoAmIResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadEvent;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;
import io.runplane.api.v1.WorkloadsGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/** {@link RunplaneClient} over a gRPC channel. Unary calls carry a deadline so a dead server never hangs the console. */
public final class GrpcRunplaneClient implements RunplaneClient {

    private static final long DEADLINE_SECONDS = 15;

    private final ManagedChannel channel;
    private final WorkloadsGrpc.WorkloadsBlockingStub workloads;
    private final WorkloadsGrpc.WorkloadsStub workloadsAsync;
    private final OrganizationGrpc.OrganizationBlockingStub organization;
    private final ClusterGrpc.ClusterBlockingStub cluster;
    private final PoliciesGrpc.PoliciesBlockingStub policies;
    private final io.runplane.api.v1.AccessRulesGrpc.AccessRulesBlockingStub accessRules;
    private final io.runplane.api.v1.AuditGrpc.AuditBlockingStub audit;

    /** A client whose every call carries {@code credentials} (the agent requires a bearer token). */
    public GrpcRunplaneClient(ManagedChannel channel, CallCredentials credentials) {
        this.channel = channel;
        this.workloads = WorkloadsGrpc.newBlockingStub(channel).withCallCredentials(credentials);
        this.workloadsAsync = WorkloadsGrpc.newStub(channel).withCallCredentials(credentials);
        this.organization = OrganizationGrpc.newBlockingStub(channel).withCallCredentials(credentials);
        this.cluster = ClusterGrpc.newBlockingStub(channel).withCallCredentials(credentials);
        this.policies = PoliciesGrpc.newBlockingStub(channel).withCallCredentials(credentials);
        this.accessRules = io.runplane.api.v1.AccessRulesGrpc.newBlockingStub(channel).withCallCredentials(credentials);
        this.audit = io.runplane.api.v1.AuditGrpc.newBlockingStub(channel).withCallCredentials(credentials);
    }

    @Override
    public WhoAmIResponse whoAmI() {
        return call(() -> cluster.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).whoAmI(WhoAmIRequest.getDefaultInstance()));
    }

    @Override
    public OverviewResponse overview() {
        return call(() -> cluster.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).overview(OverviewRequest.getDefaultInstance()));
    }

    @Override
    public OverviewHistoryResponse overviewHistory(OverviewHistoryRequest request) {
        return call(() -> cluster.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).overviewHistory(request));
    }

    @Override
    public List<Project> listProjects() {
        return call(() -> organization.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .listProjects(ListProjectsRequest.getDefaultInstance()).getProjectsList());
    }

    @Override
    public List<NodePool> listNodePools() {
        return call(() -> organization.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .listNodePools(ListNodePoolsRequest.getDefaultInstance()).getNodePoolsList());
    }

    @Override
    public ResolvedPolicy effectivePolicy(WorkloadType type, String project) {
        GetEffectivePolicyRequest request = GetEffectivePolicyRequest.newBuilder().setWorkloadType(type).setProject(project).build();
        return call(() -> policies.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .getEffectivePolicy(request));
    }

    @Override
    public List<Policy> listPolicies(WorkloadType type) {
        ListPoliciesRequest request = ListPoliciesRequest.newBuilder().setWorkloadType(type).build();
        return call(() -> policies.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .listPolicies(request).getPoliciesList());
    }

    @Override
    public SubmitWorkloadResponse submit(WorkloadSpec spec, boolean dryRun) {
        SubmitWorkloadRequest request = SubmitWorkloadRequest.newBuilder().setSpec(spec).setDryRun(dryRun).build();
        return call(() -> unary().submit(request));
    }

    @Override
    public Workload get(WorkloadRef ref) {
        return call(() -> unary().get(ref));
    }

    @Override
    public Workload stop(WorkloadRef ref) {
        return call(() -> unary().stop(ref));
    }

    @Override
    public Workload resume(WorkloadRef ref) {
        return call(() -> unary().resume(ref));
    }

    @Override
    public void delete(WorkloadRef ref) {
        call(() -> unary().delete(ref));
    }

    @Override
    public MetricsResponse metrics(MetricsRequest request) {
        return call(() -> unary().metrics(request));
    }

    /**
     * Asks the agent for batched deltas (fewer, larger messages when changes come fast) and hands
     * the listener one delta per message as before, each with its own change's revision.
     */
    @Override
    public Subscription watchWorkloads(WatchWorkloadsRequest request, StreamListener<WatchWorkloadsResponse> listener) {
        return stream(new StreamListener<>() {
            @Override
            public void onNext(WatchWorkloadsResponse response) {
                if (!response.hasBatch()) {
                    listener.onNext(response);
                    return;
                }
                for (WorkloadDelta delta : response.getBatch().getDeltasList()) {
                    listener.onNext(WatchWorkloadsResponse.newBuilder().setRevision(delta.getWorkload().getRevision()).setDelta(delta).build());
                }
            }

            @Override
            public void onError(ServiceException error) {
                listener.onError(error);
            }

            @Override
            public void onCompleted() {
                listener.onCompleted();
            }
        }, workloadsAsync::watch, request.toBuilder().setBatches(true).build());
    }

    @Override
    public Subscription events(EventsRequest request, StreamListener<WorkloadEvent> listener) {
        return stream(listener, workloadsAsync::events, request);
    }

    @Override
    public Subscription logs(LogsRequest request, StreamListener<LogLine> listener) {
        return stream(listener, workloadsAsync::logs, request);
    }

    @Override
    public void reconnectNow() {
        channel.resetConnectBackoff();
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private WorkloadsGrpc.WorkloadsBlockingStub unary() {
        return workloads.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    private static <T> T call(Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            throw translate(e);
        }
    }

    private static <Q, R> Subscription stream(StreamListener<R> listener,
                                              BiConsumer<Q, io.grpc.stub.StreamObserver<R>> rpc, Q request) {
        AtomicReference<ClientCallStreamObserver<Q>> call = new AtomicReference<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        rpc.accept(request, new ClientResponseObserver<Q, R>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
                call.set(requestStream);
            }

            @Override
            public void onNext(R value) {
                if (!cancelled.get()) {
                    listener.onNext(value);
                }
            }

            @Override
            public void onError(Throwable t) {
                if (!cancelled.get()) {
                    listener.onError(translate(t));
                }
            }

            @Override
            public void onCompleted() {
                if (!cancelled.get()) {
                    listener.onCompleted();
                }
            }
        });
        return () -> {
            if (cancelled.compareAndSet(false, true)) {
                ClientCallStreamObserver<Q> observer = call.get();
                if (observer != null) {
                    observer.cancel("cancelled by the console", null);
                }
            }
        };
    }

    static ServiceException translate(Throwable error) {
        Status status = Status.fromThrowable(error);
        List<ServiceException.FieldViolation> violations = new ArrayList<>();
        com.google.rpc.Status details = StatusProto.fromThrowable(error);
        if (details != null) {
            for (com.google.protobuf.Any any : details.getDetailsList()) {
                if (any.is(BadRequest.class)) {
                    try {
                        for (BadRequest.FieldViolation v : any.unpack(BadRequest.class).getFieldViolationsList()) {
                            violations.add(new ServiceException.FieldViolation(v.getField(), v.getDescription()));
                        }
                    } catch (InvalidProtocolBufferException ignored) {
                        // a malformed detail leaves the status message as the explanation
                    }
                }
            }
        }
        String description = status.getDescription();
        boolean blank = description == null || description.isBlank();
        String message = switch (status.getCode()) {
            case UNAVAILABLE -> "The cluster is not reachable" + (blank ? "" : " (" + description + ")");
            case DEADLINE_EXCEEDED -> "The cluster did not answer in time";
            default -> blank ? status.getCode().name() : description;
        };
        return new ServiceException(status.getCode().name(), message, violations, error);
    }

    @Override
    public List<io.runplane.api.v1.Department> listDepartments() {
        return call(() -> org().listDepartments(io.runplane.api.v1.ListDepartmentsRequest.getDefaultInstance()).getDepartmentsList());
    }

    @Override
    public List<io.runplane.api.v1.Node> listNodes(String nodePool) {
        return call(() -> org().listNodes(io.runplane.api.v1.ListNodesRequest.newBuilder().setNodePool(nodePool).build()).getNodesList());
    }

    @Override
    public Project saveProject(Project project, boolean update) {
        io.runplane.api.v1.ProjectRequest request = io.runplane.api.v1.ProjectRequest.newBuilder().setProject(project).build();
        return call(() -> update ? org().updateProject(request) : org().createProject(request));
    }

    @Override
    public void deleteProject(String name) {
        call(() -> org().deleteProject(io.runplane.api.v1.DeleteRequest.newBuilder().setName(name).build()));
    }

    @Override
    public io.runplane.api.v1.SchedulingSettings schedulingSettings() {
        return call(() -> org().getSchedulingSettings(io.runplane.api.v1.GetSchedulingSettingsRequest.getDefaultInstance()));
    }

    @Override
    public io.runplane.api.v1.SchedulingSettings saveSchedulingSettings(io.runplane.api.v1.SchedulingSettings settings) {
        return call(() -> org().updateSchedulingSettings(io.runplane.api.v1.SchedulingSettingsRequest.newBuilder()
                .setSettings(settings).build()));
    }

    @Override
    public io.runplane.api.v1.Department saveDepartment(io.runplane.api.v1.Department department, boolean update) {
        io.runplane.api.v1.DepartmentRequest request = io.runplane.api.v1.DepartmentRequest.newBuilder().setDepartment(department).build();
        return call(() -> update ? org().updateDepartment(request) : org().createDepartment(request));
    }

    @Override
    public void deleteDepartment(String name) {
        call(() -> org().deleteDepartment(io.runplane.api.v1.DeleteRequest.newBuilder().setName(name).build()));
    }

    @Override
    public List<io.runplane.api.v1.AccessRule> listAccessRules() {
        return call(() -> accessRules.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .listAccessRules(io.runplane.api.v1.ListAccessRulesRequest.getDefaultInstance()).getRulesList());
    }

    @Override
    public io.runplane.api.v1.AccessRule createAccessRule(io.runplane.api.v1.CreateAccessRuleRequest request) {
        return call(() -> accessRules.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).createAccessRule(request));
    }

    @Override
    public void deleteAccessRule(String id) {
        call(() -> accessRules.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .deleteAccessRule(io.runplane.api.v1.DeleteAccessRuleRequest.newBuilder().setId(id).build()));
    }

    @Override
    public io.runplane.api.v1.ListAuditEntriesResponse listAuditEntries(io.runplane.api.v1.ListAuditEntriesRequest request) {
        return call(() -> audit.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).listAuditEntries(request));
    }

    private OrganizationGrpc.OrganizationBlockingStub org() {
        return organization.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }
}
