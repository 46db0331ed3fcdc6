package io.runplane.console;

import com.google.protobuf.Timestamp;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.Resources;
import io.runplane.api.v1.WatchWorkloadsResponse;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadDelta;
import io.runplane.api.v1.WorkloadSnapshot;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import java.util.List;

/** Small builders of workloads and watch messages for tests. */
public final class Workloads {

    private Workloads() {
    }

    public static Workload workload(String project, String name, WorkloadStatus status, int gpus, long revision) {
        return Workload.newBuilder()
                .setUuid(project + "-" + name)
                .setSpec(WorkloadSpec.newBuilder().setProject(project).setName(name)
                        .setType(WorkloadType.WORKLOAD_TYPE_TRAINING).setImage("pytorch/pytorch:2.4")
                        .setCompute(ComputeRequest.newBuilder().setGpuDevices(gpus)))
                .setStatus(status)
                .setDepartment("research")
                .setCreatedBy("alice")
                .setCreatedAt(Timestamp.newBuilder().setSeconds(1_700_000_000L + revision))
                .setRequested(Resources.newBuilder().setGpu(gpus))
                .setRunningPods(status == WorkloadStatus.WORKLOAD_STATUS_RUNNING ? 1 : 0)
                .setRequestedPods(1)
                .setPreemptible(true)
                .setRevision(revision)
                .build();
    }

    public static WatchWorkloadsResponse snapshot(long revision, Workload... workloads) {
        return WatchWorkloadsResponse.newBuilder().setRevision(revision)
                .setSnapshot(WorkloadSnapshot.newBuilder().addAllWorkloads(List.of(workloads))).build();
    }

    public static WatchWorkloadsResponse upserted(Workload workload) {
        return WatchWorkloadsResponse.newBuilder().setRevision(workload.getRevision())
                .setDelta(WorkloadDelta.newBuilder().setKind(WorkloadDelta.Kind.KIND_UPSERTED).setWorkload(workload)).build();
    }

    public static WatchWorkloadsResponse deleted(Workload workload, long revision) {
        return WatchWorkloadsResponse.newBuilder().setRevision(revision)
                .setDelta(WorkloadDelta.newBuilder().setKind(WorkloadDelta.Kind.KIND_DELETED).setWorkload(workload)).build();
    }
}
