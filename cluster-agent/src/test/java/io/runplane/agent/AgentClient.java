package io.runplane.agent;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.runplane.api.BearerToken;
import io.runplane.api.v1.AccessRulesGrpc;
import io.runplane.api.v1.AssetsGrpc;
import io.runplane.api.v1.AuditGrpc;
import io.runplane.api.v1.ClusterGrpc;
import io.runplane.api.v1.OrganizationGrpc;
import io.runplane.api.v1.PoliciesGrpc;
import io.runplane.api.v1.EventsRequest;
import io.runplane.api.v1.WorkloadEvent;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadsGrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real TCP client of an agent, for tests, signed in with a bearer token. */
final class AgentClient implements AutoCloseable {

    final ManagedChannel channel;
    private final BearerToken token;

    AgentClient(int port, String token) {
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        this.token = new BearerToken(token);
    }

    WorkloadsGrpc.WorkloadsBlockingStub workloads() {
        return WorkloadsGrpc.newBlockingStub(channel).withCallCredentials(token).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    /** The event history of one workload, as the Events call returns it without following. */
    List<WorkloadEvent> events(String project, String name) {
        List<WorkloadEvent> events = new ArrayList<>();
        workloads().events(EventsRequest.newBuilder()
                .setWorkload(WorkloadRef.newBuilder().setProject(project).setName(name)).build()).forEachRemaining(events::add);
        return events;
    }

    WorkloadsGrpc.WorkloadsStub workloadsAsync() {
        return WorkloadsGrpc.newStub(channel).withCallCredentials(token);
    }

    OrganizationGrpc.OrganizationBlockingStub organization() {
        return OrganizationGrpc.newBlockingStub(channel).withCallCredentials(token).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    ClusterGrpc.ClusterBlockingStub cluster() {
        return ClusterGrpc.newBlockingStub(channel).withCallCredentials(token).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    PoliciesGrpc.PoliciesBlockingStub policies() {
        return PoliciesGrpc.newBlockingStub(channel).withCallCredentials(token).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    AccessRulesGrpc.AccessRulesBlockingStub accessRules() {
        return AccessRulesGrpc.newBlockingStub(channel).withCallCredentials(token).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    AssetsGrpc.AssetsBlockingStub assets() {
        return AssetsGrpc.newBlockingStub(channel).withCallCredentials(token).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    AuditGrpc.AuditBlockingStub audit() {
        return AuditGrpc.newBlockingStub(channel).withCallCredentials(token).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(5, TimeUnit.SECONDS);
    }
}
