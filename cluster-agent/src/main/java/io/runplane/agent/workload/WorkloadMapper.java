package io.runplane.agent.workload;

import com.google.protobuf.Timestamp;
import io.runplane.agent.backend.LaunchedPod;
import io.runplane.agent.backend.PodPhase;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.Connection;
import io.runplane.api.v1.EnvVar;
import io.runplane.api.v1.Pod;
import io.runplane.api.v1.Resources;
import io.runplane.api.v1.Tool;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadEvent;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;
import io.runplane.manifest.Namespaces;

import java.time.Instant;
import java.util.List;

/** Turns the tracked state into the API's messages. */
public final class WorkloadMapper {

    /** Finished pods listed in a Workload message (the newest); older ones stay in the store for logs and metrics. */
    static final int MAX_FINISHED_PODS_SHOWN = 50;

    private final ClusterFile cluster;

    public WorkloadMapper(ClusterFile cluster) {
        this.cluster = cluster;
    }

    public Workload toProto(WorkloadState w) {
        Workload.Builder b = Workload.newBuilder()
                .setUuid(w.uuid())
                .setSpec(w.spec())
                .setStatus(w.status())
                .setStatusMessage(w.statusMessage())
                .setDepartment(w.department())
                .setCreatedBy(w.createdBy())
                .setCreatedAt(timestamp(w.createdAt()))
                .setPreemptible(w.preemptible())
                .setPriority(w.priorityClass().value())
                .setCluster(cluster.cluster())
                .setRevision(w.revision())
                .setRequestedPods(requestedPods(w))
                .setRequested(requested(w))
                .setAllocated(allocated(w));
        w.completedAt().ifPresent(t -> b.setCompletedAt(timestamp(t)));
        int running = 0;
        for (PodState pod : w.pods()) {
            if (pod.phase() == PodPhase.RUNNING) {
                running++;
            }
        }
        b.setRunningPods(running);
        List<PodState> pods = w.allPods();
        int shown = Math.min(pods.size(), w.pods().size() + MAX_FINISHED_PODS_SHOWN);
        for (PodState pod : pods.subList(0, shown)) {
            b.addPods(pod(w, pod));
        }
        b.addAllConnections(connections(w));
        return b.build();
    }

    public Pod pod(WorkloadState w, PodState pod) {
        Pod.Builder b = Pod.newBuilder()
                .setName(pod.name())
                .setUuid(pod.uuid())
                .setIndex(pod.index())
                .setPhase(pod.phase().display())
                .setNode(pod.node())
                .setNodePool(pod.nodePool())
                .setImage(w.spec().getImage())
                .addAllGpuIndices(pod.gpuIndices())
                .setGpuFraction(pod.gpuFraction())
                .addAllContainers(PodFactory.containers(w.spec()))
                .setPendingReason(pod.pendingReason())
                .setRole(pod.role())
                .setRestarts(pod.restarts())
                .setExitCode(pod.exitCode())
                .setMessage(pod.message());
        pod.runningSince().ifPresent(t -> b.setStartedAt(timestamp(t)));
        pod.endedAt().ifPresent(t -> b.setFinishedAt(timestamp(t)));
        for (LaunchedPod.EnvVarValue env : PodFactory.environment(w, pod)) {
            b.addEnvironment(EnvVar.newBuilder().setName(env.name()).setValue(env.value()));
        }
        return b.build();
    }

    public static WorkloadEvent event(EventRecord e) {
        return WorkloadEvent.newBuilder()
                .setTime(timestamp(e.time()))
                .setType(e.type())
                .setReason(e.reason())
                .setMessage(e.message())
                .setStatus(e.status())
                .setPod(e.pod())
                .setSource(e.source())
                .build();
    }

