package io.runplane.agent;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.runplane.agent.server.CallerIdentity;
import io.runplane.api.v1.ClusterGrpc;
import io.runplane.api.v1.OrganizationGrpc;
import io.runplane.api.v1.WorkloadsGrpc;

import java.util.concurrent.TimeUnit;

/** A real TCP client of an agent, for tests. */
final class AgentClient implements AutoCloseable {

    final ManagedChannel channel;

    AgentClient(int port, String user) {
        Metadata headers = new Metadata();
        headers.put(CallerIdentity.USER_HEADER, user);
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .intercept(MetadataUtils.newAttachHeadersInterceptor(headers)).build();
    }

    WorkloadsGrpc.WorkloadsBlockingStub workloads() {
        return WorkloadsGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    OrganizationGrpc.OrganizationBlockingStub organization() {
        return OrganizationGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    ClusterGrpc.ClusterBlockingStub cluster() {
        return ClusterGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(5, TimeUnit.SECONDS);
    }
}
