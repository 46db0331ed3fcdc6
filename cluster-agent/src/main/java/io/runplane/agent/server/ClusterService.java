package io.runplane.agent.server;

import io.grpc.stub.StreamObserver;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.organization.OrganizationStore;
import io.runplane.agent.workload.Allocations;
import io.runplane.agent.workload.WorkloadController;
import io.runplane.api.v1.ClusterGrpc;
import io.runplane.api.v1.OverviewRequest;
import io.runplane.api.v1.OverviewResponse;
import io.runplane.api.v1.WhoAmIRequest;
import io.runplane.api.v1.WhoAmIResponse;

/** The cluster as a whole: who is calling, which backend, and the dashboard's overview. */
final class ClusterService extends ClusterGrpc.ClusterImplBase {

    static final String VERSION = "0.1.0";

    private final WorkloadController controller;
    private final String backend;
    private final OrganizationStore organization;

    ClusterService(WorkloadController controller, String backend, OrganizationStore organization) {
        this.organization = organization;
        this.controller = controller;
        this.backend = backend;
    }

    @Override
    public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> out) {
        out.onNext(WhoAmIResponse.newBuilder()
                .setSubject(CallerIdentity.current())
                .setCluster(controller.cluster().cluster())
                .setBackend(backend)
                .setVersion(VERSION)
                .build());
        out.onCompleted();
    }

    @Override
    public void overview(OverviewRequest request, StreamObserver<OverviewResponse> out) {
        ClusterFile cluster = controller.cluster();
        Allocations allocations = controller.allocations();
        var byStatus = allocations.workloadsByStatus();
        out.onNext(OverviewResponse.newBuilder()
                .setTotalGpus(cluster.nodes().stream().mapToInt(ClusterFile.NodeDef::gpus).sum())
                .setAllocatedGpus(allocations.gpusByNode().values().stream().mapToDouble(Double::doubleValue).sum())
                .setNodes(cluster.nodes().size())
                .setRunningWorkloads(byStatus.getOrDefault("Running", 0) + byStatus.getOrDefault("Degraded", 0))
                .setPendingWorkloads(byStatus.getOrDefault("Pending", 0) + byStatus.getOrDefault("Creating", 0))
                .addAllProjects(OrganizationService.projects(organization.organization(), allocations))
                .build());
        out.onCompleted();
    }
}
