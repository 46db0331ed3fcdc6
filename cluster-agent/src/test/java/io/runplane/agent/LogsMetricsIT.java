package io.runplane.agent;

import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.InferenceOptions;
import io.runplane.api.v1.LogLine;
import io.runplane.api.v1.LogsRequest;
import io.runplane.api.v1.MetricSeries;
import io.runplane.api.v1.MetricType;
import io.runplane.api.v1.MetricsRequest;
import io.runplane.api.v1.MetricsResponse;
import io.runplane.api.v1.Sample;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Log lines (tail, since, container, timestamps, follow) and metric series over a real socket. */
class LogsMetricsIT {

    @RegisterExtension
    static final RunningAgent runplane = RunningAgent.atTimeScale(50);
    static Workload trained;

    @BeforeAll
    static void seed() {
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder()
                .setSpec(Specs.training("vision", "two-gpus", "60s").setCompute(ComputeRequest.newBuilder().setGpuDevices(2)
                        .setCpuMillis(4000).setMemoryMib(16384))).build());
        trained = Await.status(runplane.client(), "vision", "two-gpus", WorkloadStatus.WORKLOAD_STATUS_COMPLETED);
    }

    private static WorkloadRef ref(String name) {
        return WorkloadRef.newBuilder().setProject("vision").setName(name).build();
    }

    private static List<BadRequest.FieldViolation> violations(StatusRuntimeException e) throws Exception {
        return StatusProto.fromThrowable(e).getDetailsList().stream().filter(d -> d.is(BadRequest.class)).findFirst().orElseThrow()
                .unpack(BadRequest.class).getFieldViolationsList();
    }

    private static List<LogLine> logs(LogsRequest.Builder request) {
        List<LogLine> lines = new ArrayList<>();
        runplane.client().workloads().logs(request.build()).forEachRemaining(lines::add);
        return lines;
    }

    @Test
    void tailSinceAndTimestampsSelectLines() {
        List<LogLine> all = logs(LogsRequest.newBuilder().setWorkload(ref("two-gpus")));
        assertThat(all.size()).isGreaterThan(20);
        assertThat(all).isSortedAccordingTo((a, b) -> Long.compare(a.getTime().getSeconds() * 1_000_000_000L + a.getTime().getNanos(),
                b.getTime().getSeconds() * 1_000_000_000L + b.getTime().getNanos()));

        List<LogLine> tail = logs(LogsRequest.newBuilder().setWorkload(ref("two-gpus")).setTailLines(3));
        assertThat(tail).containsExactlyElementsOf(all.subList(all.size() - 3, all.size()));
        assertThat(tail.getLast().getText()).isEqualTo("Finished successfully");

        Timestamp middle = all.get(all.size() / 2).getTime();
        List<LogLine> since = logs(LogsRequest.newBuilder().setWorkload(ref("two-gpus")).setSince(middle));
        assertThat(since).containsExactlyElementsOf(all.subList(all.size() / 2, all.size()));

        List<LogLine> stamped = logs(LogsRequest.newBuilder().setWorkload(ref("two-gpus")).setTailLines(1).setTimestamps(true));
        assertThat(stamped.getFirst().getText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z Finished successfully");

        assertThat(logs(LogsRequest.newBuilder().setWorkload(ref("two-gpus")))).isEqualTo(all);
    }

    @Test
    void seededFinishedWorkloadsHaveLogsAndMetricsThatAgreeWithTheirHistory() {
        Workload baseline = runplane.client().workloads().get(ref("resnet50-baseline"));
        List<LogLine> lines = logs(LogsRequest.newBuilder().setWorkload(ref("resnet50-baseline")).setTailLines(2));
        assertThat(lines.getLast().getText()).isEqualTo("Finished successfully");
        assertThat(lines.getLast().getTime()).isEqualTo(baseline.getCompletedAt());

        Workload failed = runplane.client().workloads().get(WorkloadRef.newBuilder().setProject("nlp").setName("bert-finetune-squad").build());
        assertThat(failed.getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_FAILED);
        List<LogLine> failedTail = logs(LogsRequest.newBuilder()
                .setWorkload(WorkloadRef.newBuilder().setProject("nlp").setName("bert-finetune-squad")).setTailLines(1));
        assertThat(failedTail.getFirst().getText()).isEqualTo("Process exited with code 1");

        MetricsResponse metrics = runplane.client().workloads().metrics(MetricsRequest.newBuilder().setWorkload(ref("resnet50-baseline"))
                .addTypes(MetricType.METRIC_TYPE_GPU_UTILIZATION).setStart(baseline.getCreatedAt()).setEnd(baseline.getCompletedAt()).build());
        MetricSeries average = metrics.getSeriesList().stream().filter(s -> s.getGpuIndex() == -1).findFirst().orElseThrow();
        assertThat(average.getSamplesList()).isNotEmpty().allSatisfy(p -> assertThat(p.getTimeMillis())
                .isBetween(baseline.getCreatedAt().getSeconds() * 1000, baseline.getCompletedAt().getSeconds() * 1000 + 1000));
    }

    @Test
    void followStreamsNewLinesUntilThePodEndsAndContainersCanBeChosen() throws Exception {
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(Specs.training("vision", "followed-logs", "20s")).build());
        List<LogLine> followed = new ArrayList<>();
        runplane.client().workloads().withDeadlineAfter(60, TimeUnit.SECONDS)
                .logs(LogsRequest.newBuilder().setWorkload(ref("followed-logs")).setFollow(true).build())
                .forEachRemaining(followed::add);
        assertThat(followed.getFirst().getText()).startsWith("Starting container followed-logs");
        assertThat(followed.getLast().getText()).isEqualTo("Finished successfully");
        assertThat(followed).extracting(LogLine::getText).doesNotHaveDuplicates();
        assertThat(logs(LogsRequest.newBuilder().setWorkload(ref("followed-logs")))).isEqualTo(followed);

        StatusRuntimeException noContainer = catchThrowableOfType(StatusRuntimeException.class,
                () -> logs(LogsRequest.newBuilder().setWorkload(ref("followed-logs")).setContainer("sidecar")));
        assertThat(noContainer.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(violations(noContainer)).singleElement().satisfies(v -> {
            assertThat(v.getField()).isEqualTo("container");
            assertThat(v.getDescription()).isEqualTo("pods of followed-logs have containers [followed-logs]");
        });
        StatusRuntimeException negativeTail = catchThrowableOfType(StatusRuntimeException.class,
                () -> logs(LogsRequest.newBuilder().setWorkload(ref("followed-logs")).setTailLines(-1)));
        assertThat(violations(negativeTail)).extracting(BadRequest.FieldViolation::getField).containsExactly("tail_lines");
        StatusRuntimeException noPod = catchThrowableOfType(StatusRuntimeException.class,
                () -> logs(LogsRequest.newBuilder().setWorkload(ref("followed-logs")).setPod("nope")));
        assertThat(noPod.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void gpuMetricsComePerGpuWithAnAverageAndAreReproducible() {
        MetricsRequest request = MetricsRequest.newBuilder().setWorkload(ref("two-gpus"))
                .addTypes(MetricType.METRIC_TYPE_GPU_UTILIZATION).addTypes(MetricType.METRIC_TYPE_GPU_MEMORY_USAGE)
                .addTypes(MetricType.METRIC_TYPE_CPU_USAGE).addTypes(MetricType.METRIC_TYPE_CPU_MEMORY_USAGE)
                .setStart(trained.getCreatedAt()).setEnd(trained.getCompletedAt()).build();
        MetricsResponse response = runplane.client().workloads().metrics(request);

        List<MetricSeries> utilization = response.getSeriesList().stream().filter(s -> s.getType() == MetricType.METRIC_TYPE_GPU_UTILIZATION).toList();
        assertThat(utilization).extracting(MetricSeries::getGpuIndex).containsExactlyInAnyOrder(
                trained.getPods(0).getGpuIndices(0), trained.getPods(0).getGpuIndices(1), -1);
        assertThat(utilization).allSatisfy(s -> {
            assertThat(s.getUnit()).isEqualTo("percent");
            assertThat(s.getSamplesList()).isNotEmpty().allSatisfy(p -> assertThat(p.getValue()).isBetween(0.0, 100.0));
        });
        MetricSeries gpu0 = utilization.get(0);
        MetricSeries gpu1 = utilization.get(1);
        assertThat(gpu0.getSamplesList()).extracting(Sample::getValue).isNotEqualTo(gpu1.getSamplesList().stream().map(Sample::getValue).toList());
        assertThat(response.getSeriesList()).filteredOn(s -> s.getType() == MetricType.METRIC_TYPE_GPU_MEMORY_USAGE)
                .allSatisfy(s -> assertThat(s.getUnit()).isEqualTo("MiB"));
        assertThat(response.getSeriesList()).filteredOn(s -> s.getType() == MetricType.METRIC_TYPE_CPU_USAGE)
                .allSatisfy(s -> assertThat(s.getSamplesList()).allSatisfy(p -> assertThat(p.getValue()).isBetween(0.0, 4000.0)));
        assertThat(runplane.client().workloads().metrics(request)).isEqualTo(response);

        String pod = trained.getPods(0).getName();
        MetricsResponse onePod = runplane.client().workloads().metrics(request.toBuilder().setPod(pod).build());
        assertThat(onePod.getSeriesList()).filteredOn(s -> !s.getPod().isEmpty()).allSatisfy(s -> assertThat(s.getPod()).isEqualTo(pod));
        StatusRuntimeException noPod = catchThrowableOfType(StatusRuntimeException.class,
                () -> runplane.client().workloads().metrics(request.toBuilder().setPod("nope").build()));
        assertThat(noPod.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);

        MetricsResponse stepped = runplane.client().workloads().metrics(request.toBuilder().clearTypes()
                .addTypes(MetricType.METRIC_TYPE_GPU_UTILIZATION).setStepSeconds(1).build());
        long rangeSeconds = trained.getCompletedAt().getSeconds() - trained.getCreatedAt().getSeconds();
        assertThat(stepped.getSeries(0).getSamplesCount()).isLessThanOrEqualTo((int) rangeSeconds + 1);
    }

    @Test
    void inferenceHasThroughputLatencyAndReplicaSeriesAndBadQueriesAreRefused() throws Exception {
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(WorkloadSpec.newBuilder().setProject("vision")
                .setName("detector").setType(WorkloadType.WORKLOAD_TYPE_INFERENCE).setImage("tritonserver:24.05")
                .addNodePools("l40s")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1))
                .setInference(InferenceOptions.newBuilder().setMinReplicas(2).setMaxReplicas(2))).build());
        Workload running = Await.workload(runplane.client(), "vision", "detector", w -> w.getRunningPods() == 2);
        Timestamp now = Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000 + 60).build();
        MetricsResponse response = runplane.client().workloads().metrics(MetricsRequest.newBuilder().setWorkload(ref("detector"))
                .addTypes(MetricType.METRIC_TYPE_THROUGHPUT).addTypes(MetricType.METRIC_TYPE_LATENCY).addTypes(MetricType.METRIC_TYPE_REPLICAS)
                .setStart(running.getCreatedAt()).setEnd(now).setStepMillis(20).build());
        assertThat(response.getSeriesList()).extracting(MetricSeries::getUnit).containsExactly("requests/s", "ms", "replicas");
        assertThat(response.getSeries(2).getSamplesList()).extracting(Sample::getValue).contains(0.0, 2.0);
        assertThat(response.getSeries(2).getSamplesList().getLast().getTimeMillis())
                .as("a range into the future ends now").isLessThanOrEqualTo(System.currentTimeMillis());
        assertThat(response.getSeries(0).getSamplesList()).isNotEmpty().allSatisfy(p -> assertThat(p.getValue()).isNotNegative());

        StatusRuntimeException backwards = catchThrowableOfType(StatusRuntimeException.class, () -> runplane.client().workloads().metrics(
                MetricsRequest.newBuilder().setWorkload(ref("detector")).setStart(now).setEnd(running.getCreatedAt()).build()));
        assertThat(backwards.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(backwards.getStatus().getDescription()).isEqualTo("invalid metrics request: end: must be after start");
        assertThat(violations(backwards)).extracting(BadRequest.FieldViolation::getField).containsExactly("end");
        StatusRuntimeException notInference = catchThrowableOfType(StatusRuntimeException.class, () -> runplane.client().workloads().metrics(
                MetricsRequest.newBuilder().setWorkload(ref("two-gpus")).addTypes(MetricType.METRIC_TYPE_THROUGHPUT).build()));
        assertThat(notInference.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        List<LogLine> proxy = logs(LogsRequest.newBuilder().setWorkload(ref("detector")).setContainer("queue-proxy")
                .setPod(running.getPods(0).getName()));
        assertThat(proxy).isNotEmpty().allSatisfy(l -> {
            assertThat(l.getContainer()).isEqualTo("queue-proxy");
            assertThat(l.getPod()).isEqualTo(running.getPods(0).getName());
        });
        runplane.client().workloads().delete(ref("detector"));
    }
}
