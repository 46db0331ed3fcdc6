package io.runplane.agent;

import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.ListWorkloadsRequest;
import io.runplane.api.v1.ListWorkloadsResponse;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Refusals carry gRPC codes and field-level BadRequest details, and change nothing. */
class ApiErrorsIT {

    @RegisterExtension
    static final RunningAgent runplane = RunningAgent.atTimeScale(50);

    private static StatusRuntimeException submitFails(WorkloadSpec.Builder spec) {
        return catchThrowableOfType(StatusRuntimeException.class,
                () -> runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(spec).build()));
    }

    private static List<BadRequest.FieldViolation> violations(StatusRuntimeException e) throws Exception {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status).isNotNull();
        return status.getDetailsList().stream().filter(d -> d.is(BadRequest.class)).findFirst().orElseThrow()
                .unpack(BadRequest.class).getFieldViolationsList();
    }

    private static long storedWorkloads() throws Exception {
        try (Stream<Path> files = Files.list(runplane.data().resolve("workloads"))) {
            // Only stored workloads: the control loop's atomic writes briefly add temporary files.
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).count();
        }
    }

    @Test
    void anInvalidSpecIsRefusedWithEveryFieldViolationAndNothingIsStored() throws Exception {
        ListWorkloadsResponse before = runplane.client().workloads().list(ListWorkloadsRequest.getDefaultInstance());
        long filesBefore = storedWorkloads();

        StatusRuntimeException e = submitFails(WorkloadSpec.newBuilder()
                .setProject("no-such-project")
                .setName("Not_A_DNS_Name")
                .setImage("")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(-1).setMemoryMib(-5))
                .putAnnotations("runplane.io/simulated-duration", "soon"));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).contains(
                "spec.project", "spec.name", "spec.type", "spec.image", "spec.compute.gpu_devices", "spec.compute.memory_mib",
                "spec.annotations[runplane.io/simulated-duration]");
        assertThat(violations(e)).filteredOn(v -> v.getField().equals("spec.project"))
                .singleElement().satisfies(v -> assertThat(v.getDescription()).contains("unknown project"));
        ListWorkloadsResponse after = runplane.client().workloads().list(ListWorkloadsRequest.getDefaultInstance());
        assertThat(after.getTotalSize()).isEqualTo(before.getTotalSize());
        assertThat(storedWorkloads()).isEqualTo(filesBefore);
    }

    @Test
    void gpuQuantitiesOutsideTheirRangesAreRefused() throws Exception {
        StatusRuntimeException portion = submitFails(Specs.training("vision", "half", "5s")
                .setCompute(ComputeRequest.newBuilder().setGpuPortion(1.5)));
        assertThat(violations(portion)).extracting(BadRequest.FieldViolation::getField).containsExactly("spec.compute.gpu_portion");

        StatusRuntimeException both = submitFails(Specs.training("vision", "both", "5s")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1).setGpuPortion(0.5)));
        assertThat(violations(both)).extracting(BadRequest.FieldViolation::getField).containsExactly("spec.compute");

        StatusRuntimeException tooMany = submitFails(Specs.training("vision", "huge", "5s")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(9)));
        assertThat(violations(tooMany)).singleElement().satisfies(v -> {
            assertThat(v.getField()).isEqualTo("spec.compute.gpu_devices");
            assertThat(v.getDescription()).isEqualTo("must be no greater than 8 (the largest node)");
        });
    }

    @Test
    void aDuplicateNameIsAlreadyExistsAndKeepsTheFirstWorkload() throws Exception {
        var first = runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("vision", "twice", "1h")).build());
        StatusRuntimeException e = submitFails(Specs.training("vision", "twice", "5s").setImage("other:1"));

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(violations(e)).extracting(BadRequest.FieldViolation::getField).containsExactly("spec.name");
        var kept = runplane.client().workloads().get(WorkloadRef.newBuilder().setProject("vision").setName("twice").build());
        assertThat(kept.getUuid()).isEqualTo(first.getWorkload().getUuid());
        assertThat(kept.getSpec().getImage()).isEqualTo("nvcr.io/nvidia/pytorch:24.08-py3");
    }

    @Test
    void aDryRunValidatesAndRendersWithoutStoring() throws Exception {
        long filesBefore = storedWorkloads();
        var response = runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder()
                .setSpec(Specs.training("vision", "dry", "5s")).setDryRun(true).build());

        assertThat(response.getManifest()).contains("kind: TrainingWorkload", "kind: PodGroup", "kind: Pod", "schedulerName: runplane",
                "RUNPLANE_WORKLOAD");
        assertThat(storedWorkloads()).isEqualTo(filesBefore);
        StatusRuntimeException missing = catchThrowableOfType(StatusRuntimeException.class,
                () -> runplane.client().workloads().get(WorkloadRef.newBuilder().setProject("vision").setName("dry").build()));
        assertThat(missing.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void actionsOnMissingOrFinishedWorkloadsAreRefused() {
        WorkloadRef missing = WorkloadRef.newBuilder().setProject("vision").setName("ghost").build();
        assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> runplane.client().workloads().stop(missing)).getStatus().getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> runplane.client().workloads().delete(missing)).getStatus().getCode())
                .isEqualTo(Status.Code.NOT_FOUND);

        WorkloadRef finished = WorkloadRef.newBuilder().setProject("vision").setName("resnet50-baseline").build();
        assertThat(runplane.client().workloads().get(finished).getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_COMPLETED);
        StatusRuntimeException stop = catchThrowableOfType(StatusRuntimeException.class, () -> runplane.client().workloads().stop(finished));
        assertThat(stop.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        StatusRuntimeException resume = catchThrowableOfType(StatusRuntimeException.class, () -> runplane.client().workloads().resume(finished));
        assertThat(resume.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(runplane.client().workloads().get(finished).getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_COMPLETED);
    }

    @Test
    void badListArgumentsAndOversizedRequestsAreRefused() throws Exception {
        StatusRuntimeException order = catchThrowableOfType(StatusRuntimeException.class,
                () -> runplane.client().workloads().list(ListWorkloadsRequest.newBuilder().setOrderBy("colour").build()));
        assertThat(violations(order)).extracting(BadRequest.FieldViolation::getField).containsExactly("order_by");

        StatusRuntimeException token = catchThrowableOfType(StatusRuntimeException.class,
                () -> runplane.client().workloads().list(ListWorkloadsRequest.newBuilder().setPageToken("not-a-token").build()));
        assertThat(violations(token)).extracting(BadRequest.FieldViolation::getField).containsExactly("page_token");

        String huge = "x".repeat(5 * 1024 * 1024);
        StatusRuntimeException tooBig = catchThrowableOfType(StatusRuntimeException.class, () -> runplane.client().workloads().submit(
                SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("vision", "big", "5s").putAnnotations("note", huge)).build()));
        assertThat(tooBig.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(tooBig.getStatus().getDescription()).contains("4194304");
        StatusRuntimeException notStored = catchThrowableOfType(StatusRuntimeException.class,
                () -> runplane.client().workloads().get(WorkloadRef.newBuilder().setProject("vision").setName("big").build()));
        assertThat(notStored.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }
}
