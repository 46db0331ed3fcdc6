package io.runplane.console.bench;

import com.google.protobuf.Timestamp;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.Connection;
import io.runplane.api.v1.Pod;
import io.runplane.api.v1.Resources;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadDelta;
import io.runplane.api.v1.WorkloadSnapshot;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fixed set of workloads shaped like a busy cluster's (types, projects, departments, creators,
 * GPU requests, one pod each) whose statuses change one at a time, each change with the next
 * revision, as the agent's watch reports them.
 */
final class SyntheticFleet {

    private static final WorkloadStatus[] STATUSES = {
            WorkloadStatus.WORKLOAD_STATUS_PENDING, WorkloadStatus.WORKLOAD_STATUS_INITIALIZING,
            WorkloadStatus.WORKLOAD_STATUS_RUNNING, WorkloadStatus.WORKLOAD_STATUS_RUNNING,
            WorkloadStatus.WORKLOAD_STATUS_RUNNING, WorkloadStatus.WORKLOAD_STATUS_DEGRADED,
            WorkloadStatus.WORKLOAD_STATUS_COMPLETED, WorkloadStatus.WORKLOAD_STATUS_FAILED,
            WorkloadStatus.WORKLOAD_STATUS_STOPPED};
    private static final WorkloadType[] TYPES = {WorkloadType.WORKLOAD_TYPE_TRAINING, WorkloadType.WORKLOAD_TYPE_TRAINING,
            WorkloadType.WORKLOAD_TYPE_INTERACTIVE, WorkloadType.WORKLOAD_TYPE_DISTRIBUTED, WorkloadType.WORKLOAD_TYPE_INFERENCE};
    private static final String[] IMAGES = {"pytorch/pytorch:2.4", "nvcr.io/nvidia/tensorflow:24.05", "jupyter/scipy-notebook",
            "vllm/vllm-openai:0.6", "huggingface/transformers-pytorch-gpu"};
    private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};
    private static final double[] GPUS = {0, 0.25, 0.5, 1, 1, 2, 4, 8};
    private static final long START_SECONDS = 1_764_000_000L;

    private final Workload[] workloads;
    private final SplittableRandom random;
    private long revision;

    SyntheticFleet(int count, long seed) {
        random = new SplittableRandom(seed);
        workloads = new Workload[count];
        for (int i = 0; i < count; i++) {
            workloads[i] = withStatus(create(i), STATUSES[random.nextInt(STATUSES.length)]);
        }
    }

    synchronized long revision() {
        return revision;
    }

    synchronized WatchWorkloadsResponse snapshot() {
        return WatchWorkloadsResponse.newBuilder().setRevision(revision)
                .setSnapshot(WorkloadSnapshot.newBuilder().addAllWorkloads(Arrays.asList(workloads))).build();
    }

    /** Moves one workload, chosen at random, to another status. */
    synchronized WatchWorkloadsResponse nextChange() {
        int i = random.nextInt(workloads.length);
        WorkloadStatus next;
        do {
            next = STATUSES[random.nextInt(STATUSES.length)];
        } while (next == workloads[i].getStatus());
        workloads[i] = withStatus(workloads[i], next);
        return WatchWorkloadsResponse.newBuilder().setRevision(revision)
                .setDelta(WorkloadDelta.newBuilder().setKind(WorkloadDelta.Kind.KIND_UPSERTED).setWorkload(workloads[i]))
                .build();
    }

    private Workload withStatus(Workload workload, WorkloadStatus status) {
        boolean running = status == WorkloadStatus.WORKLOAD_STATUS_RUNNING || status == WorkloadStatus.WORKLOAD_STATUS_DEGRADED;
        Pod pod = workload.getPods(0).toBuilder()
                .setPhase(running ? "Running" : status == WorkloadStatus.WORKLOAD_STATUS_PENDING ? "Pending" : "Succeeded")
                .build();
        Resources requested = workload.getRequested();
        return workload.toBuilder()
                .setStatus(status)
                .setStatusMessage(status == WorkloadStatus.WORKLOAD_STATUS_PENDING ? "not enough GPUs in node pool default" : "")
                .setRunningPods(running ? 1 : 0)
                .setAllocated(running ? requested : Resources.getDefaultInstance())
                .setPods(0, pod)
                .setRevision(++revision)
                .build();
    }

    private Workload create(int i) {
        WorkloadType type = TYPES[random.nextInt(TYPES.length)];
        int project = random.nextInt(40);
        double gpus = GPUS[random.nextInt(GPUS.length)];
        String name = (type == WorkloadType.WORKLOAD_TYPE_INTERACTIVE ? "ws-" : "job-") + i;
        String image = IMAGES[random.nextInt(IMAGES.length)];
        long cpu = 500L + random.nextInt(16) * 500L;
        long memory = 1024L * (1 + random.nextInt(64));
        Resources requested = Resources.newBuilder().setGpu(gpus).setGpuMemoryMib((long) (gpus * 40_960))
                .setCpuMillis(cpu).setMemoryMib(memory).build();
        Workload.Builder w = Workload.newBuilder()
                .setUuid("bench-" + i)
                .setSpec(WorkloadSpec.newBuilder().setProject("project-" + project).setName(name).setType(type).setImage(image)
                        .setCompute(ComputeRequest.newBuilder().setGpuDevices((int) gpus)
                                .setGpuPortion(gpus < 1 ? gpus : 0).setCpuMillis(cpu).setMemoryMib(memory))
                        .addNodePools(gpus >= 4 ? "a100" : "default"))
                .setDepartment("department-" + project / 8)
                .setCreatedBy(USERS[random.nextInt(USERS.length)])
                .setCreatedAt(Timestamp.newBuilder().setSeconds(START_SECONDS + i * 7L + random.nextInt(7)))
                .setRequestedPods(1)
                .setRequested(requested)
                .setPreemptible(random.nextInt(3) > 0)
                .setPriority(type == WorkloadType.WORKLOAD_TYPE_TRAINING ? 50 : 100)
                .setCluster("bench")
                .addPods(Pod.newBuilder().setName(name + "-0").setUuid("bench-pod-" + i).setNode("node-" + random.nextInt(500))
                        .setNodePool(gpus >= 4 ? "a100" : "default").setImage(image));
        if (type == WorkloadType.WORKLOAD_TYPE_INTERACTIVE) {
            w.addConnections(Connection.newBuilder().setName("jupyter").setKind("url")
                    .setUrl("http://127.0.0.1:8888/" + name));
        }
        return w.build();
    }
}
