package io.runplane.agent.policies;

import com.google.rpc.BadRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.runplane.agent.AgentOptions;
import io.runplane.agent.EmbeddedAgent;
import io.runplane.agent.auth.LocalIdentity;
import io.runplane.agent.auth.TokenIssuer;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.EnvVar;
import io.runplane.api.v1.GetEffectivePolicyRequest;
import io.runplane.api.v1.ListPoliciesRequest;
import io.runplane.api.v1.ListWorkloadsRequest;
import io.runplane.api.v1.PoliciesGrpc;
import io.runplane.api.v1.Policy;
import io.runplane.api.v1.PolicyRef;
import io.runplane.api.v1.PolicyScope;
import io.runplane.api.v1.PutPolicyRequest;
import io.runplane.api.v1.ResolvedField;
import io.runplane.api.v1.ResolvedPolicy;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.ValidateWorkloadRequest;
import io.runplane.api.v1.ValidateWorkloadResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;
import io.runplane.api.v1.WorkloadsGrpc;
import io.runplane.manifest.PolicyManifests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * The Policies service and policy enforcement over a real socket, on the default cluster
 * (departments research {vision, nlp} and product {serving}). Each test uses its own workload type
 * or projects, so the shared agent's policies do not interfere.
 */
class PoliciesIT {

    /** Cluster: pull policy locked to IfNotPresent, WANDB variable locked, 40G memory limit by default. */
    static final String CLUSTER_TRAINING = """
            apiVersion: runplane.io/v1alpha1
            kind: TrainingPolicy
            metadata:
              name: cluster-defaults
              namespace: runplane-system
            spec:
              defaults:
                imagePullPolicy: IfNotPresent
                environmentVariables:
                  instances:
                    - name: WANDB_BASE_URL
                      value: https://wandb.example.com
                compute:
                  cpuMemoryLimit: 40G
              rules:
                imagePullPolicy:
                  canEdit: false
                environmentVariables:
                  instances:
                    locked:
                      - WANDB_BASE_URL
            """;

    /** Department research: at most 4 GPUs, at least 1 GB of memory. */
    static final String RESEARCH_TRAINING = """
            apiVersion: runplane.io/v1alpha1
            kind: TrainingPolicy
            metadata:
              name: research-limits
              namespace: runplane-system
              labels:
                runplane.io/department: research
            spec:
              rules:
                compute:
                  gpuDevicesRequest:
                    max: 4
                  cpuMemoryRequest:
                    min: 1G
            """;

    /** Project vision: one GPU and node pool a100 by default, the memory limit lowered to 20G. */
    static final String VISION_TRAINING = """
            apiVersion: runplane.io/v1alpha1
            kind: TrainingPolicy
            metadata:
              name: vision-defaults
              namespace: runplane-vision
            spec:
              defaults:
                nodePools:
                  - a100
                compute:
                  gpuDevicesRequest: 1
                  cpuMemoryLimit: 20G
            """;

    @TempDir
    static Path data;
    static EmbeddedAgent agent;
    static ManagedChannel channel;

