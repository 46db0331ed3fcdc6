package io.runplane.agent.server;

import io.grpc.stub.StreamObserver;
import io.runplane.access.Action;
import io.runplane.access.Entity;
import io.runplane.access.Scope;
import io.runplane.agent.access.Guard;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.workload.Allocations;
import io.runplane.agent.workload.WorkloadController;
import io.runplane.api.v1.Department;
import io.runplane.api.v1.ListDepartmentsRequest;
import io.runplane.api.v1.ListDepartmentsResponse;
import io.runplane.api.v1.ListNodePoolsRequest;
import io.runplane.api.v1.ListNodePoolsResponse;
import io.runplane.api.v1.ListNodesRequest;
import io.runplane.api.v1.ListNodesResponse;
import io.runplane.api.v1.ListProjectsRequest;
import io.runplane.api.v1.ListProjectsResponse;
import io.runplane.api.v1.Node;
import io.runplane.api.v1.NodePool;
import io.runplane.api.v1.OrganizationGrpc;
import io.runplane.api.v1.PoolQuota;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.Resources;

import java.util.List;

/** Read-only view of the organization and the nodes, with what is allocated now. */
final class OrganizationService extends OrganizationGrpc.OrganizationImplBase {

    private final WorkloadController controller;
    private final ClusterFile cluster;
    private final Guard guard;

    OrganizationService(WorkloadController controller, Guard guard) {
        this.controller = controller;
        this.guard = guard;
        this.cluster = controller.cluster();
    }

    @Override
    public void listProjects(ListProjectsRequest request, StreamObserver<ListProjectsResponse> out) {
        out.onNext(ListProjectsResponse.newBuilder().addAllProjects(projects(cluster, controller.allocations()).stream()
                .filter(p -> guard.can(Action.VIEW, Entity.PROJECTS, new Scope.Project(p.getName()))).toList()).build());
        out.onCompleted();
    }

    static List<Project> projects(ClusterFile cluster, Allocations allocations) {
        return cluster.projects().stream().map(p -> Project.newBuilder()
                .setName(p.name())
                .setDepartment(p.department())
                .setNamespace(p.namespace())
                .addAllQuotas(p.quotas().stream().map(OrganizationService::quota).toList())
                .addAllNodePools(p.nodePools())
                .setAllocated(resources(allocations.byProject().getOrDefault(p.name(), Allocations.Held.NONE)))
                .build()).toList();
    }

    @Override
    public void listDepartments(ListDepartmentsRequest request, StreamObserver<ListDepartmentsResponse> out) {
        Allocations allocations = controller.allocations();
        out.onNext(ListDepartmentsResponse.newBuilder().addAllDepartments(cluster.departments().stream()
                .filter(d -> guard.canWithin(Action.VIEW, Entity.DEPARTMENTS, new Scope.Department(d.name())))
                .map(d -> Department.newBuilder()
                .setName(d.name())
                .addAllQuotas(d.quotas().stream().map(OrganizationService::quota).toList())
                .setAllocated(resources(allocations.byDepartment().getOrDefault(d.name(), Allocations.Held.NONE)))
                .build()).toList()).build());
        out.onCompleted();
    }

    @Override
    public void listNodePools(ListNodePoolsRequest request, StreamObserver<ListNodePoolsResponse> out) {
        Allocations allocations = controller.allocations();
        out.onNext(ListNodePoolsResponse.newBuilder().addAllNodePools(cluster.nodePools().stream()
                .filter(p -> guard.canWithin(Action.VIEW, Entity.NODE_POOLS, Scope.CLUSTER))
                .map(p -> NodePool.newBuilder()
                .setName(p.name())
                .setLabelKey(p.labelKey())
                .setLabelValue(p.labelValue())
                .setGpuPlacement(p.gpuPlacement())
                .setCpuPlacement(p.cpuPlacement())
                .setTotalGpus(cluster.nodes().stream().filter(n -> n.nodePool().equals(p.name())).mapToInt(ClusterFile.NodeDef::gpus).sum())
                .setAllocatedGpus(allocations.gpusByPool().getOrDefault(p.name(), 0.0))
                .build()).toList()).build());
        out.onCompleted();
    }

    @Override
    public void listNodes(ListNodesRequest request, StreamObserver<ListNodesResponse> out) {
        if (!request.getNodePool().isEmpty() && cluster.nodePool(request.getNodePool()).isEmpty()) {
            out.onError(ApiErrors.invalid("node_pool", "unknown node pool \"" + request.getNodePool() + "\""));
            return;
        }
        Allocations allocations = controller.allocations();
        out.onNext(ListNodesResponse.newBuilder().addAllNodes(cluster.nodes().stream()
                .filter(n -> request.getNodePool().isEmpty() || n.nodePool().equals(request.getNodePool()))
                .filter(n -> guard.canWithin(Action.VIEW, Entity.NODES, Scope.CLUSTER))
                .map(n -> Node.newBuilder()
                        .setName(n.name())
                        .setNodePool(n.nodePool())
                        .setGpus(n.gpus())
                        .setGpuMemoryMib(n.gpuMemoryMiB())
                        .setGpuModel(n.gpuModel())
                        .setCpuMillis(n.cpuMillis())
                        .setMemoryMib(n.memoryMiB())
                        .setAllocatedGpus(allocations.gpusByNode().getOrDefault(n.name(), 0.0))
                        .setReady(true)
                        .setUnschedulable(n.unschedulable())
                        .putAllLabels(n.labels())
                        .build()).toList()).build());
        out.onCompleted();
    }

    private static PoolQuota quota(ClusterFile.QuotaDef q) {
        return PoolQuota.newBuilder()
                .setNodePool(q.nodePool())
                .setDeserved(Resources.newBuilder().setGpu(q.gpu()).setCpuMillis(q.cpuMillis()).setMemoryMib(q.memoryMiB()))
                .setLimit(Resources.newBuilder().setGpu(q.gpuLimit()).setCpuMillis(q.cpuLimitMillis()).setMemoryMib(q.memoryLimitMiB()))
                .setOverQuotaWeight(q.overQuotaWeight())
                .build();
    }

    private static Resources resources(Allocations.Held held) {
        return Resources.newBuilder().setGpu(held.gpu()).setGpuMemoryMib(held.gpuMemoryMiB())
                .setCpuMillis(held.cpuMillis()).setMemoryMib(held.memoryMiB()).build();
    }
}
