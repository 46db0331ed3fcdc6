package io.runplane.agent;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.runplane.access.Role;
import io.runplane.api.v1.AccessRule;
import io.runplane.api.v1.AccessScope;
import io.runplane.api.v1.AccessSubject;
import io.runplane.api.v1.CreateAccessRuleRequest;
import io.runplane.api.v1.DeleteAccessRuleRequest;
import io.runplane.api.v1.EventsRequest;
import io.runplane.api.v1.ListWorkloadsRequest;
import io.runplane.api.v1.LogsRequest;
import io.runplane.api.v1.Project;
import io.runplane.api.v1.ProjectRequest;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.SubjectKind;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Open streams follow permission changes over real gRPC: a watch is resynchronized to what its
 * caller may see now, a follow of events or logs ends with PERMISSION_DENIED once its caller may no
 * longer view the workload, whether an access rule or the identities file changed.
 */
class LivePermissionsIT {

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(50);

    private String submit(String project, String name) {
        return runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder()
                .setSpec(Specs.training(project, name, "24h")).build()).getWorkload().getSpec().getName();
    }

    private static List<String> names(List<Workload> workloads) {
        return workloads.stream().map(w -> w.getSpec().getProject() + "/" + w.getSpec().getName()).toList();
    }

    /** Reads past deltas to the next snapshot, checking each delta against what the caller may see. */
    private static WatchWorkloadsResponse nextSnapshot(Iterator<WatchWorkloadsResponse> watch, List<String> visibleProjects) {
        WatchWorkloadsResponse next = watch.next();
        while (next.hasDelta()) {
            assertThat(visibleProjects).contains(next.getDelta().getWorkload().getSpec().getProject());
            next = watch.next();
        }
        return next;
    }

    @Test
    void aWatchIsResynchronizedWhenAGrantOrARevocationChangesWhatItsCallerMaySee() throws Exception {
        submit("vision", "seen");
        submit("nlp", "hidden");
        AgentClient rita = runplane.clientFor("rita");
        runplane.grant("rita", Role.VIEWER, ScopeKind.SCOPE_KIND_PROJECT, "vision");

        try (Context.CancellableContext context = Context.current().withCancellation()) {
            Iterator<WatchWorkloadsResponse> watch = context.call(() -> rita.workloads().withDeadlineAfter(60, TimeUnit.SECONDS)
                    .watch(WatchWorkloadsRequest.getDefaultInstance()));
            WatchWorkloadsResponse first = watch.next();
            assertThat(names(first.getSnapshot().getWorkloadsList())).contains("vision/seen").allMatch(n -> n.startsWith("vision/"));
            assertThat(first.getSnapshot().getResync()).isFalse();

            AccessRule nlp = runplane.grant("rita", Role.VIEWER, ScopeKind.SCOPE_KIND_PROJECT, "nlp");
            WatchWorkloadsResponse widened = nextSnapshot(watch, List.of("vision"));
            assertThat(widened.getSnapshot().getResync()).isTrue();
            assertThat(names(widened.getSnapshot().getWorkloadsList())).contains("vision/seen", "nlp/hidden")
                    .allMatch(n -> n.startsWith("vision/") || n.startsWith("nlp/"));

            runplane.client().accessRules().deleteAccessRule(DeleteAccessRuleRequest.newBuilder().setId(nlp.getId()).build());
            WatchWorkloadsResponse narrowed = nextSnapshot(watch, List.of("vision", "nlp"));
            assertThat(narrowed.getSnapshot().getResync()).isTrue();
            assertThat(names(narrowed.getSnapshot().getWorkloadsList())).contains("vision/seen").allMatch(n -> n.startsWith("vision/"));

            submit("nlp", "after-revocation");
            submit("vision", "marker");
            List<String> delivered = new ArrayList<>();
            while (!delivered.contains("vision/marker")) {
                delivered.add(names(List.of(watch.next().getDelta().getWorkload())).getFirst());
            }
            assertThat(delivered).as("no workload of nlp after the revocation").allMatch(name -> name.startsWith("vision/"));
            context.cancel(null);
        }
    }

    @Test
    void aDepartmentWideWatchShowsAProjectCreatedInItsDepartmentAfterItOpened() throws Exception {
        AgentClient dora = runplane.clientFor("dora");
        runplane.grant("dora", Role.VIEWER, ScopeKind.SCOPE_KIND_DEPARTMENT, "research");

        try (Context.CancellableContext context = Context.current().withCancellation()) {
            Iterator<WatchWorkloadsResponse> watch = context.call(() -> dora.workloads().withDeadlineAfter(60, TimeUnit.SECONDS)
                    .watch(WatchWorkloadsRequest.getDefaultInstance()));
            assertThat(watch.next().hasSnapshot()).isTrue();

            runplane.client().organization().createProject(ProjectRequest.newBuilder()
                    .setProject(Project.newBuilder().setName("robotics").setDepartment("research")).build());
            submit("robotics", "arm");

            String seen = "";
            while (!seen.equals("robotics/arm")) {
                WatchWorkloadsResponse next = watch.next();
                List<Workload> workloads = next.hasSnapshot() ? next.getSnapshot().getWorkloadsList() : List.of(next.getDelta().getWorkload());
                seen = names(workloads).stream().filter("robotics/arm"::equals).findFirst().orElse("");
            }
            assertThat(dora.workloads().list(ListWorkloadsRequest.newBuilder().setProject("robotics").build()).getWorkloadsList())
                    .extracting(w -> w.getSpec().getName()).containsExactly("arm");
            context.cancel(null);
        }
    }

    @Test
    void aWatchFollowsTheGroupsOfItsCallerWhenTheIdentitiesFileChanges() throws Exception {
        submit("vision", "notebook");
        runplane.client().accessRules().createAccessRule(CreateAccessRuleRequest.newBuilder()
                .setSubject(AccessSubject.newBuilder().setKind(SubjectKind.SUBJECT_KIND_GROUP).setName("vision-readers"))
                .setRole(Role.VIEWER.displayName())
                .setScope(AccessScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_PROJECT).setName("vision"))
                .build());
        AgentClient gina = runplane.clientFor("gina");

        try (Context.CancellableContext context = Context.current().withCancellation()) {
            Iterator<WatchWorkloadsResponse> watch = context.call(() -> gina.workloads().withDeadlineAfter(60, TimeUnit.SECONDS)
                    .watch(WatchWorkloadsRequest.getDefaultInstance()));
            assertThat(watch.next().getSnapshot().getWorkloadsList()).isEmpty();

            runplane.clientFor("gina", "vision-readers");

            WatchWorkloadsResponse joined = nextSnapshot(watch, List.of());
            assertThat(joined.getSnapshot().getResync()).isTrue();
            assertThat(names(joined.getSnapshot().getWorkloadsList())).contains("vision/notebook").allMatch(n -> n.startsWith("vision/"));
            context.cancel(null);
        }
    }

    @Test
    void followingEventsOrLogsEndsWithPermissionDeniedWhenTheCallerMayNoLongerViewTheWorkload() {
        WorkloadRef ref = WorkloadRef.newBuilder().setProject("vision").setName(submit("vision", "followed")).build();
        Await.status(runplane.client(), "vision", "followed", WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        AgentClient rita = runplane.clientFor("rita");
        AccessRule viewer = runplane.grant("rita", Role.VIEWER, ScopeKind.SCOPE_KIND_PROJECT, "vision");
        Iterator<?> events = rita.workloads().withDeadlineAfter(60, TimeUnit.SECONDS)
                .events(EventsRequest.newBuilder().setWorkload(ref).setFollow(true).build());
        Iterator<?> logs = rita.workloads().withDeadlineAfter(60, TimeUnit.SECONDS)
                .logs(LogsRequest.newBuilder().setWorkload(ref).setFollow(true).build());
        assertThat(events.hasNext()).isTrue();
        assertThat(logs.hasNext()).isTrue();

        runplane.client().accessRules().deleteAccessRule(DeleteAccessRuleRequest.newBuilder().setId(viewer.getId()).build());

        for (Iterator<?> stream : List.of(events, logs)) {
            StatusRuntimeException ended = catchThrowableOfType(StatusRuntimeException.class, () -> {
                while (stream.hasNext()) {
                    stream.next();
                }
            });
            assertThat(ended).as("the follow ends with an error").isNotNull();
            assertThat(ended.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(ended.getStatus().getDescription())
                    .isEqualTo("user rita may not view workloads in project vision: no access rule grants it");
        }
    }
}
