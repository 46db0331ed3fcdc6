package io.runplane.agent;

import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.DistributedFramework;
import io.runplane.api.v1.DistributedOptions;
import io.runplane.api.v1.InferenceOptions;
import io.runplane.api.v1.MetricType;
import io.runplane.api.v1.MetricsRequest;
import io.runplane.api.v1.Pod;
import io.runplane.api.v1.Sample;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.TrainingOptions;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadEvent;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Inference replicas follow their metric both ways inside min..max; a distributed gang is bound and restarted as one. */
class ScalingAndGangsIT {

    @RegisterExtension
    static final RunningAgent runplane = RunningAgent.atTimeScale(100);

    private static WorkloadRef ref(String project, String name) {
        return WorkloadRef.newBuilder().setProject(project).setName(name).build();
    }

    private static WorkloadSpec.Builder inference(String name, int min, int max, String load) {
        return WorkloadSpec.newBuilder().setProject("serving").setName(name).setType(WorkloadType.WORKLOAD_TYPE_INFERENCE)
                .setImage("vllm/vllm-openai:v0.5.3").addNodePools("l40s")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1))
                .setInference(InferenceOptions.newBuilder().setMinReplicas(min).setMaxReplicas(max).setMetric("throughput").setTarget(10))
                .putAnnotations("runplane.io/simulated-load", load);
    }

    /** A base rate of 20 requests/s swings ±60 % (8..32/s): at 10/s per replica the count moves between 1 and 3 and back. */
    @Test
    void inferenceReplicasRiseAndFallWithTheRequestRateWithinMinAndMax() {
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(inference("wave", 1, 3, "20")).build());
        Workload up = Await.workload(runplane.client(), "serving", "wave", w -> w.getRunningPods() == 3);
        Workload down = Await.workload(runplane.client(), "serving", "wave", w -> w.getRunningPods() == 1
                && runplane.client().events("serving", "wave").stream().anyMatch(e -> e.getReason().equals("ScaledDown")));

        assertThat(down.getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        List<WorkloadEvent> scaling = runplane.client().events("serving", "wave").stream()
                .filter(e -> e.getReason().startsWith("Scaled")).toList();
        assertThat(scaling).extracting(WorkloadEvent::getReason).containsSubsequence("ScaledUp", "ScaledDown");
        assertThat(scaling).allSatisfy(e -> {
            assertThat(e.getSource()).isEqualTo("autoscaler");
            assertThat(e.getMessage()).matches("scaled from [123] to [123] replicas \\(.*\\)");
        });
        List<Double> replicas = runplane.client().workloads().metrics(MetricsRequest.newBuilder().setWorkload(ref("serving", "wave"))
                .addTypes(MetricType.METRIC_TYPE_REPLICAS).setStart(up.getCreatedAt()).setStepMillis(100).build())
                .getSeries(0).getSamplesList().stream().map(Sample::getValue).toList();
        assertThat(replicas).contains(3.0).allSatisfy(r -> assertThat(r).isBetween(0.0, 3.0));
        runplane.client().workloads().delete(ref("serving", "wave"));
        Await.deleted(runplane.client(), "serving", "wave");
    }

    @Test
    void inferenceWithoutRequestsAndMinimumZeroScalesToZeroAndStaysUp() {
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(inference("idle-endpoint", 0, 2, "0")).build());
        Workload idle = Await.workload(runplane.client(), "serving", "idle-endpoint", w -> w.getStatus() == WorkloadStatus.WORKLOAD_STATUS_RUNNING);

        assertThat(idle.getStatusMessage()).isEqualTo("scaled to zero replicas");
        assertThat(idle.getRunningPods()).isZero();
        assertThat(idle.getPodsList()).allSatisfy(p -> assertThat(p.getPhase()).isNotIn("Pending", "ContainerCreating", "Running"));
        assertThat(idle.getConnectionsList()).as("the endpoint stays reachable").isNotEmpty();
        assertThat(idle.getAllocated().getGpu()).as("no GPU held at zero replicas").isZero();
        runplane.client().workloads().delete(ref("serving", "idle-endpoint"));
        Await.deleted(runplane.client(), "serving", "idle-endpoint");
    }

    @Test
    void aDistributedGangIsBoundTogetherAndRestartedTogetherWhenOnePodFails() {
        runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(WorkloadSpec.newBuilder().setProject("nlp")
                .setName("ddp-retry").setType(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED).setImage("nvcr.io/nvidia/pytorch:24.08-py3")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1))
                .setDistributed(DistributedOptions.newBuilder().setFramework(DistributedFramework.DISTRIBUTED_FRAMEWORK_PYTORCH)
                        .setWorkers(3).setMaster(true))
                .setTraining(TrainingOptions.newBuilder().setBackoffLimit(2))
                .putAnnotations("runplane.io/simulated-duration", "20s")
                .putAnnotations("runplane.io/simulated-exit-code", "2")
                .putAnnotations("runplane.io/simulated-failing-pods", "1")
                .putAnnotations("runplane.io/simulated-failed-attempts", "1")).build());
        Workload done = Await.status(runplane.client(), "nlp", "ddp-retry", WorkloadStatus.WORKLOAD_STATUS_COMPLETED);

        List<WorkloadEvent> events = runplane.client().events("nlp", "ddp-retry");
        List<WorkloadEvent> scheduled = events.stream().filter(e -> e.getReason().equals("Scheduled")).toList();
        assertThat(scheduled).as("two runs of a gang of four").hasSize(8);
        assertThat(scheduled.subList(0, 4)).extracting(WorkloadEvent::getTime).as("bound in one cycle").containsOnly(scheduled.getFirst().getTime());
        assertThat(scheduled.subList(4, 8)).extracting(WorkloadEvent::getTime).containsOnly(scheduled.get(4).getTime());
        assertThat(events).filteredOn(e -> e.getReason().equals("GangRestarted")).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("a pod failed; restarting all 4 pods together"));
        assertThat(done.getPodsList()).as("the first run's pods are kept for their history").hasSize(8);
        assertThat(done.getPodsList()).filteredOn(p -> p.getPhase().equals("Failed")).singleElement()
                .satisfies(p -> assertThat(p.getExitCode()).isEqualTo(2));
        List<Pod> secondRun = done.getPodsList().stream()
                .sorted(Comparator.comparingLong((Pod p) -> p.getStartedAt().getSeconds()).thenComparingInt(p -> p.getStartedAt().getNanos()))
                .toList().subList(4, 8);
        assertThat(secondRun).extracting(Pod::getRole).containsExactlyInAnyOrder("master", "worker", "worker", "worker");
        assertThat(secondRun).allSatisfy(p -> assertThat(p.getPhase()).isEqualTo("Succeeded"));
    }
}
