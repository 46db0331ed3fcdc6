package io.runplane.console;

import io.runplane.api.v1.EventsRequest;
import io.runplane.api.v1.LogLine;
import io.runplane.api.v1.LogsRequest;
import io.runplane.api.v1.MetricsRequest;
import io.runplane.api.v1.MetricsResponse;
import io.runplane.api.v1.NodePool;
import io.runplane.api.v1.OverviewHistoryRequest;
import io.runplane.api.v1.OverviewHistoryResponse;
import io.runplane.api.v1.OverviewResponse;
import io.runplane.api.v1.Policy;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.ResolvedPolicy;
import io.runplane.api.v1.SubmitWorkloadResponse;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.WhoAmIResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadEvent;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import io.runplane.console.client.RunplaneClient;
import io.runplane.console.client.ServiceException;
import io.runplane.console.client.StreamListener;
import io.runplane.console.client.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A scriptable client for view-model tests: records calls, lets the test drive the streams. */
public final class FakeRunplaneClient implements RunplaneClient {

    public record Stream<Q, T>(Q request, StreamListener<T> listener, boolean[] cancelled) {
        public boolean isCancelled() {
            return cancelled[0];
        }
    }

    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final List<Stream<WatchWorkloadsRequest, WatchWorkloadsResponse>> watches = new CopyOnWriteArrayList<>();
    public final List<Stream<LogsRequest, LogLine>> logStreams = new CopyOnWriteArrayList<>();
    public final List<Stream<EventsRequest, WorkloadEvent>> eventStreams = new CopyOnWriteArrayList<>();
    public List<Project> projects = List.of(Project.newBuilder().setName("team-a").build(),
            Project.newBuilder().setName("team-b").build());
    public Function<WorkloadSpec, SubmitWorkloadResponse> onSubmit = spec -> SubmitWorkloadResponse.newBuilder()
            .setWorkload(Workload.newBuilder().setSpec(spec).setStatus(WorkloadStatus.WORKLOAD_STATUS_CREATING)).build();
    public MetricsResponse metrics = MetricsResponse.getDefaultInstance();
    public List<NodePool> nodePools = List.of();
    public OverviewResponse overview = OverviewResponse.getDefaultInstance();
    public OverviewHistoryResponse overviewHistory = OverviewHistoryResponse.getDefaultInstance();
    public final List<OverviewHistoryRequest> historyRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The stored policies, as manifests; the fake resolves nothing itself. */
    public List<Policy> policies = List.of();
    /** Each project's department, for {@link #effectivePolicy}. */
    public java.util.Map<String, String> departments = java.util.Map.of();
    public RuntimeException failNext;
    public volatile RuntimeException metricsFailure;
    public Workload stored;
    public List<io.runplane.api.v1.Department> departmentList = List.of();
    public List<io.runplane.api.v1.Node> nodes = List.of();
    /** The stored access rules; create and delete change it. */
    public final List<io.runplane.api.v1.AccessRule> accessRules = new CopyOnWriteArrayList<>();
    /** Answers each audit request; the default has no entries. */
    public Function<io.runplane.api.v1.ListAuditEntriesRequest, io.runplane.api.v1.ListAuditEntriesResponse> audit =
            request -> io.runplane.api.v1.ListAuditEntriesResponse.getDefaultInstance();
    public final List<io.runplane.api.v1.ListAuditEntriesRequest> auditRequests = new CopyOnWriteArrayList<>();

    @Override
    public WhoAmIResponse whoAmI() {
        calls.add("whoAmI");
        return WhoAmIResponse.newBuilder().setSubject("tester").setCluster("fake").setBackend("simulated").build();
    }

    @Override
    public OverviewResponse overview() {
        calls.add("overview");
        failIfAsked();
        return overview;
    }

    @Override
    public OverviewHistoryResponse overviewHistory(OverviewHistoryRequest request) {
        calls.add("overviewHistory");
        historyRequests.add(request);
        failIfAsked();
        return overviewHistory;
    }

    @Override
    public List<Project> listProjects() {
        calls.add("listProjects");
        failIfAsked();
        return projects;
    }

    @Override
    public List<NodePool> listNodePools() {
        calls.add("listNodePools");
        failIfAsked();
        return nodePools;
    }

    @Override
    public ResolvedPolicy effectivePolicy(WorkloadType type, String project) {
        calls.add("effectivePolicy " + type + " " + project);
        failIfAsked();
        return ResolvedPolicy.newBuilder().setWorkloadType(type).setProject(project)
                .setDepartment(departments.getOrDefault(project, "")).build();
    }

    @Override
    public List<Policy> listPolicies(WorkloadType type) {
        calls.add("listPolicies " + type);
        failIfAsked();
        return policies.stream().filter(p -> p.getWorkloadType() == type).toList();
    }

    @Override
    public SubmitWorkloadResponse submit(WorkloadSpec spec, boolean dryRun) {
        calls.add("submit " + spec.getProject() + "/" + spec.getName());
        failIfAsked();
        return onSubmit.apply(spec);
    }

    @Override
    public Workload get(WorkloadRef ref) {
        calls.add("get " + ref.getProject() + "/" + ref.getName());
        failIfAsked();
        return stored;
    }

    @Override
    public Workload stop(WorkloadRef ref) {
        calls.add("stop " + ref.getProject() + "/" + ref.getName());
        failIfAsked();
        return Workload.getDefaultInstance();
    }

