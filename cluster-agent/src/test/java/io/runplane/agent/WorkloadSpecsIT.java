package io.runplane.agent;

import com.google.protobuf.Timestamp;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.DistributedFramework;
import io.runplane.api.v1.DistributedOptions;
import io.runplane.api.v1.EnvVar;
import io.runplane.api.v1.InferenceOptions;
import io.runplane.api.v1.ListWorkloadsRequest;
import io.runplane.api.v1.Pod;
import io.runplane.api.v1.Security;
import io.runplane.api.v1.ServiceType;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.Toleration;
import io.runplane.api.v1.Tool;
import io.runplane.api.v1.TrainingOptions;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every type's own fields survive Submit → Get/List (for "copy & edit"), and pods get the environment users expect. */
class WorkloadSpecsIT {

    @RegisterExtension
    static final RunningAgent runplane = RunningAgent.atTimeScale(50);

    private static WorkloadSpec.Builder common(String name, WorkloadType type) {
        return WorkloadSpec.newBuilder().setProject("vision").setName(name).setType(type)
                .setImage("registry.example.com/team/app:1.2").setImagePullPolicy("IfNotPresent")
                .addCommand("python").addArgs("main.py").addArgs("--epochs=3")
                .addEnvironment(EnvVar.newBuilder().setName("LEARNING_RATE").setValue("0.001"))
                .setCompute(ComputeRequest.newBuilder().setGpuDevices(1).setCpuMillis(2000).setCpuLimitMillis(4000)
                        .setMemoryMib(8192).setMemoryLimitMib(16384).setLargeShm(true))
                .addNodePools("l40s")
                .addTolerations(Toleration.newBuilder().setKey("dedicated").setOperator("Equal").setValue("ml").setEffect("NoSchedule"))
                .putLabels("team", "perception").putAnnotations("runplane.io/simulated-duration", "1h")
                .setWorkingDir("/workspace")
                .setSecurity(Security.newBuilder().setRunAsUid(1000).setRunAsGid(1000).addSupplementalGroups(2000));
    }

    private static Workload submit(WorkloadSpec spec) {
        return runplane.client().workloads().submit(SubmitWorkloadRequest.newBuilder().setSpec(spec).build()).getWorkload();
    }

    private static Workload get(String name) {
        return runplane.client().workloads().get(WorkloadRef.newBuilder().setProject("vision").setName(name).build());
    }

    @Test
    void eachTypesOwnFieldsComeBackFromGetAndListAsSubmitted() {
        List<WorkloadSpec> specs = List.of(
                common("spec-training", WorkloadType.WORKLOAD_TYPE_TRAINING)
                        .setTraining(TrainingOptions.newBuilder().setCompletions(4).setParallelism(2).setBackoffLimit(3)
                                .setTtlAfterFinishSeconds(3600)).build(),
                common("spec-workspace", WorkloadType.WORKLOAD_TYPE_INTERACTIVE).setPreemptible(true)
                        .addTools(Tool.newBuilder().setName("jupyter").setKind("jupyter-notebook").setContainerPort(8888)
                                .setServiceType(ServiceType.SERVICE_TYPE_CLUSTER_IP))
                        .addTools(Tool.newBuilder().setName("tensorboard").setKind("tensorboard").setContainerPort(6006)
                                .setServiceType(ServiceType.SERVICE_TYPE_NODE_PORT)).build(),
                common("spec-distributed", WorkloadType.WORKLOAD_TYPE_DISTRIBUTED)
                        .setTraining(TrainingOptions.newBuilder().setBackoffLimit(2))
                        .setDistributed(DistributedOptions.newBuilder().setFramework(DistributedFramework.DISTRIBUTED_FRAMEWORK_TENSORFLOW)
                                .setWorkers(2).setMaster(true).setMasterCompute(ComputeRequest.newBuilder().setCpuMillis(1000).setMemoryMib(4096))
                                .setCleanPodPolicy("Running")).build(),
                common("spec-inference", WorkloadType.WORKLOAD_TYPE_INFERENCE)
                        .setInference(InferenceOptions.newBuilder().setMinReplicas(1).setMaxReplicas(4).setMetric("latency").setTarget(250)
                                .setContainerPort(8080)).build());
        for (WorkloadSpec spec : specs) {
            assertThat(submit(spec).getSpec()).as("Submit's answer for " + spec.getName()).isEqualTo(spec);
        }

        for (WorkloadSpec spec : specs) {
            assertThat(get(spec.getName()).getSpec()).as("Get of " + spec.getName()).isEqualTo(spec);
        }
        List<WorkloadSpec> listed = runplane.client().workloads().list(ListWorkloadsRequest.newBuilder().setProject("vision")
                .setSearch("spec-").setOrderBy("name").build()).getWorkloadsList().stream().map(Workload::getSpec).toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(specs);
        assertThat(get("spec-workspace").getPreemptible()).isTrue();
        assertThat(get("spec-workspace").getPriority()).as("interactive-preemptible").isEqualTo(75);
    }

