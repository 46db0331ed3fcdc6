package io.runplane.agent.server;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.runplane.access.Action;
import io.runplane.access.Entity;
import io.runplane.access.Scope;
import io.runplane.agent.access.Guard;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.organization.Organization;
import io.runplane.agent.organization.OrganizationChanges;
import io.runplane.agent.organization.OrganizationProtos;
import io.runplane.agent.organization.OrganizationStore;
import io.runplane.agent.workload.Allocations;
import io.runplane.agent.workload.WorkloadController;
import io.runplane.agent.workload.WorkloadException;
import io.runplane.api.v1.DeleteRequest;
import io.runplane.api.v1.DeleteResponse;
import io.runplane.api.v1.Department;
import io.runplane.api.v1.DepartmentRequest;
import io.runplane.api.v1.GetSchedulingSettingsRequest;
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
import io.runplane.api.v1.NodePoolRequest;
import io.runplane.api.v1.OrganizationGrpc;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.ProjectRequest;
import io.runplane.api.v1.SchedulingSettings;
import io.runplane.api.v1.SchedulingSettingsRequest;

import java.util.List;

/** The organization and the nodes, with what is allocated now; departments, projects and node pools can be changed. */
final class OrganizationService extends OrganizationGrpc.OrganizationImplBase {

    /** A call's work; a refusal becomes its gRPC status. */
    private interface Call<T> {
        T run() throws WorkloadException;
    }

    private final WorkloadController controller;
    private final OrganizationStore store;
    private final OrganizationChanges changes;
    private final ClusterFile cluster;
    private final Guard guard;

    OrganizationService(WorkloadController controller, OrganizationStore store, Guard guard) {
        this.controller = controller;
        this.store = store;
        this.guard = guard;
        this.changes = new OrganizationChanges(store, controller);
        this.cluster = controller.cluster();
    }

    @Override
    public void listProjects(ListProjectsRequest request, StreamObserver<ListProjectsResponse> out) {
        out.onNext(ListProjectsResponse.newBuilder().addAllProjects(projects(store.organization(), controller.allocations()).stream()
                .filter(p -> guard.can(Action.VIEW, Entity.PROJECTS, new Scope.Project(p.getName()))).toList()).build());
        out.onCompleted();
    }

    static List<Project> projects(Organization organization, Allocations allocations) {
        return organization.projects().stream().map(p -> OrganizationProtos.toProto(p,
                allocations.byProject().getOrDefault(p.name(), Allocations.Held.NONE))).toList();
    }

    @Override
    public void listDepartments(ListDepartmentsRequest request, StreamObserver<ListDepartmentsResponse> out) {
        Allocations allocations = controller.allocations();
        out.onNext(ListDepartmentsResponse.newBuilder().addAllDepartments(store.organization().departments().stream()
                .filter(d -> guard.canWithin(Action.VIEW, Entity.DEPARTMENTS, new Scope.Department(d.name())))
                .map(d -> department(d, allocations)).toList()).build());
        out.onCompleted();
    }

    @Override
    public void listNodePools(ListNodePoolsRequest request, StreamObserver<ListNodePoolsResponse> out) {
        Allocations allocations = controller.allocations();
        out.onNext(ListNodePoolsResponse.newBuilder().addAllNodePools(store.organization().nodePools().stream()
                .filter(p -> guard.canWithin(Action.VIEW, Entity.NODE_POOLS, Scope.CLUSTER))
                .map(p -> nodePool(p, allocations)).toList()).build());
        out.onCompleted();
    }

