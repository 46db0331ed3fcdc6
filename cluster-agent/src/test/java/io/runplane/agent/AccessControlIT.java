package io.runplane.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.runplane.access.Role;
import io.runplane.api.BearerToken;
import io.runplane.api.v1.Department;
import io.runplane.api.v1.EventsRequest;
import io.runplane.api.v1.ListDepartmentsRequest;
import io.runplane.api.v1.ListProjectsRequest;
import io.runplane.api.v1.ListWorkloadsRequest;
import io.runplane.api.v1.LogsRequest;
import io.runplane.api.v1.MetricsRequest;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadsGrpc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The role x action x scope matrix over real gRPC, on the default cluster (departments research
 * {vision, nlp} and product {serving}), with every caller signed in by its own token.
 */
class AccessControlIT {

    @RegisterExtension
    static final RunningAgent runplane = RunningAgent.atTimeScale(50).as("root");

    private static final Map<String, AgentClient> USERS = new ConcurrentHashMap<>();
    private static final AtomicInteger NAMES = new AtomicInteger();

    @BeforeAll
    static void grantRoles() {
        runplane.grant("rita", Role.L1_RESEARCHER, ScopeKind.SCOPE_KIND_PROJECT, "vision");
        runplane.grant("dan", Role.DEPARTMENT_ADMINISTRATOR, ScopeKind.SCOPE_KIND_DEPARTMENT, "research");
        runplane.grant("vic", Role.VIEWER, ScopeKind.SCOPE_KIND_PROJECT, "nlp");
        runplane.grant("mel", Role.ML_ENGINEER, ScopeKind.SCOPE_KIND_PROJECT, "serving");
    }

    private static AgentClient as(String user) {
        return user.equals("root") ? runplane.client() : USERS.computeIfAbsent(user, u -> runplane.clientFor(u));
    }

