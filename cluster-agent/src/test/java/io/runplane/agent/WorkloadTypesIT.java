package io.runplane.agent;

import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.DistributedFramework;
import io.runplane.api.v1.DistributedOptions;
import io.runplane.api.v1.EnvVar;
import io.runplane.api.v1.EventsRequest;
import io.runplane.api.v1.InferenceOptions;
import io.runplane.api.v1.Pod;
import io.runplane.api.v1.ServiceType;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.Tool;
import io.runplane.api.v1.TrainingOptions;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadEvent;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every workload type and every status, driven through the real API of an agent at 50x real time. */
class WorkloadTypesIT {

    @RegisterExtension
    static final RunningAgent runplane = RunningAgent.atTimeScale(50);

    /** Submits; vision and serving workloads stay in the l40s pool so that nlp's gangs find a100 GPUs free. */
    private static Workload submit(WorkloadSpec.Builder spec) {
        if (!spec.getProject().equals("nlp")) {
            spec.clearNodePools().addNodePools("l40s");
        }
        return runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(spec).build()).getWorkload();
    }

    private static WorkloadRef ref(String project, String name) {
        return WorkloadRef.newBuilder().setProject(project).setName(name).build();
    }

    private static List<WorkloadEvent> events(String project, String name) {
        List<WorkloadEvent> events = new ArrayList<>();
        runplane.client().workloads().events(EventsRequest.newBuilder().setWorkload(ref(project, name)).build()).forEachRemaining(events::add);
        return events;
    }

    @Test
    void trainingRunsItsCompletionsWithParallelismAndRecordsEveryTransition() {
        submit(Specs.training("vision", "sweep", "10s")
                .setTraining(TrainingOptions.newBuilder().setCompletions(3).setParallelism(2)));
        Workload done = Await.status(runplane.client(), "vision", "sweep", WorkloadStatus.WORKLOAD_STATUS_COMPLETED);

        assertThat(done.getPodsList()).hasSize(3).allSatisfy(p -> assertThat(p.getPhase()).isEqualTo("Succeeded"));
        assertThat(done.getPodsList()).extracting(Pod::getIndex).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(done.hasCompletedAt()).isTrue();
        List<WorkloadEvent> events = events("vision", "sweep");
        assertThat(events).extracting(WorkloadEvent::getReason)
                .containsSubsequence("Submitted", "PodGroupCreated", "Pending", "Scheduled", "Initializing", "Started", "Running", "PodSucceeded", "Completed");
        assertThat(events).filteredOn(e -> e.getReason().equals("PodSucceeded")).hasSize(3);
        assertThat(events).allSatisfy(e -> assertThat(e.hasTime()).isTrue());
    }

    @Test
    void failingTrainingRetriesUpToItsBackoffLimitThenFails() {
        submit(Specs.training("vision", "crashes", "5s")
                .putAnnotations("runplane.io/simulated-exit-code", "3")
                .setTraining(TrainingOptions.newBuilder().setBackoffLimit(1)));
        Workload failed = Await.status(runplane.client(), "vision", "crashes", WorkloadStatus.WORKLOAD_STATUS_FAILED);

        assertThat(failed.getStatusMessage()).startsWith("BackoffLimitExceeded");
        assertThat(failed.getPodsList()).hasSize(2).allSatisfy(p -> {
            assertThat(p.getPhase()).isEqualTo("Failed");
            assertThat(p.getExitCode()).isEqualTo(3);
        });
        assertThat(events("vision", "crashes")).filteredOn(e -> e.getReason().equals("PodFailed"))
                .hasSize(2).allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
    }

    @Test
    void aRunThatFailsOnceIsRetriedAndCompletes() {
        submit(Specs.training("vision", "flaky", "5s").putAnnotations("runplane.io/simulated-failed-attempts", "1"));
        Workload done = Await.status(runplane.client(), "vision", "flaky", WorkloadStatus.WORKLOAD_STATUS_COMPLETED);

        assertThat(done.getPodsList()).extracting(Pod::getPhase).containsExactlyInAnyOrder("Succeeded", "Failed");
    }

    @Test
    void anImageThatCannotBePulledStaysInitializingWithImagePullBackOffUntilStoppedResumedAndDeleted() {
        submit(Specs.training("nlp", "bad-image", "5s").setImage("registry.invalid/team/trainer:1.0"));
        Workload stuck = Await.workload(runplane.client(), "nlp", "bad-image", w -> w.getStatusMessage().startsWith("ImagePullBackOff"));

        assertThat(stuck.getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_INITIALIZING);
        assertThat(stuck.getPods(0).getPhase()).isEqualTo("ImagePullBackOff");
        assertThat(events("nlp", "bad-image")).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("ImagePullBackOff");
            assertThat(e.getType()).isEqualTo("Warning");
        });

        Workload stopped = runplane.client().workloads().stop(ref("nlp", "bad-image"));
        assertThat(stopped.getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_STOPPED);
        assertThat(stopped.getAllocated().getGpu()).isZero();
        assertThat(stopped.getPodsList()).allSatisfy(p -> assertThat(p.getPhase()).isEqualTo("Terminated"));

        Workload resumed = runplane.client().workloads().resume(ref("nlp", "bad-image"));
        assertThat(resumed.getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_PENDING);
        Await.status(runplane.client(), "nlp", "bad-image", WorkloadStatus.WORKLOAD_STATUS_INITIALIZING);

        runplane.client().workloads().delete(ref("nlp", "bad-image"));
        Await.deleted(runplane.client(), "nlp", "bad-image");
    }

    @Test
    void distributedTrainingRunsMasterAndWorkersAsOneGangWithRankEnvironment() {
        submit(WorkloadSpec.newBuilder().setProject("nlp").setName("ddp").setType(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED)
                .setImage("nvcr.io/nvidia/pytorch:24.08-py3")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1))
                .setDistributed(DistributedOptions.newBuilder().setFramework(DistributedFramework.DISTRIBUTED_FRAMEWORK_PYTORCH)
                        .setWorkers(2).setMaster(true))
                .putAnnotations("runplane.io/simulated-duration", "10s"));
        Workload running = Await.status(runplane.client(), "nlp", "ddp", WorkloadStatus.WORKLOAD_STATUS_RUNNING);

        assertThat(running.getPodsList()).extracting(Pod::getName).containsExactlyInAnyOrder("ddp-master-0", "ddp-worker-0", "ddp-worker-1");
        assertThat(running.getRunningPods()).isEqualTo(3);
        Map<String, Map<String, String>> env = running.getPodsList().stream().collect(Collectors.toMap(Pod::getName,
                p -> p.getEnvironmentList().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue))));
        assertThat(env.get("ddp-master-0")).containsEntry("RANK", "0").containsEntry("WORLD_SIZE", "3").containsEntry("MASTER_ADDR", "ddp-master-0");
        assertThat(env.get("ddp-worker-1")).containsEntry("RANK", "2").containsEntry("POD_INDEX", "1").containsEntry("RUNPLANE_PROJECT", "nlp");

        Await.status(runplane.client(), "nlp", "ddp", WorkloadStatus.WORKLOAD_STATUS_COMPLETED);
    }

    @Test
    void aGangThatCannotFitStaysPendingWithTheSchedulersReason() {
        submit(WorkloadSpec.newBuilder().setProject("nlp").setName("too-big").setType(WorkloadType.WORKLOAD_TYPE_DISTRIBUTED)
                .setImage("nvcr.io/nvidia/pytorch:24.08-py3")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1))
                .setDistributed(DistributedOptions.newBuilder().setWorkers(20)));
        Workload pending = Await.workload(runplane.client(), "nlp", "too-big", w -> w.getStatus() == WorkloadStatus.WORKLOAD_STATUS_PENDING
                && !w.getPods(0).getPendingReason().isEmpty());

        assertThat(pending.getRunningPods()).isZero();
        assertThat(pending.getPodsList()).hasSize(20).allSatisfy(p -> assertThat(p.getNode()).isEmpty());
        assertThat(pending.getStatusMessage()).isEqualTo(pending.getPods(0).getPendingReason());
        assertThat(events("nlp", "too-big")).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("Unschedulable");
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getSource()).isEqualTo("scheduler");
            assertThat(e.getMessage()).isEqualTo(pending.getStatusMessage());
        });
        runplane.client().workloads().delete(ref("nlp", "too-big"));
        Await.deleted(runplane.client(), "nlp", "too-big");
    }

    @Test
    void inferenceScalesUpOnItsMetricAndExposesAnEndpoint() {
        submit(WorkloadSpec.newBuilder().setProject("serving").setName("llm").setType(WorkloadType.WORKLOAD_TYPE_INFERENCE)
                .setImage("vllm/vllm-openai:v0.5.3")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1))
                .setInference(InferenceOptions.newBuilder().setMinReplicas(1).setMaxReplicas(3).setMetric("throughput").setTarget(10))
                .putAnnotations("runplane.io/simulated-load", "200"));
        Workload scaled = Await.workload(runplane.client(), "serving", "llm", w -> w.getRunningPods() == 3);

        assertThat(scaled.getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        assertThat(scaled.getPodsList()).allSatisfy(p -> assertThat(p.getContainersList()).containsExactly("llm", "queue-proxy"));
        assertThat(scaled.getConnectionsList()).singleElement().satisfies(c -> assertThat(c.getUrl()).contains("llm"));
        assertThat(events("serving", "llm")).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("ScaledUp");
            assertThat(e.getMessage()).contains("to 3 replicas");
        });
        runplane.client().workloads().delete(ref("serving", "llm"));
        Await.deleted(runplane.client(), "serving", "llm");
    }

    @Test
    void aCrashingReplicaDegradesAnInferenceWorkload() {
        submit(WorkloadSpec.newBuilder().setProject("serving").setName("half-broken").setType(WorkloadType.WORKLOAD_TYPE_INFERENCE)
                .setImage("vllm/vllm-openai:v0.5.3")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1))
                .setInference(InferenceOptions.newBuilder().setMinReplicas(2).setMaxReplicas(2))
                .putAnnotations("runplane.io/simulated-exit-code", "137")
                .putAnnotations("runplane.io/simulated-failing-pods", "1")
                .putAnnotations("runplane.io/simulated-duration", "5s"));
        Workload degraded = Await.status(runplane.client(), "serving", "half-broken", WorkloadStatus.WORKLOAD_STATUS_DEGRADED);

        assertThat(degraded.getStatusMessage()).contains("CrashLoopBackOff");
        assertThat(degraded.getPodsList()).anySatisfy(p -> assertThat(p.getRestarts()).isPositive());
        assertThat(events("serving", "half-broken")).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("BackOff"));
        runplane.client().workloads().delete(ref("serving", "half-broken"));
    }

    @Test
    void interactiveWorkspacesExposeToolsAndNeverEndByThemselves() {
        submit(WorkloadSpec.newBuilder().setProject("vision").setName("notebook").setType(WorkloadType.WORKLOAD_TYPE_INTERACTIVE)
                .setImage("jupyter/pytorch-notebook:2024-05-27")
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1))
                .addTools(Tool.newBuilder().setName("jupyter").setKind("jupyter-notebook").setContainerPort(8888)
                        .setServiceType(ServiceType.SERVICE_TYPE_CLUSTER_IP))
                .putAnnotations("runplane.io/simulated-duration", "1s"));
        Workload running = Await.status(runplane.client(), "vision", "notebook", WorkloadStatus.WORKLOAD_STATUS_RUNNING);

        assertThat(running.getConnectionsList()).singleElement().satisfies(c -> {
            assertThat(c.getName()).isEqualTo("jupyter");
            assertThat(c.getUrl()).endsWith("/vision/notebook/jupyter/");
        });
        assertThat(running.getPriority()).isEqualTo(100);
        assertThat(running.getPreemptible()).isFalse();
        // A training of ten simulated seconds, submitted after the workspace, completes while the
        // workspace (annotated with a one-second run time) keeps running.
        submit(Specs.training("vision", "timer", "10s"));
        Await.status(runplane.client(), "vision", "timer", WorkloadStatus.WORKLOAD_STATUS_COMPLETED);
        assertThat(runplane.client().workloads().get(ref("vision", "notebook")).getStatus()).isEqualTo(WorkloadStatus.WORKLOAD_STATUS_RUNNING);
        runplane.client().workloads().delete(ref("vision", "notebook"));
    }

    @Test
    void finishedTrainingIsDeletedAfterItsTimeToLive() {
        submit(Specs.training("vision", "short-lived", "2s").setTraining(TrainingOptions.newBuilder().setTtlAfterFinishSeconds(5)));
        Await.status(runplane.client(), "vision", "short-lived", WorkloadStatus.WORKLOAD_STATUS_COMPLETED);
        Await.deleted(runplane.client(), "vision", "short-lived");
    }
}