    @BeforeAll
    static void start() {
        agent = EmbeddedAgent.start(data, 0, AgentOptions.timeScale(50).withLocalUser("admin"));
        channel = channel(agent);
        for (String manifest : List.of(CLUSTER_TRAINING, RESEARCH_TRAINING, VISION_TRAINING)) {
            policies(channel).putPolicy(PutPolicyRequest.newBuilder().setManifest(manifest).build());
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        agent.close();
    }

    @Test
    void putsGetsListsReplacesAndDeletesAPolicyAsCanonicalYaml() throws Exception {
        String text = """
                apiVersion: runplane.io/v1alpha1
                kind: InferencePolicy
                metadata: {name: serving-replicas, namespace: runplane-serving}
                spec:
                  defaults: {inference: {minReplicas: 2}}
                  rules: {inference: {maxReplicas: {max: 8}}}
                """;
        String canonical = PolicyManifests.write(PolicyManifests.read("t", text).getFirst());

        Policy put = policies(channel).putPolicy(PutPolicyRequest.newBuilder().setManifest(text).build());
        PolicyRef ref = ref(WorkloadType.WORKLOAD_TYPE_INFERENCE, PolicyScope.Level.LEVEL_PROJECT, "serving");
        Policy got = policies(channel).getPolicy(ref);

        assertThat(got).isEqualTo(put);
        assertThat(got.getName()).isEqualTo("serving-replicas");
        assertThat(got.getKind()).isEqualTo("InferencePolicy");
        assertThat(got.getScope()).isEqualTo(scope(PolicyScope.Level.LEVEL_PROJECT, "serving"));
        assertThat(got.getManifest()).isEqualTo(canonical);
        assertThat(PolicyManifests.read("again", got.getManifest())).isEqualTo(PolicyManifests.read("t", text));
        assertThat(got.getCreatedBy()).isEqualTo("admin");
        assertThat(got.getUpdatedBy()).isEqualTo("admin");
        assertThat(policies(channel).listPolicies(ListPoliciesRequest.newBuilder()
                .setWorkloadType(WorkloadType.WORKLOAD_TYPE_INFERENCE).build()).getPoliciesList()).containsExactly(got);
        assertThat(policies(channel).listPolicies(ListPoliciesRequest.getDefaultInstance()).getPoliciesList())
                .extracting(Policy::getName).contains("cluster-defaults", "research-limits", "vision-defaults", "serving-replicas");

        // Replacing the same policy (same kind, scope and name) keeps its creation, records the update.
        ManagedChannel bob = channel(agent, "bob");
        Policy replaced = policies(bob).putPolicy(PutPolicyRequest.newBuilder()
                .setManifest(canonical.replace("minReplicas: 2", "minReplicas: 3")).build());
        bob.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        assertThat(replaced.getManifest()).contains("minReplicas: 3");
        assertThat(replaced.getCreatedAt()).isEqualTo(got.getCreatedAt());
        assertThat(replaced.getCreatedBy()).isEqualTo("admin");
        assertThat(replaced.getUpdatedBy()).isEqualTo("bob");
        assertThat(policies(channel).getPolicy(ref)).isEqualTo(replaced);

        // A second policy of the same type at the same scope is a conflict naming both.
        StatusRuntimeException second = refused(() -> policies(channel).putPolicy(PutPolicyRequest.newBuilder()
                .setManifest(canonical.replace("serving-replicas", "other-name")).build()));
        assertThat(second.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(second.getStatus().getDescription()).contains("project serving (serving-replicas)", "project serving (other-name)");

        policies(channel).deletePolicy(ref);
        assertThat(refused(() -> policies(channel).getPolicy(ref)).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(refused(() -> policies(channel).deletePolicy(ref)).getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        try (Stream<Path> files = Files.list(data.resolve("policies"))) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("inference.project.serving.json");
        }
    }

    @Test
    void theEffectivePolicyNamesTheScopeEachDefaultAndRuleCameFrom() {
        ResolvedPolicy vision = policies(channel).getEffectivePolicy(GetEffectivePolicyRequest.newBuilder()
                .setWorkloadType(WorkloadType.WORKLOAD_TYPE_TRAINING).setProject("vision").build());

        assertThat(vision.getDepartment()).isEqualTo("research");
        Map<String, ResolvedField> fields = vision.getFieldsList().stream()
                .collect(Collectors.toMap(ResolvedField::getPath, f -> f));
        assertThat(fields).containsOnlyKeys("imagePullPolicy", "nodePools", "environmentVariables",
                "compute.gpuDevicesRequest", "compute.cpuMemoryRequest", "compute.cpuMemoryLimit");
        ResolvedField pull = fields.get("imagePullPolicy");
        assertThat(pull.getDefaultValue()).isEqualTo("IfNotPresent");
        assertThat(pull.getRule()).isEqualTo("canEdit: false");
        assertThat(pull.getEditable()).isFalse();
        assertThat(pull.getDefaultSource().getDisplay()).isEqualTo("cluster (cluster-defaults)");
        assertThat(pull.getRuleSource().getScope().getLevel()).isEqualTo(PolicyScope.Level.LEVEL_CLUSTER);
        ResolvedField gpus = fields.get("compute.gpuDevicesRequest");
        assertThat(gpus.getDefaultValue()).isEqualTo("1");
        assertThat(gpus.getDefaultSource().getScope()).isEqualTo(scope(PolicyScope.Level.LEVEL_PROJECT, "vision"));
        assertThat(gpus.getRule()).isEqualTo("max: 4");
        assertThat(gpus.getRuleSource().getScope()).isEqualTo(scope(PolicyScope.Level.LEVEL_DEPARTMENT, "research"));
        assertThat(gpus.getRuleSource().getPolicyName()).isEqualTo("research-limits");
        ResolvedField memoryLimit = fields.get("compute.cpuMemoryLimit");
        assertThat(memoryLimit.getDefaultValue()).isEqualTo("20G");
        assertThat(memoryLimit.getDefaultSource().getDisplay()).isEqualTo("project vision (vision-defaults)");
        assertThat(memoryLimit.getHasRule()).isFalse();

        // Another department's branch has neither research's rules nor vision's defaults.
        ResolvedPolicy serving = policies(channel).getEffectivePolicy(GetEffectivePolicyRequest.newBuilder()
                .setWorkloadType(WorkloadType.WORKLOAD_TYPE_TRAINING).setProject("serving").build());
        assertThat(serving.getDepartment()).isEqualTo("product");
        assertThat(serving.getFieldsList()).extracting(ResolvedField::getPath)
                .containsExactly("imagePullPolicy", "environmentVariables", "compute.cpuMemoryLimit");
        assertThat(serving.getFieldsList()).allSatisfy(f -> assertThat(f.getDefaultSource().getScope().getLevel())
                .isEqualTo(PolicyScope.Level.LEVEL_CLUSTER));

        // A department alone, and the cluster alone.
        ResolvedPolicy research = policies(channel).getEffectivePolicy(GetEffectivePolicyRequest.newBuilder()
                .setWorkloadType(WorkloadType.WORKLOAD_TYPE_TRAINING).setDepartment("research").build());
        assertThat(research.getFieldsList()).extracting(ResolvedField::getPath).containsExactly(
                "imagePullPolicy", "environmentVariables", "compute.gpuDevicesRequest", "compute.cpuMemoryRequest", "compute.cpuMemoryLimit");
        assertThat(policies(channel).getEffectivePolicy(GetEffectivePolicyRequest.newBuilder()
                .setWorkloadType(WorkloadType.WORKLOAD_TYPE_TRAINING).build()).getFieldsList()).extracting(ResolvedField::getPath)
                .containsExactly("imagePullPolicy", "environmentVariables", "compute.cpuMemoryLimit");

        assertThat(refused(() -> policies(channel).getEffectivePolicy(GetEffectivePolicyRequest.newBuilder()
                .setWorkloadType(WorkloadType.WORKLOAD_TYPE_TRAINING).setProject("nope").build())).getStatus().getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(refused(() -> policies(channel).getEffectivePolicy(GetEffectivePolicyRequest.newBuilder()
                .setWorkloadType(WorkloadType.WORKLOAD_TYPE_TRAINING).setDepartment("nope").build())).getStatus().getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void aWorkloadBreakingTheRulesIsRefusedWithEveryViolationAndNotStored() throws Exception {
        WorkloadSpec spec = training("vision", "too-big")
                .setImagePullPolicy("Always")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(8).setMemoryMib(512))
                .addEnvironment(EnvVar.newBuilder().setName("WANDB_BASE_URL").setValue("https://elsewhere.example.com"))
                .build();

        for (boolean dryRun : List.of(true, false)) {
            StatusRuntimeException e = refused(() -> workloads(channel).submit(
                    SubmitWorkloadRequest.newBuilder().setSpec(spec).setDryRun(dryRun).build()));
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(violations(e)).containsExactly(
                    entry("imagePullPolicy", "cannot be changed from the default IfNotPresent"),
                    entry("environmentVariables[WANDB_BASE_URL]", "is locked to WANDB_BASE_URL=https://wandb.example.com"),
                    entry("compute.gpuDevicesRequest", "must be no greater than 4"),
                    entry("compute.cpuMemoryRequest", "must be no less than 1G"));
        }
        assertThat(workloads(channel).list(ListWorkloadsRequest.newBuilder().setProject("vision").build()).getWorkloadsList())
                .extracting(w -> w.getSpec().getName()).doesNotContain("too-big");
        assertThat(refused(() -> workloads(channel).get(WorkloadRef.newBuilder().setProject("vision").setName("too-big").build()))
                .getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);

        // ValidateWorkload answers the same violations without refusing the call.
        ValidateWorkloadResponse validated = policies(channel).validateWorkload(ValidateWorkloadRequest.newBuilder().setSpec(spec).build());
        assertThat(validated.getAccepted()).isFalse();
        assertThat(validated.getViolationsList()).extracting(v -> v.getField() + ": " + v.getDescription())
                .contains("compute.gpuDevicesRequest: must be no greater than 4", "imagePullPolicy: cannot be changed from the default IfNotPresent");
    }

    @Test
    void anAcceptedWorkloadIsStoredWithThePolicyDefaults() {
        WorkloadSpec spec = training("vision", "with-defaults")
                .setCompute(ComputeRequest.newBuilder().setCpuMillis(2000).setMemoryMib(8192))
                .build();

        Workload submitted = workloads(channel).submit(SubmitWorkloadRequest.newBuilder().setSpec(spec).build()).getWorkload();
        Workload got = workloads(channel).get(WorkloadRef.newBuilder().setProject("vision").setName("with-defaults").build());

        for (WorkloadSpec stored : List.of(submitted.getSpec(), got.getSpec())) {
            assertThat(stored.getImagePullPolicy()).isEqualTo("IfNotPresent");
            assertThat(stored.getNodePoolsList()).containsExactly("a100");
            assertThat(stored.getCompute().getGpuDevices()).isEqualTo(1);
            assertThat(stored.getCompute().getMemoryLimitMib()).isEqualTo(19074);  // 20G from the project, not 40G
            assertThat(stored.getCompute().getMemoryMib()).isEqualTo(8192);        // submitted values are kept
            assertThat(stored.getEnvironmentList()).extracting(EnvVar::getName, EnvVar::getValue)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("WANDB_BASE_URL", "https://wandb.example.com"));
        }

        // ValidateWorkload answers the same defaulted spec.
        ValidateWorkloadResponse validated = policies(channel).validateWorkload(ValidateWorkloadRequest.newBuilder()
                .setSpec(spec.toBuilder().setName("validated")).build());
        assertThat(validated.getAccepted()).isTrue();
        assertThat(validated.getViolationsList()).isEmpty();
        assertThat(validated.getSpec().getCompute()).isEqualTo(got.getSpec().getCompute());
        assertThat(refused(() -> policies(channel).validateWorkload(ValidateWorkloadRequest.newBuilder()
                .setSpec(spec.toBuilder().setProject("nope")).build())).getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);

        // A dry run answers the same defaulted spec and stores nothing.
        Workload dry = workloads(channel).submit(SubmitWorkloadRequest.newBuilder()
                .setSpec(spec.toBuilder().setName("dry-defaults")).setDryRun(true).build()).getWorkload();
        assertThat(dry.getSpec().getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(dry.getSpec().getCompute().getGpuDevices()).isEqualTo(1);
        assertThat(refused(() -> workloads(channel).get(WorkloadRef.newBuilder().setProject("vision").setName("dry-defaults").build()))
                .getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void aLockedFieldSubmittedWithAnotherValueIsRefused() throws Exception {
        WorkloadSpec spec = training("serving", "pulls-always").setImagePullPolicy("Always").build();

        StatusRuntimeException e = refused(() -> workloads(channel).submit(SubmitWorkloadRequest.newBuilder().setSpec(spec).build()));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violations(e)).containsExactly(entry("imagePullPolicy", "cannot be changed from the default IfNotPresent"));
        // The same value as the locked default is fine.
        Workload same = workloads(channel).submit(SubmitWorkloadRequest.newBuilder()
                .setSpec(spec.toBuilder().setName("pulls-if-not-present").setImagePullPolicy("IfNotPresent")).build()).getWorkload();
        assertThat(same.getSpec().getImagePullPolicy()).isEqualTo("IfNotPresent");
    }

    @Test
    void aPolicyThatConflictsOnItsBranchIsRefusedNamingBothAndNotStored() throws Exception {
        String nlp = """
                apiVersion: runplane.io/v1alpha1
                kind: TrainingPolicy
                metadata: {name: nlp-gpus, namespace: runplane-nlp}
                spec:
                  rules: {compute: {gpuDevicesRequest: {max: 2}}}
                """;

        StatusRuntimeException e = refused(() -> policies(channel).putPolicy(PutPolicyRequest.newBuilder().setManifest(nlp).build()));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(e.getStatus().getDescription()).contains("department research (research-limits)", "project nlp (nlp-gpus)");
        assertThat(violations(e)).containsKey("compute.gpuDevicesRequest");
        assertNotStored(WorkloadType.WORKLOAD_TYPE_TRAINING, PolicyScope.Level.LEVEL_PROJECT, "nlp");

        // The same rule in the other department's project does not conflict.
        policies(channel).putPolicy(PutPolicyRequest.newBuilder()
                .setManifest(nlp.replace("runplane-nlp", "runplane-serving").replace("nlp-gpus", "serving-gpus")).setDryRun(true).build());
        assertNotStored(WorkloadType.WORKLOAD_TYPE_TRAINING, PolicyScope.Level.LEVEL_PROJECT, "serving");
    }

    @Test
    void unreadableManifestsAndUnknownScopesAreRefusedWithTheirLineOrField() throws Exception {
        String badValue = """
                apiVersion: runplane.io/v1alpha1
                kind: InteractivePolicy
                metadata: {name: bad, namespace: runplane-vision}
                spec:
                  rules:
                    compute:
                      gpuDevicesRequest:
                        max: four
                """;
        StatusRuntimeException e = refused(() -> policies(channel).putPolicy(PutPolicyRequest.newBuilder().setManifest(badValue).build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).startsWith("the policy manifest cannot be read: manifest:8:");
        assertThat(violations(e)).containsOnlyKeys("spec.rules.compute.gpuDevicesRequest.max");
        assertThat(violations(e).get("spec.rules.compute.gpuDevicesRequest.max")).startsWith("line 8, column ");

        String badSyntax = "apiVersion: runplane.io/v1alpha1\nkind: InteractivePolicy\nmetadata: {name: [unclosed\n";
        e = refused(() -> policies(channel).putPolicy(PutPolicyRequest.newBuilder().setManifest(badSyntax).build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(e.getStatus().getDescription()).containsPattern("manifest:\\d+");
        assertThat(violations(e)).hasSize(1).allSatisfy((field, description) -> assertThat(description).startsWith("line "));

        String unknownProject = badValue.replace("runplane-vision", "runplane-atlantis").replace("four", "4");
        e = refused(() -> policies(channel).putPolicy(PutPolicyRequest.newBuilder().setManifest(unknownProject).build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violations(e)).containsExactly(entry("metadata.namespace", "unknown project \"atlantis\" (namespace runplane-atlantis)"));

        String unknownDepartment = """
                apiVersion: runplane.io/v1alpha1
                kind: InteractivePolicy
                metadata: {name: ghost, namespace: runplane-system, labels: {runplane.io/department: ghost}}
                """;
        e = refused(() -> policies(channel).putPolicy(PutPolicyRequest.newBuilder().setManifest(unknownDepartment).build()));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violations(e)).containsOnlyKeys("metadata.labels.runplane.io/department");

        assertThat(policies(channel).listPolicies(ListPoliciesRequest.newBuilder()
                .setWorkloadType(WorkloadType.WORKLOAD_TYPE_INTERACTIVE).build()).getPoliciesList()).isEmpty();
        try (Stream<Path> files = Files.list(data.resolve("policies"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("interactive."));
        }
    }

    @Test
    void policiesSurviveARestartAndAreStillEnforced(@TempDir Path dir) throws Exception {
        String distributed = """
                apiVersion: runplane.io/v1alpha1
                kind: DistributedPolicy
                metadata: {name: workers, namespace: runplane-system}
                spec:
                  defaults: {distributed: {framework: pytorch}}
                  rules: {distributed: {workers: {max: 2}}}
                """;
        Policy before;
        try (EmbeddedAgent first = EmbeddedAgent.start(dir, 0, AgentOptions.timeScale(50).withLocalUser("admin"))) {
            ManagedChannel ch = channel(first);
            before = policies(ch).putPolicy(PutPolicyRequest.newBuilder().setManifest(distributed).build());
            ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        try (EmbeddedAgent second = EmbeddedAgent.start(dir, 0, AgentOptions.timeScale(50).withLocalUser("admin"))) {
            ManagedChannel ch = channel(second);
            assertThat(policies(ch).getPolicy(ref(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED, PolicyScope.Level.LEVEL_CLUSTER, "")))
                    .isEqualTo(before);
            WorkloadSpec spec = training("nlp", "ddp").setType(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED)
                    .setDistributed(io.runplane.api.v1.DistributedOptions.newBuilder().setWorkers(3)).build();
            StatusRuntimeException e = refused(() -> workloads(ch).submit(SubmitWorkloadRequest.newBuilder().setSpec(spec).build()));
            assertThat(violations(e)).containsExactly(entry("distributed.workers", "must be no greater than 2"));
            ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    static WorkloadSpec.Builder training(String project, String name) {
        return WorkloadSpec.newBuilder()
                .setProject(project)
                .setName(name)
                .setType(WorkloadType.WORKLOAD_TYPE_TRAINING)
                .setImage("nvcr.io/nvidia/pytorch:24.08-py3")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1).setCpuMillis(2000).setMemoryMib(8192))
                .putAnnotations("runplane.io/simulated-duration", "1h");
    }

    static void assertNotStored(WorkloadType type, PolicyScope.Level level, String name) {
        assertThat(refused(() -> policies(channel).getPolicy(ref(type, level, name))).getStatus().getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    static Map<String, String> violations(StatusRuntimeException e) throws Exception {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).as("rich status of " + e).isNotNull();
        BadRequest bad = status.getDetails(0).unpack(BadRequest.class);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        bad.getFieldViolationsList().forEach(v -> out.put(v.getField(), v.getDescription()));
        return out;
    }

    static StatusRuntimeException refused(Runnable call) {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
        assertThat(e).as("the call should have been refused").isNotNull();
        return e;
    }

    static PolicyRef ref(WorkloadType type, PolicyScope.Level level, String name) {
        return PolicyRef.newBuilder().setWorkloadType(type).setScope(scope(level, name)).build();
    }

    static PolicyScope scope(PolicyScope.Level level, String name) {
        return PolicyScope.newBuilder().setLevel(level).setName(name).build();
    }

    /** A channel signed in as the agent's local user, a System administrator. */
    static ManagedChannel channel(EmbeddedAgent agent) {
        return channel(agent.port(), agent.localToken());
    }

    /** A channel signed in as {@code user}, another System administrator (a member of the administrators' group). */
    static ManagedChannel channel(EmbeddedAgent agent, String user) throws Exception {
        return channel(agent.port(), TokenIssuer.issueToUser(agent.dataDir().resolve(LocalIdentity.IDENTITY_FILE), user,
                List.of(LocalIdentity.ADMINS_GROUP)));
    }

    private static ManagedChannel channel(int port, String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .intercept(MetadataUtils.newAttachHeadersInterceptor(headers)).build();
    }

    static PoliciesGrpc.PoliciesBlockingStub policies(ManagedChannel ch) {
        return PoliciesGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    static WorkloadsGrpc.WorkloadsBlockingStub workloads(ManagedChannel ch) {
        return WorkloadsGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS);
    }
}