    private static Workload submitAsRoot(String project) {
        return runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder()
                .setSpec(Specs.training(project, "target-" + NAMES.incrementAndGet(), "1h")).build()).getWorkload();
    }

    private static StatusRuntimeException refused(Runnable call) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(e).as("the call should have been refused").isNotNull();
        return e;
    }

    @ParameterizedTest(name = "{0} {1} in {2}: {3}")
    @CsvSource({
            "rita, submit, vision, allowed",
            "rita, submit, nlp, denied",
            "rita, view, nlp, denied",
            "rita, stop, nlp, denied",
            "rita, stop, vision, allowed",
            "rita, delete, vision, allowed",
            "dan, submit, nlp, allowed",
            "dan, delete, vision, allowed",
            "dan, submit, serving, denied",
            "dan, stop, serving, denied",
            "vic, view, nlp, allowed",
            "vic, submit, nlp, denied",
            "vic, stop, nlp, denied",
            "vic, view, vision, denied",
            "mel, view, serving, allowed",
            "mel, submit, serving, denied",
            "root, delete, serving, allowed",
    })
    void theRolesOfTheCallerInTheWorkloadsProjectDecide(String user, String action, String project, String outcome) {
        WorkloadsGrpc.WorkloadsBlockingStub workloads = as(user).workloads();
        Runnable call = switch (action) {
            case "submit" -> () -> workloads.submit(SubmitWorkloadRequest.newBuilder()
                    .setSpec(Specs.training(project, "own-" + NAMES.incrementAndGet(), "1h")).build());
            case "view" -> {
                WorkloadRef ref = ref(submitAsRoot(project));
                yield () -> workloads.get(ref);
            }
            case "stop" -> {
                WorkloadRef ref = ref(submitAsRoot(project));
                yield () -> workloads.stop(ref);
            }
            case "delete" -> {
                WorkloadRef ref = ref(submitAsRoot(project));
                yield () -> workloads.delete(ref);
            }
            default -> throw new IllegalArgumentException(action);
        };
        if (outcome.equals("allowed")) {
            call.run();
        } else {
            Status status = refused(call).getStatus();
            String verb = action.equals("submit") ? "create" : action.equals("stop") ? "edit" : action;
            assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(status.getDescription())
                    .isEqualTo("user " + user + " may not " + verb + " workloads in project " + project + ": no access rule grants it");
        }
    }

    @Test
    void listsAndWatchesShowOnlyTheProjectsTheCallerMayView() {
        submitAsRoot("nlp");
        submitAsRoot("vision");

        assertThat(as("rita").workloads().list(ListWorkloadsRequest.newBuilder().setPageSize(1000).build()).getWorkloadsList())
                .isNotEmpty().allSatisfy(w -> assertThat(w.getSpec().getProject()).isEqualTo("vision"));
        assertThat(as("dan").workloads().list(ListWorkloadsRequest.newBuilder().setPageSize(1000).build()).getWorkloadsList())
                .extracting(w -> w.getSpec().getProject()).contains("vision", "nlp").doesNotContain("serving");
        assertThat(as("root").workloads().list(ListWorkloadsRequest.newBuilder().setPageSize(1000).build()).getWorkloadsList())
                .extracting(w -> w.getSpec().getProject()).contains("vision", "nlp", "serving");

        Iterator<WatchWorkloadsResponse> watch = as("vic").workloads().watch(WatchWorkloadsRequest.getDefaultInstance());
        assertThat(watch.next().getSnapshot().getWorkloadsList())
                .isNotEmpty().allSatisfy(w -> assertThat(w.getSpec().getProject()).isEqualTo("nlp"));
        submitAsRoot("vision");
        Workload inNlp = submitAsRoot("nlp");
        List<Workload> delivered = new java.util.ArrayList<>();
        while (delivered.isEmpty() || !delivered.getLast().getSpec().getName().equals(inNlp.getSpec().getName())) {
            delivered.add(watch.next().getDelta().getWorkload());
        }
        assertThat(delivered).as("the vision workload submitted first is not delivered")
                .allSatisfy(w -> assertThat(w.getSpec().getProject()).isEqualTo("nlp"));

        assertThat(as("rita").organization().listProjects(ListProjectsRequest.getDefaultInstance()).getProjectsList())
                .extracting(Project::getName).containsExactly("vision");
        assertThat(as("rita").organization().listDepartments(ListDepartmentsRequest.getDefaultInstance()).getDepartmentsList())
                .extracting(Department::getName).containsExactly("research");
        assertThat(as("dan").organization().listProjects(ListProjectsRequest.getDefaultInstance()).getProjectsList())
                .extracting(Project::getName).containsExactlyInAnyOrder("vision", "nlp");
    }

    @Test
    void everyReadOfAWorkloadInAnotherProjectIsRefused() {
        WorkloadRef other = ref(submitAsRoot("nlp"));
        WorkloadsGrpc.WorkloadsBlockingStub rita = as("rita").workloads();
        String needed = "user rita may not view workloads in project nlp: no access rule grants it";

        assertThat(refused(() -> rita.events(EventsRequest.newBuilder().setWorkload(other).build()).hasNext()).getStatus().getDescription())
                .isEqualTo(needed);
        assertThat(refused(() -> rita.logs(LogsRequest.newBuilder().setWorkload(other).build()).hasNext()).getStatus().getDescription())
                .isEqualTo(needed);
        assertThat(refused(() -> rita.metrics(MetricsRequest.newBuilder().setWorkload(other).build())).getStatus().getDescription())
                .isEqualTo(needed);
        assertThat(refused(() -> rita.list(ListWorkloadsRequest.newBuilder().setProject("nlp").build())).getStatus().getDescription())
                .isEqualTo(needed);
        assertThat(refused(() -> rita.watch(WatchWorkloadsRequest.newBuilder().setProject("nlp").build()).hasNext())
                .getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void aCallWithoutAKnownTokenIsUnauthenticatedWhileHealthStaysOpen() throws Exception {
        ManagedChannel anonymous = ManagedChannelBuilder.forAddress("127.0.0.1", runplane.agent().port()).usePlaintext().build();
        try {
            WorkloadsGrpc.WorkloadsBlockingStub workloads = WorkloadsGrpc.newBlockingStub(anonymous).withDeadlineAfter(10, TimeUnit.SECONDS);
            Status missing = refused(() -> workloads.list(ListWorkloadsRequest.getDefaultInstance())).getStatus();
            assertThat(missing.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(missing.getDescription()).contains("authorization: Bearer");
            Status unknown = refused(() -> workloads.withCallCredentials(new BearerToken("rp_not-a-token"))
                    .list(ListWorkloadsRequest.getDefaultInstance())).getStatus();
            assertThat(unknown.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(HealthGrpc.newBlockingStub(anonymous).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        } finally {
            anonymous.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void changesAndRefusalsAreAuditedWithTheCallerAndTheOutcome() throws Exception {
        Workload mine = as("rita").workloads().submit(SubmitWorkloadRequest.newBuilder()
                .setSpec(Specs.training("vision", "audited-" + NAMES.incrementAndGet(), "1h")).build()).getWorkload();
        WorkloadRef other = ref(submitAsRoot("nlp"));
        refused(() -> as("rita").workloads().stop(other));
        as("rita").workloads().list(ListWorkloadsRequest.getDefaultInstance());

        List<JsonNode> entries = Files.readAllLines(runplane.data().resolve(EmbeddedAgent.AUDIT_LOG)).stream()
                .map(AccessControlIT::json).filter(e -> e.get("subject").asText().equals("user rita")).toList();
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("runplane.v1.Workloads/Submit");
            assertThat(e.get("target").asText()).isEqualTo("project vision, name " + mine.getSpec().getName());
            assertThat(e.get("outcome").asText()).isEqualTo("OK");
        });
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("runplane.v1.Workloads/Stop");
            assertThat(e.get("target").asText()).isEqualTo("project nlp, name " + other.getName());
            assertThat(e.get("outcome").asText()).isEqualTo("PERMISSION_DENIED");
        });
        assertThat(entries).as("reads are not audited").noneMatch(e -> e.get("action").asText().endsWith("/List"));
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(line, e);
        }
    }

    private static WorkloadRef ref(Workload w) {
        return WorkloadRef.newBuilder().setProject(w.getSpec().getProject()).setName(w.getSpec().getName()).build();
    }
}