    @Test
    void podsCarryProjectWorkloadIndexAndUuidsInTheirEnvironment() {
        Workload submitted = submit(Specs.training("vision", "env-sweep", "1h").clearNodePools().addNodePools("l40s")
                .addEnvironment(EnvVar.newBuilder().setName("SEED").setValue("7"))
                .setTraining(TrainingOptions.newBuilder().setCompletions(2).setParallelism(2)).build());
        Workload running = Await.workload(runplane.client(), "vision", "env-sweep", w -> w.getRunningPods() == 2);

        Set<String> podUuids = new HashSet<>();
        for (Pod pod : running.getPodsList()) {
            Map<String, String> env = pod.getEnvironmentList().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
            assertThat(pod.getEnvironmentList().getFirst().getName()).as("the user's variables come first").isEqualTo("SEED");
            assertThat(env).containsEntry("RUNPLANE_PROJECT", "vision").containsEntry("RUNPLANE_WORKLOAD", "env-sweep")
                    .containsEntry("RUNPLANE_WORKLOAD_TYPE", "training")
                    .containsEntry("RUNPLANE_WORKLOAD_UUID", submitted.getUuid()).containsEntry("JOB_NAME", "env-sweep")
                    .containsEntry("JOB_UUID", submitted.getUuid()).containsEntry("POD_NAME", pod.getName())
                    .containsEntry("POD_UUID", pod.getUuid()).containsEntry("POD_INDEX", Integer.toString(pod.getIndex()))
                    .containsEntry("SEED", "7");
            podUuids.add(pod.getUuid());
        }
        assertThat(podUuids).hasSize(2).doesNotContain("", submitted.getUuid());
        runplane.client().workloads().delete(WorkloadRef.newBuilder().setProject("vision").setName("env-sweep").build());
    }

    @Test
    void aSweepNeverRunsMorePodsAtOnceThanItsParallelism() {
        submit(Specs.training("vision", "narrow-sweep", "5s").clearNodePools().addNodePools("l40s")
                .setTraining(TrainingOptions.newBuilder().setCompletions(5).setParallelism(2)).build());
        Workload done = Await.status(runplane.client(), "vision", "narrow-sweep", WorkloadStatus.WORKLOAD_STATUS_COMPLETED);

        assertThat(done.getPodsList()).hasSize(5).allSatisfy(p -> {
            assertThat(p.hasStartedAt()).isTrue();
            assertThat(p.hasFinishedAt()).isTrue();
        });
        List<long[]> edges = new ArrayList<>();
        for (Pod p : done.getPodsList()) {
            edges.add(new long[] {nanos(p.getStartedAt()), +1});
            edges.add(new long[] {nanos(p.getFinishedAt()), -1});
        }
        // At equal times an end counts before a start: a pod replacing one that just ended is not overlap.
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int running = 0;
        int most = 0;
        for (long[] edge : edges) {
            running += (int) edge[1];
            most = Math.max(most, running);
        }
        assertThat(most).isEqualTo(2);
    }

    private static long nanos(Timestamp t) {
        return t.getSeconds() * 1_000_000_000L + t.getNanos();
    }
}
