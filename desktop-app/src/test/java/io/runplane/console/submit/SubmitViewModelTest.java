package io.runplane.console.submit;

import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.DistributedFramework;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.app.UiThread;
import io.runplane.console.client.ServiceException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubmitViewModelTest {

    private final FakeRunplaneClient client = new FakeRunplaneClient();
    private final UiThread ui = UiThread.callingThread();
    private final Background background = Background.inline(ui);
    private final SubmitViewModel form = new SubmitViewModel(client, background, new Notifications(ui));
    private final List<Workload> submitted = new ArrayList<>();

    @BeforeEach
    void load() {
        form.loadProjects();
    }

    @AfterEach
    void close() {
        background.close();
    }

    @Test
    void loadsTheProjectsAndPicksTheFirst() {
        assertThat(form.projects()).containsExactly("team-a", "team-b");
        assertThat(form.projectProperty().get()).isEqualTo("team-a");
    }

    @Test
    void showsAMessageOnEachBadFieldAndDoesNotSubmit() {
        form.nameProperty().set("Bad_Name");
        form.imageProperty().set("");
        form.gpusProperty().set("two");
        form.submit(submitted::add);
        assertThat(form.errorProperty(FormField.NAME).get()).contains("Lower-case letters");
        assertThat(form.errorProperty(FormField.IMAGE).get()).isEqualTo("Enter a container image");
        assertThat(form.errorProperty(FormField.GPUS).get()).isEqualTo("Enter a whole number");
        assertThat(client.calls).noneMatch(c -> c.startsWith("submit"));
        assertThat(submitted).isEmpty();

        form.nameProperty().set("good-name");
        assertThat(form.errorProperty(FormField.NAME).get()).isEmpty();
        assertThat(form.errorProperty(FormField.IMAGE).get()).isNotEmpty();
    }

    @Test
    void messagesWaitUntilTheFirstSubmitAttempt() {
        form.nameProperty().set("Bad Name");
        assertThat(form.errorProperty(FormField.NAME).get()).isEmpty();
    }

    @Test
    void submitsATrainingWorkload() {
        form.nameProperty().set("resnet");
        form.imageProperty().set("pytorch/pytorch:2.4");
        form.gpusProperty().set("2");
        form.cpuProperty().set("1.5");
        form.memoryProperty().set("8");
        form.commandProperty().set("python train.py --epochs 3");
        form.completionsProperty().set("4");
        form.parallelismProperty().set("2");
        form.submit(submitted::add);

        assertThat(client.calls).contains("submit team-a/resnet");
        assertThat(submitted).hasSize(1);
        WorkloadSpec spec = submitted.getFirst().getSpec();
        assertThat(spec.getType()).isEqualTo(WorkloadType.WORKLOAD_TYPE_TRAINING);
        assertThat(spec.getCompute().getGpuDevices()).isEqualTo(2);
        assertThat(spec.getCompute().getCpuMillis()).isEqualTo(1500);
        assertThat(spec.getCompute().getMemoryMib()).isEqualTo(8192);
        assertThat(spec.getCommandList()).containsExactly("python");
        assertThat(spec.getArgsList()).containsExactly("train.py", "--epochs", "3");
        assertThat(spec.getTraining().getCompletions()).isEqualTo(4);
        assertThat(spec.getTraining().getParallelism()).isEqualTo(2);
        assertThat(spec.hasPreemptible()).isFalse();
    }

    @Test
    void buildsTheOtherTypes() {
        form.nameProperty().set("w");
        form.imageProperty().set("img");
        form.typeProperty().set(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED);
        form.frameworkProperty().set(DistributedFramework.DISTRIBUTED_FRAMEWORK_MPI);
        form.workersProperty().set("3");
        form.masterProperty().set(false);
        form.preemptionProperty().set(SubmitViewModel.Preemption.NO);
        assertThat(form.validate()).isTrue();
        WorkloadSpec distributed = form.toSpec();
        assertThat(distributed.getDistributed().getFramework()).isEqualTo(DistributedFramework.DISTRIBUTED_FRAMEWORK_MPI);
        assertThat(distributed.getDistributed().getWorkers()).isEqualTo(3);
        assertThat(distributed.getDistributed().getMaster()).isFalse();
        assertThat(distributed.hasPreemptible()).isTrue();
        assertThat(distributed.getPreemptible()).isFalse();

        form.typeProperty().set(WorkloadType.WORKLOAD_TYPE_INFERENCE);
        form.minReplicasProperty().set("3");
        form.maxReplicasProperty().set("2");
        assertThat(form.validate()).isFalse();
        assertThat(form.errorProperty(FormField.MAX_REPLICAS).get()).isEqualTo("Must be at least the minimum (3)");
        form.maxReplicasProperty().set("5");
        assertThat(form.validate()).isTrue();
        WorkloadSpec inference = form.toSpec();
        assertThat(inference.getInference().getMinReplicas()).isEqualTo(3);
        assertThat(inference.getInference().getMaxReplicas()).isEqualTo(5);
        assertThat(inference.getInference().getContainerPort()).isEqualTo(8000);

        form.typeProperty().set(WorkloadType.WORKLOAD_TYPE_INTERACTIVE);
        form.toolProperty().set("jupyter");
        form.portProperty().set("8888");
        form.gpusProperty().set("");
        form.gpuPortionProperty().set("0.5");
        assertThat(form.validate()).isTrue();
        WorkloadSpec workspace = form.toSpec();
        assertThat(workspace.getTools(0).getKind()).isEqualTo("jupyter");
        assertThat(workspace.getTools(0).getContainerPort()).isEqualTo(8888);
        assertThat(workspace.getCompute().getGpuPortion()).isEqualTo(0.5);
    }

    @Test
    void theServersFieldViolationsLandOnTheFields() {
        form.nameProperty().set("big");
        form.imageProperty().set("img");
        form.gpusProperty().set("8");
        client.failNext = FakeRunplaneClient.invalid("gpu: must be no greater than 4",
                "spec.compute.gpu_devices", "must be no greater than 4");
        form.submit(submitted::add);
        assertThat(submitted).isEmpty();
        assertThat(form.errorProperty(FormField.GPUS).get()).isEqualTo("must be no greater than 4");
        assertThat(form.serverErrorProperty().get()).isEqualTo("gpu: must be no greater than 4");
        assertThat(form.busyProperty().get()).isFalse();
    }

    @Test
    void aDuplicateNameIsShownOnTheName() {
        form.nameProperty().set("taken");
        form.imageProperty().set("img");
        client.failNext = new ServiceException("ALREADY_EXISTS", "workload team-a/taken already exists");
        form.submit(submitted::add);
        assertThat(form.errorProperty(FormField.NAME).get()).isEqualTo("workload team-a/taken already exists");
    }

    @Test
    void copyAndEditPrefillsTheForm() {
        Workload source = Workload.newBuilder().setSpec(WorkloadSpec.newBuilder().setProject("team-b").setName("orig")
                .setType(WorkloadType.WORKLOAD_TYPE_TRAINING).setImage("img:1").addCommand("python").addArgs("x.py")
                .setCompute(io.runplane.api.v1.ComputeRequest.newBuilder().setGpuDevices(3).setCpuMillis(2000))
                .setPreemptible(true)).build();
        form.prefill(source);
        assertThat(form.projectProperty().get()).isEqualTo("team-b");
        assertThat(form.nameProperty().get()).isEqualTo("orig-copy");
        assertThat(form.imageProperty().get()).isEqualTo("img:1");
        assertThat(form.commandProperty().get()).isEqualTo("python x.py");
        assertThat(form.gpusProperty().get()).isEqualTo("3");
        assertThat(form.cpuProperty().get()).isEqualTo("2");
        assertThat(form.preemptionProperty().get()).isEqualTo(SubmitViewModel.Preemption.YES);
    }

    @Test
    void serverPathsMapToFormFields() {
        assertThat(FormField.forServerPath("spec.name")).isEqualTo(FormField.NAME);
        assertThat(FormField.forServerPath("compute.gpuDevicesRequest")).isEqualTo(FormField.GPUS);
        assertThat(FormField.forServerPath("spec.compute.gpu_portion")).isEqualTo(FormField.GPU_PORTION);
        assertThat(FormField.forServerPath("compute.cpuMemoryRequest")).isEqualTo(FormField.MEMORY);
        assertThat(FormField.forServerPath("spec.compute.cpu_millis")).isEqualTo(FormField.CPU);
        assertThat(FormField.forServerPath("spec.inference.max_replicas")).isEqualTo(FormField.MAX_REPLICAS);
        assertThat(FormField.forServerPath("spec.labels")).isNull();
    }
}
