package io.runplane.agent.server;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.runplane.access.Action;
import io.runplane.access.Entity;
import io.runplane.access.Scope;
import io.runplane.agent.access.EffectivePermissions;
import io.runplane.agent.access.Guard;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.organization.OrganizationStore;
import io.runplane.agent.overview.HistoryQuery;
import io.runplane.agent.workload.Allocations;
import io.runplane.agent.workload.WorkloadController;
import io.runplane.agent.workload.WorkloadException;
import io.runplane.api.v1.ClusterGrpc;
import io.runplane.api.v1.OverviewHistoryRequest;
import io.runplane.api.v1.OverviewHistoryResponse;
import io.runplane.api.v1.OverviewRequest;
import io.runplane.api.v1.OverviewResponse;
import io.runplane.api.v1.WhoAmIRequest;
import io.runplane.api.v1.WhoAmIResponse;

import java.util.TreeSet;

/** The cluster as a whole: who is calling, which backend, and the dashboard's overview. */
final class ClusterService extends ClusterGrpc.ClusterImplBase {

    static final String VERSION = "0.1.0";

    private final WorkloadController controller;
    private final String backend;
    private final OrganizationStore organization;
    private final Guard guard;
    private final HistoryQuery history;

    ClusterService(WorkloadController controller, String backend, OrganizationStore organization, Guard guard, HistoryQuery history) {
        this.history = history;
        this.organization = organization;
        this.controller = controller;
        this.guard = guard;
        this.backend = backend;
    }

    @Override
    public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> out) {
        EffectivePermissions permissions = EffectivePermissions.of(guard.caller(), guard.authorizer(), guard.org());
        out.onNext(WhoAmIResponse.newBuilder()
                .setSubject(guard.caller().name())
                .addAllGroups(new TreeSet<>(guard.caller().groups()))
                .setCluster(controller.cluster().cluster())
                .setBackend(backend)
                .setVersion(VERSION)
                .addAllPermissions(permissions.scopes())
                .setPermissionsRevision(permissions.revision())
                .build());
        out.onCompleted();
    }

    @Override
    public void overview(OverviewRequest request, StreamObserver<OverviewResponse> out) {
        try {
            guard.requireWithin(Action.VIEW, Entity.PROJECTS, Scope.CLUSTER);
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        }
        ClusterFile cluster = controller.cluster();
        Allocations allocations = controller.allocations();
        var byStatus = allocations.workloadsByStatus();
        out.onNext(OverviewResponse.newBuilder()
                .setTotalGpus(cluster.nodes().stream().mapToInt(ClusterFile.NodeDef::gpus).sum())
                .setAllocatedGpus(allocations.gpusByNode().values().stream().mapToDouble(Double::doubleValue).sum())
                .setNodes(cluster.nodes().size())
                .setRunningWorkloads(byStatus.getOrDefault("Running", 0) + byStatus.getOrDefault("Degraded", 0))
                .setPendingWorkloads(byStatus.getOrDefault("Pending", 0) + byStatus.getOrDefault("Creating", 0))
                .addAllProjects(OrganizationService.projects(organization.organization(), allocations).stream()
                        .filter(p -> guard.can(Action.VIEW, Entity.PROJECTS, new Scope.Project(p.getName()))).toList())
                .build());
        out.onCompleted();
    }

    /** Cluster-wide totals only, so every signed-in caller may read them. */
    @Override
    public void overviewHistory(OverviewHistoryRequest request, StreamObserver<OverviewHistoryResponse> out) {
        try {
            out.onNext(history.query(request));
            out.onCompleted();
        } catch (WorkloadException e) {
            out.onError(ApiErrors.of(e));
        }
    }
}