    @Override
    public Workload resume(WorkloadRef ref) {
        calls.add("resume " + ref.getProject() + "/" + ref.getName());
        failIfAsked();
        return Workload.getDefaultInstance();
    }

    @Override
    public void delete(WorkloadRef ref) {
        calls.add("delete " + ref.getProject() + "/" + ref.getName());
        failIfAsked();
    }

    @Override
    public MetricsResponse metrics(MetricsRequest request) {
        calls.add("metrics " + request.getWorkload().getName() + (request.getPod().isEmpty() ? "" : " pod " + request.getPod()));
        if (metricsFailure != null) {
            throw metricsFailure;
        }
        return metrics;
    }

    @Override
    public Subscription watchWorkloads(WatchWorkloadsRequest request, StreamListener<WatchWorkloadsResponse> listener) {
        calls.add("watch from " + request.getResumeFromRevision());
        return register(watches, request, listener);
    }

    @Override
    public Subscription events(EventsRequest request, StreamListener<WorkloadEvent> listener) {
        calls.add("events " + request.getWorkload().getName());
        return register(eventStreams, request, listener);
    }

    @Override
    public Subscription logs(LogsRequest request, StreamListener<LogLine> listener) {
        calls.add("logs " + request.getWorkload().getName() + (request.getPod().isEmpty() ? "" : " pod " + request.getPod()));
        return register(logStreams, request, listener);
    }

    @Override
    public void close() {
        calls.add("close");
    }

    public Stream<WatchWorkloadsRequest, WatchWorkloadsResponse> lastWatch() {
        return watches.getLast();
    }

    private <Q, T> Subscription register(List<Stream<Q, T>> streams, Q request, StreamListener<T> listener) {
        boolean[] cancelled = {false};
        streams.add(new Stream<>(request, listener, cancelled));
        return () -> cancelled[0] = true;
    }

    private void failIfAsked() {
        RuntimeException failure = failNext;
        if (failure != null) {
            failNext = null;
            throw failure;
        }
    }

    public static ServiceException invalid(String message, String field, String description) {
        List<ServiceException.FieldViolation> violations = new ArrayList<>();
        if (field != null) {
            violations.add(new ServiceException.FieldViolation(field, description));
        }
        return new ServiceException("INVALID_ARGUMENT", message, violations, null);
    }

    @Override
    public List<io.runplane.api.v1.Department> listDepartments() {
        calls.add("listDepartments");
        failIfAsked();
        return departmentList;
    }

    @Override
    public List<io.runplane.api.v1.Node> listNodes(String nodePool) {
        calls.add("listNodes " + nodePool);
        failIfAsked();
        return nodes;
    }

    @Override
    public Project saveProject(Project project, boolean update) {
        calls.add((update ? "updateProject " : "createProject ") + project.getName());
        failIfAsked();
        return project;
    }

    @Override
    public void deleteProject(String name) {
        calls.add("deleteProject " + name);
        failIfAsked();
    }

    public io.runplane.api.v1.SchedulingSettings schedulingSettings = io.runplane.api.v1.SchedulingSettings.newBuilder()
            .setWindowSeconds(604_800).setUsageWeight(1).build();

    @Override
    public io.runplane.api.v1.SchedulingSettings schedulingSettings() {
        calls.add("getSchedulingSettings");
        failIfAsked();
        return schedulingSettings;
    }

    @Override
    public io.runplane.api.v1.SchedulingSettings saveSchedulingSettings(io.runplane.api.v1.SchedulingSettings settings) {
        calls.add("updateSchedulingSettings");
        failIfAsked();
        schedulingSettings = settings;
        return settings;
    }

    @Override
    public io.runplane.api.v1.Department saveDepartment(io.runplane.api.v1.Department department, boolean update) {
        calls.add((update ? "updateDepartment " : "createDepartment ") + department.getName());
        failIfAsked();
        return department;
    }

    @Override
    public void deleteDepartment(String name) {
        calls.add("deleteDepartment " + name);
        failIfAsked();
    }

    @Override
    public List<io.runplane.api.v1.AccessRule> listAccessRules() {
        calls.add("listAccessRules");
        failIfAsked();
        return List.copyOf(accessRules);
    }

    @Override
    public io.runplane.api.v1.AccessRule createAccessRule(io.runplane.api.v1.CreateAccessRuleRequest request) {
        calls.add("createAccessRule " + request.getSubject().getName() + " " + request.getRole() + " " + request.getScope().getName());
        failIfAsked();
        io.runplane.api.v1.AccessRule rule = io.runplane.api.v1.AccessRule.newBuilder().setId("r" + (accessRules.size() + 1))
                .setSubject(request.getSubject()).setRole(request.getRole()).setScope(request.getScope()).build();
        accessRules.add(rule);
        return rule;
    }

    @Override
    public void deleteAccessRule(String id) {
        calls.add("deleteAccessRule " + id);
        failIfAsked();
        accessRules.removeIf(r -> r.getId().equals(id));
    }

    @Override
    public io.runplane.api.v1.ListAuditEntriesResponse listAuditEntries(io.runplane.api.v1.ListAuditEntriesRequest request) {
        calls.add("listAuditEntries " + request.getPageToken());
        auditRequests.add(request);
        failIfAsked();
        return audit.apply(request);
    }
}