    /** What a pod of this workload looks like to the backend. */
    public LaunchedPod launched(WorkloadState w, PodState pod) {
        ComputeRequest c = w.spec().getCompute();
        long deviceMemory = cluster.node(pod.node()).map(ClusterFile.NodeDef::gpuMemoryMiB).orElse(0L);
        return new LaunchedPod(pod.uuid(), pod.name(), pod.index(), pod.role(), w.project(), w.name(), w.uuid(),
                w.spec().getType(), w.spec().getImage(), w.spec().getAnnotationsMap(), PodFactory.containers(w.spec()),
                PodFactory.environment(w, pod), pod.node(), pod.gpuIndices(), pod.gpuFraction(), deviceMemory,
                c.getCpuMillis(), c.getMemoryMib(), pod.launchedAt().orElse(pod.createdAt()), pod.runningSince(), pod.endedAt(),
                pod.attempt(), pod.restarts(), pod.seed(), w.spec().getVolumesList());
    }

    static int requestedPods(WorkloadState w) {
        WorkloadSpec spec = w.spec();
        return switch (spec.getType()) {
            case WORKLOAD_TYPE_DISTRIBUTED -> spec.getDistributed().getWorkers() + (spec.getDistributed().getMaster() ? 1 : 0);
            case WORKLOAD_TYPE_INFERENCE -> Math.max(w.desiredReplicas(), w.pods().size());
            case WORKLOAD_TYPE_TRAINING -> Math.max(0, Math.min(PodFactory.parallelism(spec), PodFactory.completions(spec) - w.succeeded()));
            default -> 1;
        };
    }

    private static Resources requested(WorkloadState w) {
        ComputeRequest c = w.spec().getCompute();
        int pods = w.finished() ? 0 : requestedPods(w);
        double gpu = c.getGpuDevices() > 0 ? c.getGpuDevices() : c.getGpuPortion();
        return Resources.newBuilder()
                .setGpu(gpu * pods)
                .setGpuMemoryMib(c.getGpuMemoryMib() * pods)
                .setCpuMillis(c.getCpuMillis() * pods)
                .setMemoryMib(c.getMemoryMib() * pods)
                .build();
    }

    private Resources allocated(WorkloadState w) {
        ComputeRequest c = w.spec().getCompute();
        double gpu = 0;
        long gpuMemory = 0;
        long cpu = 0;
        long memory = 0;
        for (PodState pod : w.pods()) {
            if (!pod.bound() || !pod.phase().holdsNode()) {
                continue;
            }
            long device = cluster.node(pod.node()).map(ClusterFile.NodeDef::gpuMemoryMiB).orElse(0L);
            gpu += pod.gpuIndices().size() * pod.gpuFraction();
            gpuMemory += (long) (pod.gpuIndices().size() * pod.gpuFraction() * device);
            cpu += c.getCpuMillis();
            memory += c.getMemoryMib();
        }
        return Resources.newBuilder().setGpu(gpu).setGpuMemoryMib(gpuMemory).setCpuMillis(cpu).setMemoryMib(memory).build();
    }

    private List<Connection> connections(WorkloadState w) {
        String base = "https://" + cluster.cluster() + ".runplane.local/" + w.project() + "/" + w.name();
        if (w.spec().getType() == WorkloadType.WORKLOAD_TYPE_INFERENCE) {
            return List.of(Connection.newBuilder().setName("endpoint").setKind("inference-endpoint")
                    .setUrl("http://" + w.name() + "." + namespace(w) + ".svc.cluster.local").build());
        }
        return w.spec().getToolsList().stream().map(tool -> Connection.newBuilder()
                .setName(tool.getName())
                .setKind(tool.getKind())
                .setUrl(url(base, w, tool))
                .build()).toList();
    }

    private String url(String base, WorkloadState w, Tool tool) {
        return switch (tool.getServiceType()) {
            case SERVICE_TYPE_NODE_PORT -> "http://" + w.pods().stream().filter(PodState::bound).map(PodState::node).findFirst().orElse("pending-node")
                    + ":" + (30000 + Math.floorMod((w.uuid() + tool.getName()).hashCode(), 2768));
            case SERVICE_TYPE_LOAD_BALANCER -> "http://" + w.name() + "-" + tool.getName() + "." + cluster.cluster() + ".runplane.local:" + tool.getContainerPort();
            default -> base + "/" + tool.getName() + "/";
        };
    }

    private String namespace(WorkloadState w) {
        return cluster.project(w.project()).map(ClusterFile.ProjectDef::namespace).orElse(Namespaces.ofProject(w.project()));
    }

    public static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    public static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
