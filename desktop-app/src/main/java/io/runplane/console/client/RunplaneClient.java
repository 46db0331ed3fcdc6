package io.runplane.console.client;

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
import io.runplane.api.v1.WorkloadType;
import java.util.List;

/**
 * The console's view of a Runplane cluster. View models talk to this interface only; the gRPC
 * implementation is {@link GrpcRunplaneClient}. Unary calls block (call them from the background
 * executor) and fail with {@link ServiceException}; streams deliver on a transport thread.
 */
public interface RunplaneClient extends AutoCloseable {

    WhoAmIResponse whoAmI();

    OverviewResponse overview();

    /** The cluster's GPUs, utilization and workload counts over a time range. */
    OverviewHistoryResponse overviewHistory(OverviewHistoryRequest request);

    List<Project> listProjects();

    List<NodePool> listNodePools();

    /** The merged policy that governs workloads of {@code type} in {@code project}, as the cluster reports it. */
    ResolvedPolicy effectivePolicy(WorkloadType type, String project);

    /** The stored policies for workloads of {@code type}, at every scope, with their manifests. */
    List<Policy> listPolicies(WorkloadType type);

    SubmitWorkloadResponse submit(WorkloadSpec spec, boolean dryRun);

    Workload get(WorkloadRef ref);

    Workload stop(WorkloadRef ref);

    Workload resume(WorkloadRef ref);

    void delete(WorkloadRef ref);

    MetricsResponse metrics(MetricsRequest request);

    Subscription watchWorkloads(WatchWorkloadsRequest request, StreamListener<WatchWorkloadsResponse> listener);

    Subscription events(EventsRequest request, StreamListener<WorkloadEvent> listener);

    Subscription logs(LogsRequest request, StreamListener<LogLine> listener);

    /** Drops the transport's own wait before its next connection attempt; the caller decides when to retry. */
    default void reconnectNow() {
    }

    @Override
    void close();

    List<io.runplane.api.v1.Department> listDepartments();

    /** The nodes of {@code nodePool}, or of every pool when it is empty. */
    List<io.runplane.api.v1.Node> listNodes(String nodePool);

    /** Creates the project, or replaces every field of the existing one when {@code update}. */
    Project saveProject(Project project, boolean update);

    void deleteProject(String name);

    /** The cluster-wide scheduling settings (time-based fairness). */
    io.runplane.api.v1.SchedulingSettings schedulingSettings();

    /** Replaces the scheduling settings; the server refuses bad values naming the field. */
    io.runplane.api.v1.SchedulingSettings saveSchedulingSettings(io.runplane.api.v1.SchedulingSettings settings);

    /** Creates the department, or replaces every field of the existing one when {@code update}. */
    io.runplane.api.v1.Department saveDepartment(io.runplane.api.v1.Department department, boolean update);

    void deleteDepartment(String name);

    /** The access rules on scopes where the caller may view them. */
    List<io.runplane.api.v1.AccessRule> listAccessRules();

    io.runplane.api.v1.AccessRule createAccessRule(io.runplane.api.v1.CreateAccessRuleRequest request);

    void deleteAccessRule(String id);

    /** One page of the audit log, newest first. */
    io.runplane.api.v1.ListAuditEntriesResponse listAuditEntries(io.runplane.api.v1.ListAuditEntriesRequest request);
}
