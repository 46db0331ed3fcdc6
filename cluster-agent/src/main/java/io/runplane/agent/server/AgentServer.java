package io.runplane.agent.server;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.runplane.agent.access.AccessRuleStore;
import io.runplane.agent.access.AccessRulesService;
import io.runplane.agent.access.ClusterOrgTree;
import io.runplane.agent.access.Guard;
import io.runplane.agent.assets.AssetService;
import io.runplane.agent.audit.AuditInterceptor;
import io.runplane.agent.audit.AuditLog;
import io.runplane.agent.audit.AuditReader;
import io.runplane.agent.audit.AuditService;
import io.runplane.agent.auth.AuthInterceptor;
import io.runplane.agent.auth.Authenticator;
import io.runplane.agent.logs.LogFeed;
import io.runplane.agent.metrics.MetricsQuery;
import io.runplane.agent.organization.OrganizationStore;
import io.runplane.agent.overview.ClusterSampler;
import io.runplane.agent.policies.PoliciesService;
import io.runplane.agent.policies.PolicyEnforcement;
import io.runplane.agent.policies.PolicyStore;
import io.runplane.agent.workload.WorkloadController;
import io.runplane.api.v1.AccessRulesGrpc;
import io.runplane.api.v1.AssetsGrpc;
import io.runplane.api.v1.AuditGrpc;
import io.runplane.api.v1.ClusterGrpc;
import io.runplane.api.v1.OrganizationGrpc;
import io.runplane.api.v1.PoliciesGrpc;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadsGrpc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The agent's gRPC server: Workloads, Organization, Cluster, Policies, AccessRules, Assets and Audit, plus
 * {@code grpc.health.v1} and server reflection. It takes a {@link ServerBuilder} so tests can build it in-process.
 */
public final class AgentServer {

    /** Largest request the agent accepts. */
    public static final int MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;

    private final Server server;
    private final ClusterSampler sampler;
    private final HealthStatusManager health = new HealthStatusManager();
    /** Looks whether the identities file or the organization changed, so open streams follow what their callers may see. */
    private final ScheduledExecutorService identityCheck = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("runplane-identities").factory());

    /**
     * Every service but health and reflection is behind bearer-token authentication, and every call
     * that may change state is recorded in the audit log with its outcome.
     */
    public AgentServer(ServerBuilder<?> builder, WorkloadController controller, LogFeed logs, MetricsQuery metrics, String backendKind,
                       Runnable nudge, PolicyStore policies, OrganizationStore organization, Security security, ClusterSampler sampler)
            throws IOException {
        this.sampler = sampler;
        Guard guard = new Guard(security.rules(), new ClusterOrgTree(organization::asClusterFile), security.identities());
        identityCheck.scheduleWithFixedDelay(guard.visibility()::identitiesOrOrganizationMayHaveChanged, 1, 1, TimeUnit.SECONDS);
        PolicyEnforcement enforcement = new PolicyEnforcement(policies, controller.validator());
        AuthInterceptor authentication = new AuthInterceptor(security.identities());
        AuditInterceptor audit = new AuditInterceptor(security.audit(), Clock.systemUTC());
        AssetService assets = AssetService.open(security.dataDir(), guard::authorizer, guard::org, Clock.systemUTC(),
                () -> controller.list(w -> w.status() != WorkloadStatus.WORKLOAD_STATUS_COMPLETED
                        && w.status() != WorkloadStatus.WORKLOAD_STATUS_FAILED).stream().map(Workload::getSpec).toList());
        List<BindableService> services = List.of(
                new WorkloadsService(controller, logs, metrics, nudge, enforcement, assets.resolution(), guard),
                new OrganizationService(controller, organization, guard),
                new ClusterService(controller, backendKind, organization, guard, sampler.query()),
                new PoliciesService(policies, enforcement, assets.resolution(), guard),
                new AccessRulesService(security.rules(), guard),
                new AuditService(new AuditReader(security.audit().file()), guard),
                assets);
        builder.maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES);
        for (BindableService service : services) {
            // The last interceptor runs first: authenticate, then audit with the caller known.
            builder.addService(ServerInterceptors.intercept(service, audit, authentication));
        }
        this.server = builder
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .build();
    }

    /**
     * Who may call and what is recorded.
     *
     * @param identities the authenticator in force at each call
     * @param rules      the access rules
     * @param audit      where changes are recorded
     * @param dataDir    the data directory (assets are kept there)
     */
    public record Security(Supplier<? extends Authenticator> identities, AccessRuleStore rules, AuditLog audit, Path dataDir) {
    }

    public AgentServer start() throws IOException {
        server.start();
        sampler.start();
        health.setStatus("", HealthCheckResponse.ServingStatus.SERVING);
        for (String service : List.of(WorkloadsGrpc.SERVICE_NAME, OrganizationGrpc.SERVICE_NAME, ClusterGrpc.SERVICE_NAME,
                PoliciesGrpc.SERVICE_NAME, AccessRulesGrpc.SERVICE_NAME, AssetsGrpc.SERVICE_NAME, AuditGrpc.SERVICE_NAME)) {
            health.setStatus(service, HealthCheckResponse.ServingStatus.SERVING);
        }
        return this;
    }

    public int port() {
        return server.getPort();
    }

    /** Stops taking calls, gives running ones a moment, then cancels what is left. */
    public void stop() {
        identityCheck.shutdownNow();
        sampler.close();
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
