package io.runplane.agent;

import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.OverviewHistoryRequest;
import io.runplane.api.v1.OverviewHistoryResponse;
import io.runplane.api.v1.OverviewPoint;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.WorkloadStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The cluster's history over a real socket: points appear as the simulated cluster runs; bad ranges are refused by field. */
class OverviewHistoryIT {

    @RegisterExtension
    static final RunningAgent runplane = RunningAgent.atTimeScale(50);

    private static Timestamp at(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    private static OverviewHistoryResponse history(AgentClient client, OverviewHistoryRequest.Builder request) {
        return client.cluster().overviewHistory(request.build());
    }

    @Test
    void pointsFollowTheRunningWorkloadAndAnyoneSignedInReadsThem() throws Exception {
        Instant before = Instant.now();
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder()
                .setSpec(Specs.training("vision", "history-gpus", "120s").setCompute(ComputeRequest.newBuilder().setGpuDevices(2)
                        .setCpuMillis(2000).setMemoryMib(8192))).build());
        Await.status(runplane.client(), "vision", "history-gpus", WorkloadStatus.WORKLOAD_STATUS_RUNNING);

        OverviewPoint busy = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (busy == null && System.nanoTime() < deadline) {
            busy = history(runplane.client(), OverviewHistoryRequest.newBuilder().setStart(at(before))).getPointsList().stream()
                    .filter(p -> p.getAllocatedGpus() >= 2 && p.getGpuUtilizationPercent() > 0 && p.getRunningWorkloads() >= 1)
                    .findFirst().orElse(null);
            Thread.sleep(100);
        }
        assertThat(busy).as("a point with the workload's GPUs allocated and measured").isNotNull();
        assertThat(busy.getTotalGpus()).isGreaterThanOrEqualTo(busy.getAllocatedGpus());
        assertThat(busy.getGpuUtilizationPercent()).isBetween(0.0, 100.0);
        assertThat(busy.getTimeMillis()).isGreaterThanOrEqualTo(before.toEpochMilli());

        OverviewHistoryResponse all = history(runplane.client(), OverviewHistoryRequest.newBuilder());
        assertThat(all.getSampleMillis()).isEqualTo(300);
        assertThat(all.getPointsList()).extracting(OverviewPoint::getTimeMillis).isSorted();

        // averaged over 1 s windows: fewer points, each stamped on a window start
        OverviewHistoryResponse coarse = history(runplane.client(), OverviewHistoryRequest.newBuilder()
                .setStart(at(Instant.ofEpochMilli(all.getPoints(0).getTimeMillis()))).setStepSeconds(1));
        assertThat(coarse.getPointsCount()).isLessThan(all.getPointsCount()).isPositive();
        assertThat(coarse.getPointsList()).allSatisfy(p ->
                assertThat((p.getTimeMillis() - all.getPoints(0).getTimeMillis()) % 1000).isZero());

        AgentClient nobody = runplane.clientFor("viewer-without-roles");
        assertThat(history(nobody, OverviewHistoryRequest.newBuilder()).getPointsCount()).isPositive();
    }

    @Test
    void badRangesAreRefusedNamingTheField() throws Exception {
        Instant now = Instant.now();
        assertThat(refusal(OverviewHistoryRequest.newBuilder().setStart(at(now)).setEnd(at(now.minusSeconds(60))))).containsExactly("end");
        assertThat(refusal(OverviewHistoryRequest.newBuilder().setStepSeconds(-5))).containsExactly("step_seconds");
        assertThat(refusal(OverviewHistoryRequest.newBuilder().setStart(at(now.minus(Duration.ofDays(30)))).setStepSeconds(1)))
                .containsExactly("step_seconds");
    }

    private static List<String> refusal(OverviewHistoryRequest.Builder request) throws Exception {
        StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> history(runplane.client(), request));
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        return StatusProto.fromThrowable(e).getDetailsList().stream().filter(d -> d.is(BadRequest.class)).findFirst().orElseThrow()
                .unpack(BadRequest.class).getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList();
    }
}
