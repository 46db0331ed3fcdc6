package io.runplane.console.submit;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.DistributedFramework;
import io.runplane.api.v1.Policy;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadType;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.app.UiThread;
import io.runplane.console.client.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The form under the effective policy of its project and type, resolved by the policy engine from manifests. */
class SubmitPolicyViewModelTest {

    private static final String RESEARCH = """
            apiVersion: runplane.io/v1alpha1
            kind: TrainingPolicy
            metadata:
              name: research-defaults
              namespace: runplane-system
              labels:
                runplane.io/department: research
            spec:
              defaults:
                compute:
                  gpuDevicesRequest: 2
                  cpuMemoryRequest: 8G
              rules:
                compute:
                  gpuDevicesRequest:
                    max: 4
                  cpuMemoryRequest:
                    max: 20G
                imagePullPolicy:
                  canEdit: false
              imposedAssets:
                - env-pytorch
            """;

    private static final String TEAM_A = """
            apiVersion: runplane.io/v1alpha1
            kind: TrainingPolicy
            metadata:
              name: team-a-images
              namespace: runplane-team-a
            spec:
              defaults:
                image: registry.example.com/pytorch:2.4
                imagePullPolicy: IfNotPresent
              rules:
                image:
                  canEdit: false
                training:
                  parallelism:
                    required: true
                    min: 1
                    max: 8
                    step: 1
            """;

    private final FakeRunplaneClient client = new FakeRunplaneClient();
    private final UiThread ui = UiThread.callingThread();
    private final Background background = Background.inline(ui);
    private final Notifications notifications = new Notifications(ui);
    private final SubmitViewModel form = new SubmitViewModel(client, background, notifications);
    private final List<Workload> submitted = new ArrayList<>();

    @BeforeEach
    void load() {
        client.departments = Map.of("team-a", "research");
        client.policies = List.of(policy("research-defaults", RESEARCH), policy("team-a-images", TEAM_A));
        form.loadProjects();
    }

    @AfterEach
    void close() {
        background.close();
    }

    private static Policy policy(String name, String manifest) {
        return Policy.newBuilder().setName(name).setWorkloadType(WorkloadType.WORKLOAD_TYPE_TRAINING).setManifest(manifest).build();
    }

    @Test
    void prefillsTheDefaultsAndSaysWhichScopeGaveThem() {
        assertThat(client.calls).contains("effectivePolicy WORKLOAD_TYPE_TRAINING team-a", "listPolicies WORKLOAD_TYPE_TRAINING");
        assertThat(form.gpusProperty().get()).isEqualTo("2");
        assertThat(form.memoryProperty().get()).isEqualTo("8G");
        FieldPolicy gpus = form.policyProperty(FormField.GPUS).get();
        assertThat(gpus.hint()).isEqualTo("default from department research · at most 4");
        assertThat(gpus.max()).hasValue(4);
        assertThat(form.policyStatusProperty().get())
                .isEqualTo("Policies in force: project team-a (team-a-images), department research (research-defaults)");
    }

    @Test
    void aLockedFieldTakesItsDefaultAndNamesThePolicyThatLocksIt() {
        form.imageProperty().set("someone/else:latest");
        form.projectProperty().set("team-b");
        form.projectProperty().set("team-a");

        FieldPolicy image = form.policyProperty(FormField.IMAGE).get();
        assertThat(image.locked()).isTrue();
        assertThat(image.lockText()).isEqualTo(
                "Locked by the policy of project team-a (team-a-images): it must stay registry.example.com/pytorch:2.4");
        assertThat(form.imageProperty().get()).isEqualTo("registry.example.com/pytorch:2.4");
        assertThat(form.policyProperty(FormField.PARALLELISM).get().required()).isTrue();
        assertThat(form.policyProperty(FormField.PARALLELISM).get().hint()).isEqualTo("1 to 8, step 1");
    }

    @Test
    void aValueOverTheMaximumIsReportedAsTypedAndBlocksTheSubmission() {
        form.nameProperty().set("resnet");
        form.parallelismProperty().set("2");
        form.gpusProperty().set("8");
        assertThat(form.errorProperty(FormField.GPUS).get()).isEqualTo("must be no greater than 4");
        assertThat(form.policyViolatedProperty().get()).isTrue();

        form.submit(submitted::add);
        assertThat(client.calls).noneMatch(c -> c.startsWith("submit"));

        form.gpusProperty().set("4");
        assertThat(form.errorProperty(FormField.GPUS).get()).isEmpty();
        assertThat(form.policyViolatedProperty().get()).isFalse();
        form.submit(submitted::add);
        assertThat(submitted).hasSize(1);
        assertThat(submitted.getFirst().getSpec().getCompute().getGpuDevices()).isEqualTo(4);
        assertThat(submitted.getFirst().getSpec().getImage()).isEqualTo("registry.example.com/pytorch:2.4");
    }

    @Test
    void aRequiredFieldLeftEmptyIsReportedOnItsField() {
        assertThat(form.errorProperty(FormField.PARALLELISM).get()).isEqualTo("is required");
        form.parallelismProperty().set("2");
        assertThat(form.errorProperty(FormField.PARALLELISM).get()).isEmpty();
    }