    @Override
    public void listNodes(ListNodesRequest request, StreamObserver<ListNodesResponse> out) {
        if (!request.getNodePool().isEmpty() && store.organization().nodePool(request.getNodePool()).isEmpty()) {
            out.onError(ApiErrors.invalid("node_pool", "unknown node pool \"" + request.getNodePool() + "\""));
            return;
        }
        Allocations allocations = controller.allocations();
        out.onNext(ListNodesResponse.newBuilder().addAllNodes(cluster.nodes().stream()
                .filter(n -> request.getNodePool().isEmpty() || store.nodePoolOf(n).equals(request.getNodePool()))
                .filter(n -> guard.canWithin(Action.VIEW, Entity.NODES, Scope.CLUSTER))
                .map(n -> Node.newBuilder()
                        .setName(n.name())
                        .setNodePool(store.nodePoolOf(n))
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

    @Override
    public void createDepartment(DepartmentRequest request, StreamObserver<Department> out) {
        respond(out, () -> {
            guard.require(Action.CREATE, Entity.DEPARTMENTS, Scope.CLUSTER);
            return department(changes.createDepartment(OrganizationProtos.department(request.getDepartment())), controller.allocations());
        });
    }

    @Override
    public void updateDepartment(DepartmentRequest request, StreamObserver<Department> out) {
        respond(out, () -> {
            guard.require(Action.EDIT, Entity.DEPARTMENTS, new Scope.Department(request.getDepartment().getName()));
            return department(changes.updateDepartment(OrganizationProtos.department(request.getDepartment())), controller.allocations());
        });
    }

    @Override
    public void deleteDepartment(DeleteRequest request, StreamObserver<DeleteResponse> out) {
        respond(out, () -> {
            guard.require(Action.DELETE, Entity.DEPARTMENTS, new Scope.Department(request.getName()));
            changes.deleteDepartment(request.getName());
            return DeleteResponse.getDefaultInstance();
        });
    }

    @Override
    public void createProject(ProjectRequest request, StreamObserver<Project> out) {
        respond(out, () -> {
            guard.require(Action.CREATE, Entity.PROJECTS, new Scope.Department(request.getProject().getDepartment()));
            return project(changes.createProject(OrganizationProtos.project(request.getProject())));
        });
    }

    @Override
    public void updateProject(ProjectRequest request, StreamObserver<Project> out) {
        respond(out, () -> {
            guard.require(Action.EDIT, Entity.PROJECTS, new Scope.Project(request.getProject().getName()));
            return project(changes.updateProject(OrganizationProtos.project(request.getProject())));
        });
    }

    @Override
    public void deleteProject(DeleteRequest request, StreamObserver<DeleteResponse> out) {
        respond(out, () -> {
            guard.require(Action.DELETE, Entity.PROJECTS, new Scope.Project(request.getName()));
            changes.deleteProject(request.getName());
            return DeleteResponse.getDefaultInstance();
        });
    }

    @Override
    public void createNodePool(NodePoolRequest request, StreamObserver<NodePool> out) {
        respond(out, () -> {
            guard.require(Action.CREATE, Entity.NODE_POOLS, Scope.CLUSTER);
            return nodePool(changes.createNodePool(OrganizationProtos.nodePool(request.getNodePool())), controller.allocations());
        });
    }

    @Override
    public void updateNodePool(NodePoolRequest request, StreamObserver<NodePool> out) {
        respond(out, () -> {
            guard.require(Action.EDIT, Entity.NODE_POOLS, Scope.CLUSTER);
            return nodePool(changes.updateNodePool(OrganizationProtos.nodePool(request.getNodePool())), controller.allocations());
        });
    }

    @Override
    public void deleteNodePool(DeleteRequest request, StreamObserver<DeleteResponse> out) {
        respond(out, () -> {
            guard.require(Action.DELETE, Entity.NODE_POOLS, Scope.CLUSTER);
            changes.deleteNodePool(request.getName());
            return DeleteResponse.getDefaultInstance();
        });
    }

    @Override
    public void getSchedulingSettings(GetSchedulingSettingsRequest request, StreamObserver<SchedulingSettings> out) {
        respond(out, () -> {
            guard.requireWithin(Action.VIEW, Entity.NODE_POOLS, Scope.CLUSTER);
            return OrganizationProtos.toProto(store.organization().scheduling());
        });
    }

    @Override
    public void updateSchedulingSettings(SchedulingSettingsRequest request, StreamObserver<SchedulingSettings> out) {
        respond(out, () -> {
            guard.require(Action.EDIT, Entity.NODE_POOLS, Scope.CLUSTER);
            return OrganizationProtos.toProto(store.changeScheduling(OrganizationProtos.settings(request.getSettings())));
        });
    }

    private static <T> void respond(StreamObserver<T> out, Call<T> call) {
        T answer;
        try {
            answer = call.run();
        } catch (WorkloadException e) {
            out.onError(ApiErrors.of(e));
            return;
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        }
        out.onNext(answer);
        out.onCompleted();
    }

    private Project project(io.runplane.agent.organization.Project p) {
        return OrganizationProtos.toProto(p, controller.allocations().byProject().getOrDefault(p.name(), Allocations.Held.NONE));
    }

    private static Department department(io.runplane.agent.organization.Department d, Allocations allocations) {
        return OrganizationProtos.toProto(d, allocations.byDepartment().getOrDefault(d.name(), Allocations.Held.NONE));
    }

    private NodePool nodePool(io.runplane.agent.organization.NodePool p, Allocations allocations) {
        int total = cluster.nodes().stream().filter(n -> store.nodePoolOf(n).equals(p.name())).mapToInt(ClusterFile.NodeDef::gpus).sum();
        return OrganizationProtos.toProto(p, total, allocations.gpusByPool().getOrDefault(p.name(), 0.0));
    }
}
