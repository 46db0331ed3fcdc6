package io.runplane.agent.server;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.runplane.agent.logs.LogFeed;
import io.runplane.agent.metrics.MetricsQuery;
import io.runplane.agent.organization.OrganizationStore;
import io.runplane.agent.policies.PoliciesService;
import io.runplane.agent.policies.PolicyEnforcement;
import io.runplane.agent.policies.PolicyStore;
import io.runplane.agent.workload.WorkloadController;
import io.runplane.api.v1.ClusterGrpc;
import io.runplane.api.v1.OrganizationGrpc;
import io.runplane.api.v1.PoliciesGrpc;
import io.runplane.api.v1.WorkloadsGrpc;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent's gRPC server: Workloads, Organization, Cluster and Policies, plus {@code grpc.health.v1} and
 * server reflection. It takes a {@link ServerBuilder} so tests can build it in-process.
 */
public final class AgentServer {

    /** Largest request the agent accepts. */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;

    private final Server server;
    private final HealthStatusManager health = new HealthStatusManager();

    public AgentServer(ServerBuilder<?> builder, WorkloadController controller, LogFeed logs, MetricsQuery metrics, String backendKind,
                       String defaultSubject, Runnable nudge, PolicyStore policies, OrganizationStore organization) {
        CallerIdentity identity = new CallerIdentity(defaultSubject);
        PolicyEnforcement enforcement = new PolicyEnforcement(policies, controller.validator());
        this.server = builder
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .addService(ServerInterceptors.intercept(new WorkloadsService(controller, logs, metrics, nudge, enforcement), identity))
                .addService(ServerInterceptors.intercept(new OrganizationService(controller, organization), identity))
                .addService(ServerInterceptors.intercept(new ClusterService(controller, backendKind, organization), identity))
                .addService(ServerInterceptors.intercept(new PoliciesService(policies, enforcement, CallerIdentity::current), identity))
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .build();
    }

    public AgentServer start() throws IOException {
        server.start();
        health.setStatus("", HealthCheckResponse.ServingStatus.SERVING);
        for (String service : List.of(WorkloadsGrpc.SERVICE_NAME, OrganizationGrpc.SERVICE_NAME, ClusterGrpc.SERVICE_NAME,
                PoliciesGrpc.SERVICE_NAME)) {
            health.setStatus(service, HealthCheckResponse.ServingStatus.SERVING);
        }
        return this;
    }

    public int port() {
        return server.getPort();
    }

    /** Stops taking calls, gives running ones a moment, then cancels what is left. */
    public void stop() {
        health.enterTerminalState();
        server.shutdown();
        try {
            if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