    @Test
    void memoryIsCheckedAgainstTheQuantityBound() {
        form.memoryProperty().set("24");
        assertThat(form.errorProperty(FormField.MEMORY).get()).isEqualTo("must be no greater than 20G");
        form.memoryProperty().set("16Gi");
        assertThat(form.errorProperty(FormField.MEMORY).get()).isEmpty();
    }

    @Test
    void theImposedAssetsAreListed() {
        assertThat(form.imposedAssets()).containsExactly("env-pytorch");
        form.projectProperty().set("team-b");
        assertThat(form.imposedAssets()).isEmpty();
    }

    @Test
    void switchingProjectOrTypeFetchesAgainAndDropsWhatTheOldPolicyFilledIn() {
        form.projectProperty().set("team-b");
        assertThat(client.calls).contains("effectivePolicy WORKLOAD_TYPE_TRAINING team-b");
        assertThat(form.gpusProperty().get()).isEqualTo("1");
        assertThat(form.memoryProperty().get()).isEmpty();
        assertThat(form.policyProperty(FormField.IMAGE).get().locked()).isFalse();
        assertThat(form.policyStatusProperty().get()).isEqualTo("No policy constrains training workloads in project team-b");

        form.projectProperty().set("team-a");
        form.typeProperty().set(WorkloadType.WORKLOAD_TYPE_INTERACTIVE);
        assertThat(client.calls).contains("effectivePolicy WORKLOAD_TYPE_INTERACTIVE team-a");
        assertThat(form.policyProperty(FormField.GPUS).get()).isEqualTo(FieldPolicy.FREE);
    }

    @Test
    void whatTheUserTypedSurvivesANewPolicy() {
        form.gpusProperty().set("3");
        form.projectProperty().set("team-b");
        form.projectProperty().set("team-a");
        assertThat(form.gpusProperty().get()).isEqualTo("3");
    }

    @Test
    void aFailedFetchIsANotificationAndLeavesTheFormUsable() {
        client.failNext = new ServiceException("UNAVAILABLE", "The cluster is not reachable");
        form.projectProperty().set("team-b");

        assertThat(notifications.notices()).anySatisfy(n -> {
            assertThat(n.level()).isEqualTo(Notifications.Level.ERROR);
            assertThat(n.title()).isEqualTo("Could not load the policy of project team-b");
            assertThat(n.message()).isEqualTo("The cluster is not reachable");
        });
        assertThat(form.policyViolatedProperty().get()).isFalse();
        form.nameProperty().set("still-works");
        form.imageProperty().set("pytorch/pytorch:2.4");
        form.submit(submitted::add);
        assertThat(submitted).hasSize(1);
    }

    @Test
    void theServersPolicyViolationsLandOnTheirFields() {
        client.onSubmit = spec -> {
            throw FakeRunplaneClient.invalid("compute.gpuDevicesRequest: must be no greater than 2",
                    "compute.gpuDevicesRequest", "must be no greater than 2");
        };
        form.nameProperty().set("resnet");
        form.parallelismProperty().set("1");
        form.submit(submitted::add);
        assertThat(form.errorProperty(FormField.GPUS).get()).isEqualTo("must be no greater than 2");
        assertThat(submitted).isEmpty();
    }

    @Test
    void optionsComeWithTheirDisplayedTextAndOthersAreRefused() {
        client.policies = List.of(Policy.newBuilder().setName("team-a-frameworks")
                .setWorkloadType(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED).setManifest("""
                        apiVersion: runplane.io/v1alpha1
                        kind: DistributedPolicy
                        metadata:
                          name: team-a-frameworks
                          namespace: runplane-team-a
                        spec:
                          defaults:
                            distributed:
                              framework: mpi
                          rules:
                            distributed:
                              framework:
                                options:
                                  - value: pytorch
                                    displayed: PyTorch (recommended)
                                  - value: mpi
                                    displayed: MPI / Horovod
                        """).build());
        form.typeProperty().set(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED);

        assertThat(form.frameworkProperty().get()).isEqualTo(DistributedFramework.DISTRIBUTED_FRAMEWORK_MPI);
        assertThat(form.frameworkOptions()).extracting(FieldPolicy::display)
                .containsExactly("PyTorch (recommended)", "MPI / Horovod");
        assertThat(form.errorProperty(FormField.FRAMEWORK).get()).isEmpty();

        form.frameworkProperty().set(DistributedFramework.DISTRIBUTED_FRAMEWORK_TENSORFLOW);
        assertThat(form.errorProperty(FormField.FRAMEWORK).get()).isNotEmpty();
        assertThat(form.policyViolatedProperty().get()).isTrue();
    }

    @Test
    void violationsOfFieldsTheFormDoesNotShowAreListed() {
        client.policies = List.of(policy("team-a-images", TEAM_A.replace("  rules:\n", "  rules:\n    command:\n      required: true\n")));
        form.projectProperty().set("team-b");
        form.projectProperty().set("team-a");
        form.parallelismProperty().set("1");
        assertThat(form.policyViolatedProperty().get()).isTrue();
        assertThat(form.errorProperty(FormField.COMMAND).get()).isEmpty();
        assertThat(form.otherViolationsProperty().get()).isEqualTo("command: is required");

        form.commandProperty().set("python train.py");
        assertThat(form.otherViolationsProperty().get()).isEmpty();
        assertThat(form.policyViolatedProperty().get()).isFalse();
    }
}
