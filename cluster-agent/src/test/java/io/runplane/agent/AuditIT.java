package io.runplane.agent;

import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.runplane.access.Role;
import io.runplane.api.v1.AccessScope;
import io.runplane.api.v1.AccessSubject;
import io.runplane.api.v1.AuditEntry;
import io.runplane.api.v1.CreateAccessRuleRequest;
import io.runplane.api.v1.DeleteAccessRuleRequest;
import io.runplane.api.v1.ListAuditEntriesRequest;
import io.runplane.api.v1.ListAuditEntriesResponse;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.SubjectKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Audit API over real gRPC: the changes just made, newest first, filtered and paged, after a restart too. */
class AuditIT {

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(50).as("root");

    private ListAuditEntriesResponse list(ListAuditEntriesRequest.Builder request) {
        return runplane.client().audit().listAuditEntries(request.build());
    }

    private static List<String> actionsAndTargets(List<AuditEntry> entries) {
        return entries.stream().map(e -> e.getAction() + " | " + e.getTarget() + " | " + e.getOutcome()).toList();
    }

    /** Grants alice a role, fails to grant a made-up one, and takes alice's role back; returns the rule's id. */
    private String makeChanges() {
        String id = runplane.grant("alice", Role.L1_RESEARCHER, ScopeKind.SCOPE_KIND_PROJECT, "vision").getId();
        catchThrowableOfType(StatusRuntimeException.class, () -> runplane.client().accessRules().createAccessRule(
                CreateAccessRuleRequest.newBuilder()
                        .setSubject(AccessSubject.newBuilder().setKind(SubjectKind.SUBJECT_KIND_USER).setName("bob"))
                        .setRole("Wizard")
                        .setScope(AccessScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_PROJECT).setName("nlp")).build()));
        runplane.client().accessRules().deleteAccessRule(DeleteAccessRuleRequest.newBuilder().setId(id).build());
        return id;
    }

    @Test
    void anAdministratorReadsTheChangesJustMadeNewestFirstAndAgainAfterARestart() throws Exception {
        String id = makeChanges();

        ListAuditEntriesResponse all = list(ListAuditEntriesRequest.newBuilder().setActionPrefix("runplane.v1.AccessRules/"));

        assertThat(actionsAndTargets(all.getEntriesList())).containsExactly(
                "runplane.v1.AccessRules/DeleteAccessRule | id " + id + " | OK",
                "runplane.v1.AccessRules/CreateAccessRule | role Wizard, subject name bob, scope name nlp | INVALID_ARGUMENT",
                "runplane.v1.AccessRules/CreateAccessRule | role L1 researcher, subject name alice, scope name vision | OK");
        assertThat(all.getEntries(1).getMessage()).contains("unknown role \"Wizard\"");
        assertThat(all.getEntriesList()).allSatisfy(e -> assertThat(e.getSubject()).isEqualTo("user root"));
        assertThat(all.getNextPageToken()).isEmpty();

        runplane.restart();

        assertThat(list(ListAuditEntriesRequest.newBuilder().setActionPrefix("runplane.v1.AccessRules/")).getEntriesList())
                .isEqualTo(all.getEntriesList());
    }

    @Test
    void filtersNarrowBySubjectOutcomeTargetAndTime() {
        makeChanges();
        try (AgentClient alice = runplane.clientFor("alice")) {
            catchThrowableOfType(StatusRuntimeException.class, () -> alice.accessRules().createAccessRule(
                    CreateAccessRuleRequest.newBuilder()
                            .setSubject(AccessSubject.newBuilder().setKind(SubjectKind.SUBJECT_KIND_USER).setName("alice"))
                            .setRole(Role.SYSTEM_ADMINISTRATOR.displayName())
                            .setScope(AccessScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_CLUSTER)).build()));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }

        assertThat(list(ListAuditEntriesRequest.newBuilder().setSubject("alice")).getEntriesList())
                .singleElement().satisfies(e -> {
                    assertThat(e.getSubject()).isEqualTo("user alice");
                    assertThat(e.getOutcome()).isEqualTo("PERMISSION_DENIED");
                });
        assertThat(list(ListAuditEntriesRequest.newBuilder().setOutcome("invalid_argument")).getEntriesList())
                .extracting(AuditEntry::getTarget).containsExactly("role Wizard, subject name bob, scope name nlp");
        assertThat(list(ListAuditEntriesRequest.newBuilder().setTargetContains("VISION")).getEntriesList())
                .extracting(AuditEntry::getAction).containsExactly("runplane.v1.AccessRules/CreateAccessRule");
        assertThat(list(ListAuditEntriesRequest.newBuilder().setActionPrefix("runplane.v1.AccessRules/Delete")).getEntriesList())
                .hasSize(1);

        List<AuditEntry> all = list(ListAuditEntriesRequest.newBuilder()).getEntriesList();
        Timestamp newest = all.getFirst().getTime();
        assertThat(list(ListAuditEntriesRequest.newBuilder().setSince(newest)).getEntriesList()).contains(all.getFirst());
        assertThat(list(ListAuditEntriesRequest.newBuilder().setUntil(newest)).getEntriesList()).doesNotContain(all.getFirst());
        assertThat(list(ListAuditEntriesRequest.newBuilder()
                .setSince(Timestamp.newBuilder().setSeconds(newest.getSeconds() + 3600))).getEntriesList()).isEmpty();
    }

    @Test
    void pagesOfOneWalkTheWholeLogInTheSameOrderAsOnePage() {
        makeChanges();
        makeChanges();
        List<AuditEntry> whole = list(ListAuditEntriesRequest.newBuilder().setPageSize(500)).getEntriesList();
        assertThat(whole).hasSizeGreaterThanOrEqualTo(6);

        List<AuditEntry> walked = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListAuditEntriesResponse page = list(ListAuditEntriesRequest.newBuilder().setPageSize(2).setPageToken(token));
            assertThat(page.getEntriesCount()).isLessThanOrEqualTo(2);
            walked.addAll(page.getEntriesList());
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());

        assertThat(walked).isEqualTo(whole);
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aResearcherIsRefusedNamingThePermission() throws Exception {
        runplane.grant("rita", Role.L1_RESEARCHER, ScopeKind.SCOPE_KIND_PROJECT, "vision");
        try (AgentClient rita = runplane.clientFor("rita")) {
            Status status = catchThrowableOfType(StatusRuntimeException.class,
                    () -> rita.audit().listAuditEntries(ListAuditEntriesRequest.getDefaultInstance())).getStatus();

            assertThat(status.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            assertThat(status.getDescription()).contains("rita").contains("view the audit log");
        }
    }

    @Test
    void badPageTokensSizesAndTimeRangesNameTheirField() {
        makeChanges();
        assertThat(violations(ListAuditEntriesRequest.newBuilder().setPageToken("abc"))).containsKey("page_token");
        assertThat(violations(ListAuditEntriesRequest.newBuilder().setPageToken("99999999"))).containsKey("page_token");
        assertThat(violations(ListAuditEntriesRequest.newBuilder().setPageToken("1"))).containsKey("page_token");
        assertThat(violations(ListAuditEntriesRequest.newBuilder().setPageSize(501))).containsKey("page_size");
        assertThat(violations(ListAuditEntriesRequest.newBuilder().setOutcome("FINE"))).containsKey("outcome");
        assertThat(violations(ListAuditEntriesRequest.newBuilder()
                .setSince(Timestamp.newBuilder().setSeconds(2000))
                .setUntil(Timestamp.newBuilder().setSeconds(1000))))
                .containsEntry("until", "must be after since (1970-01-01T00:33:20Z)");
    }

    private java.util.Map<String, String> violations(ListAuditEntriesRequest.Builder request) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> list(request));
        assertThat(e).as("the request should have been refused").isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (com.google.protobuf.Any any : StatusProto.fromThrowable(e).getDetailsList()) {
            try {
                any.unpack(BadRequest.class).getFieldViolationsList().forEach(v -> fields.put(v.getField(), v.getDescription()));
            } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
                throw new AssertionError(ex);
            }
        }
        assertThat(e.getStatus().getDescription()).contains(fields.keySet().iterator().next());
        return fields;
    }
}
