package io.runplane.agent;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.runplane.access.Role;
import io.runplane.agent.auth.LocalIdentity;
import io.runplane.api.v1.AccessRule;
import io.runplane.api.v1.AccessScope;
import io.runplane.api.v1.AccessSubject;
import io.runplane.api.v1.CreateAccessRuleRequest;
import io.runplane.api.v1.DeleteAccessRuleRequest;
import io.runplane.api.v1.ListAccessRulesRequest;
import io.runplane.api.v1.ListWorkloadsRequest;
import io.runplane.api.v1.ScopeKind;
import io.runplane.api.v1.SubjectKind;
import io.runplane.api.v1.SubmitWorkloadRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The AccessRules API over real gRPC: who may change rules where, validation, persistence, and a newcomer's first day. */
class AccessRulesIT {

    @RegisterExtension
    final RunningAgent runplane = RunningAgent.atTimeScale(50).as("root");

    private static StatusRuntimeException refused(Runnable call) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(e).as("the call should have been refused").isNotNull();
        return e;
    }

    private static CreateAccessRuleRequest rule(String user, Role role, ScopeKind kind, String scope) {
        return CreateAccessRuleRequest.newBuilder()
                .setSubject(AccessSubject.newBuilder().setKind(SubjectKind.SUBJECT_KIND_USER).setName(user))
                .setRole(role.displayName())
                .setScope(AccessScope.newBuilder().setKind(kind).setName(scope))
                .build();
    }

    private List<AccessRule> rules() {
        return runplane.client().accessRules().listAccessRules(ListAccessRulesRequest.getDefaultInstance()).getRulesList();
    }

    @Test
    void aNewClusterMakesTheAdministratorsGroupSystemAdministratorAndThatRuleCannotBeRemoved() {
        AccessRule first = rules().getFirst();
        assertThat(rules()).hasSize(1);
        assertThat(first.getSubject().getKind()).isEqualTo(SubjectKind.SUBJECT_KIND_GROUP);
        assertThat(first.getSubject().getName()).isEqualTo(LocalIdentity.ADMINS_GROUP);
        assertThat(first.getRole()).isEqualTo("System administrator");
        assertThat(first.getScope().getKind()).isEqualTo(ScopeKind.SCOPE_KIND_CLUSTER);

        Status last = refused(() -> runplane.client().accessRules()
                .deleteAccessRule(DeleteAccessRuleRequest.newBuilder().setId(first.getId()).build())).getStatus();

        assertThat(last.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(last.getDescription()).contains("last System administrator rule");
        assertThat(rules()).containsExactly(first);
    }

    @Test
    void aNewcomerGetsATokenFromTheCommandLineAndWorksOnceGrantedARole() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = AgentMain.run(List.of("token", "--data", runplane.data().toString(), "--user", "nora", "--group", "ml-team"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(code).isZero();
        try (AgentClient nora = new AgentClient(runplane.agent().port(), out.toString(StandardCharsets.UTF_8).strip())) {
            assertThat(nora.cluster().whoAmI(io.runplane.api.v1.WhoAmIRequest.getDefaultInstance()).getGroupsList())
                    .containsExactly("ml-team");
            assertThat(nora.workloads().list(ListWorkloadsRequest.getDefaultInstance()).getWorkloadsList())
                    .as("no rule names her yet").isEmpty();
            SubmitWorkloadRequest submit = SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("nlp", "first-day", "1h")).build();
            assertThat(refused(() -> nora.workloads().submit(submit)).getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);

            runplane.client().accessRules().createAccessRule(CreateAccessRuleRequest.newBuilder()
                    .setSubject(AccessSubject.newBuilder().setKind(SubjectKind.SUBJECT_KIND_GROUP).setName("ml-team"))
                    .setRole("L1_RESEARCHER")
                    .setScope(AccessScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_PROJECT).setName("nlp"))
                    .build());

            assertThat(nora.workloads().submit(submit).getWorkload().getCreatedBy()).isEqualTo("nora");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onlyAdministratorsOfAScopeChangeItsRules() throws Exception {
        runplane.grant("dan", Role.DEPARTMENT_ADMINISTRATOR, ScopeKind.SCOPE_KIND_DEPARTMENT, "research");
        runplane.grant("rhea", Role.RESEARCH_MANAGER, ScopeKind.SCOPE_KIND_PROJECT, "vision");
        AgentClient dan = runplane.clientFor("dan");
        AgentClient rhea = runplane.clientFor("rhea");

        AccessRule inNlp = dan.accessRules().createAccessRule(rule("rita", Role.L1_RESEARCHER, ScopeKind.SCOPE_KIND_PROJECT, "nlp"));
        assertThat(inNlp.getCreatedBy()).isEqualTo("dan");
        Status otherDepartment = refused(() -> dan.accessRules()
                .createAccessRule(rule("rita", Role.L1_RESEARCHER, ScopeKind.SCOPE_KIND_PROJECT, "serving"))).getStatus();
        assertThat(otherDepartment.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(otherDepartment.getDescription())
                .isEqualTo("user dan may not create access rules in project serving: no access rule grants it");
        assertThat(refused(() -> dan.accessRules().createAccessRule(rule("dan", Role.SYSTEM_ADMINISTRATOR, ScopeKind.SCOPE_KIND_CLUSTER, "")))
                .getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(refused(() -> dan.accessRules()
                .createAccessRule(rule("dan", Role.SYSTEM_ADMINISTRATOR, ScopeKind.SCOPE_KIND_DEPARTMENT, "research")))
                .getStatus().getDescription()).isEqualTo("user dan may not grant System administrator in department research:"
                        + " it grants create departments, which user dan does not hold there");

        assertThat(rhea.accessRules().listAccessRules(ListAccessRulesRequest.getDefaultInstance()).getRulesList())
                .as("a research manager views the rules of its project only")
                .extracting(r -> r.getScope().getName()).containsExactly("vision");
        assertThat(refused(() -> rhea.accessRules().deleteAccessRule(DeleteAccessRuleRequest.newBuilder().setId(inNlp.getId()).build()))
                .getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);

        dan.accessRules().deleteAccessRule(DeleteAccessRuleRequest.newBuilder().setId(inNlp.getId()).build());
        assertThat(rules()).extracting(AccessRule::getId).doesNotContain(inNlp.getId());

        assertThat(Files.readAllLines(runplane.data().resolve(EmbeddedAgent.AUDIT_LOG)))
                .anySatisfy(line -> assertThat(line).contains("\"subject\":\"user dan\"")
                        .contains("runplane.v1.AccessRules/CreateAccessRule")
                        .contains("\"target\":\"role L1 researcher, subject name rita, scope name nlp\"").contains("\"outcome\":\"OK\""))
                .anySatisfy(line -> assertThat(line).contains("runplane.v1.AccessRules/CreateAccessRule")
                        .contains("scope name serving").contains("\"outcome\":\"PERMISSION_DENIED\""))
                .anySatisfy(line -> assertThat(line).contains("runplane.v1.AccessRules/DeleteAccessRule")
                        .contains("\"target\":\"id " + inNlp.getId() + "\"").contains("\"outcome\":\"OK\""));
    }

    @Test
    void aBadRuleNamesEveryFieldAtFaultAndStoresNothing() throws Exception {
        StatusRuntimeException empty = refused(() -> runplane.client().accessRules()
                .createAccessRule(CreateAccessRuleRequest.getDefaultInstance()));
        assertThat(empty.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(fields(empty)).containsExactly("subject.kind", "role", "scope.kind");

        StatusRuntimeException unknown = refused(() -> runplane.client().accessRules().createAccessRule(CreateAccessRuleRequest.newBuilder()
                .setSubject(AccessSubject.newBuilder().setKind(SubjectKind.SUBJECT_KIND_USER).setName(" "))
                .setRole("Wizard")
                .setScope(AccessScope.newBuilder().setKind(ScopeKind.SCOPE_KIND_PROJECT).setName("atlantis")).build()));
        assertThat(fields(unknown)).containsExactly("subject.name", "role", "scope.name");
        assertThat(unknown.getStatus().getDescription()).contains("unknown role \"Wizard\"").contains("unknown project \"atlantis\"");

        assertThat(refused(() -> runplane.client().accessRules().deleteAccessRule(DeleteAccessRuleRequest.newBuilder().setId("nope").build()))
                .getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(rules()).hasSize(1);
    }

    @Test
    void rulesSurviveARestart() throws Exception {
        AccessRule created = runplane.grant("rita", Role.VIEWER, ScopeKind.SCOPE_KIND_DEPARTMENT, "product");
        runplane.restart();

        assertThat(rules()).contains(created);
        AgentClient rita = runplane.clientFor("rita");
        assertThat(rita.workloads().list(ListWorkloadsRequest.getDefaultInstance()).getWorkloadsList())
                .isNotEmpty().allSatisfy(w -> assertThat(w.getSpec().getProject()).isEqualTo("serving"));
    }

    private static List<String> fields(StatusRuntimeException e) throws Exception {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).isNotNull();
        return status.getDetails(0).unpack(BadRequest.class).getFieldViolationsList().stream()
                .map(BadRequest.FieldViolation::getField).toList();
    }
}
