package io.runplane.agent.workload;

import io.runplane.agent.backend.LaunchedPod;
import io.runplane.api.v1.DistributedFramework;
import io.runplane.api.v1.EnvVar;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Renders a workload into pods: names, roles, containers and the environment every container gets.
 *
 * <p>Environment set by Runplane (after the user's variables): {@code RUNPLANE_PROJECT},
 * {@code RUNPLANE_WORKLOAD}, {@code RUNPLANE_WORKLOAD_TYPE}, {@code RUNPLANE_WORKLOAD_UUID},
 * {@code JOB_NAME}, {@code JOB_UUID} (same as the workload's), {@code POD_NAME}, {@code POD_UUID},
 * {@code POD_INDEX}; distributed PyTorch also {@code MASTER_ADDR}, {@code MASTER_PORT},
 * {@code WORLD_SIZE}, {@code RANK}; inference {@code PORT}.
 */
public final class PodFactory {

    public static final String MASTER = "master";
    public static final String WORKER = "worker";
    public static final String REPLICA = "replica";
    static final int MASTER_PORT = 23456;

    PodState create(WorkloadState w, int index, String role, Instant now) {
        UUID uuid = UUID.randomUUID();
        String suffix = uuid.toString().replace("-", "").substring(0, 5);
        String name = switch (w.spec().getType()) {
            case WORKLOAD_TYPE_DISTRIBUTED -> w.name() + "-" + role + "-" + index;
            case WORKLOAD_TYPE_INFERENCE -> w.name() + "-" + suffix;
            default -> w.name() + "-" + index + "-" + suffix;
        };
        long seed = uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
        return new PodState(uuid.toString(), name, index, role, w.failures(), now, seed);
    }

    /** The pods a workload starts with (or restarts with, after a stop or a gang failure). */
    List<PodState> initialPods(WorkloadState w, int inferenceReplicas, Instant now) {
        WorkloadSpec spec = w.spec();
        List<PodState> pods = new ArrayList<>();
        switch (spec.getType()) {
            case WORKLOAD_TYPE_DISTRIBUTED -> {
                if (spec.getDistributed().getMaster()) {
                    pods.add(create(w, 0, MASTER, now));
                }
                for (int i = 0; i < spec.getDistributed().getWorkers(); i++) {
                    pods.add(create(w, i, WORKER, now));
                }
            }
            case WORKLOAD_TYPE_INFERENCE -> {
                for (int i = 0; i < inferenceReplicas; i++) {
                    pods.add(create(w, w.takeIndex(), REPLICA, now));
                }
            }
            case WORKLOAD_TYPE_TRAINING -> {
                int count = Math.min(parallelism(spec), completions(spec) - w.succeeded());
                for (int i = 0; i < count; i++) {
                    pods.add(create(w, w.takeIndex(), "", now));
                }
            }
            default -> pods.add(create(w, 0, "", now));
        }
        return pods;
    }

    static int completions(WorkloadSpec spec) {
        return Math.max(1, spec.getTraining().getCompletions());
    }

    static int parallelism(WorkloadSpec spec) {
        return Math.max(1, spec.getTraining().getParallelism());
    }

    static int backoffLimit(WorkloadSpec spec) {
        return spec.getTraining().hasBackoffLimit() ? spec.getTraining().getBackoffLimit() : 6;
    }

    /** Containers of each pod: the workload's own, plus the request proxy for inference. */
    static List<String> containers(WorkloadSpec spec) {
        if (spec.getType() == WorkloadType.WORKLOAD_TYPE_INFERENCE) {
            return List.of(spec.getName(), "queue-proxy");
        }
        return List.of(spec.getName());
    }

    /** The pod's environment: the user's variables, then Runplane's (see the class comment). */
    static List<LaunchedPod.EnvVarValue> environment(WorkloadState w, PodState pod) {
        WorkloadSpec spec = w.spec();
        List<LaunchedPod.EnvVarValue> env = new ArrayList<>();
        for (EnvVar v : spec.getEnvironmentList()) {
            env.add(new LaunchedPod.EnvVarValue(v.getName(), v.getSecretRef().isEmpty() ? v.getValue() : "<from secret " + v.getSecretRef() + ">"));
        }
        env.add(new LaunchedPod.EnvVarValue("RUNPLANE_PROJECT", w.project()));
        env.add(new LaunchedPod.EnvVarValue("RUNPLANE_WORKLOAD", w.name()));
        env.add(new LaunchedPod.EnvVarValue("RUNPLANE_WORKLOAD_TYPE", typeName(spec.getType())));
        env.add(new LaunchedPod.EnvVarValue("RUNPLANE_WORKLOAD_UUID", w.uuid()));
        env.add(new LaunchedPod.EnvVarValue("JOB_NAME", w.name()));
        env.add(new LaunchedPod.EnvVarValue("JOB_UUID", w.uuid()));
        env.add(new LaunchedPod.EnvVarValue("POD_NAME", pod.name()));
        env.add(new LaunchedPod.EnvVarValue("POD_UUID", pod.uuid()));
        env.add(new LaunchedPod.EnvVarValue("POD_INDEX", Integer.toString(pod.index())));
        if (spec.getType() == WorkloadType.WORKLOAD_TYPE_DISTRIBUTED) {
            var d = spec.getDistributed();
            int world = d.getWorkers() + (d.getMaster() ? 1 : 0);
            int rank = pod.role().equals(MASTER) ? 0 : pod.index() + (d.getMaster() ? 1 : 0);
            String master = d.getMaster() ? w.name() + "-master-0" : w.name() + "-worker-0";
            if (d.getFramework() == DistributedFramework.DISTRIBUTED_FRAMEWORK_PYTORCH
                    || d.getFramework() == DistributedFramework.DISTRIBUTED_FRAMEWORK_UNSPECIFIED) {
                env.add(new LaunchedPod.EnvVarValue("MASTER_ADDR", master));
                env.add(new LaunchedPod.EnvVarValue("MASTER_PORT", Integer.toString(MASTER_PORT)));
            }
            env.add(new LaunchedPod.EnvVarValue("WORLD_SIZE", Integer.toString(world)));
            env.add(new LaunchedPod.EnvVarValue("RANK", Integer.toString(rank)));
        }
        if (spec.getType() == WorkloadType.WORKLOAD_TYPE_INFERENCE) {
            int port = spec.getInference().getContainerPort() == 0 ? 8080 : spec.getInference().getContainerPort();
            env.add(new LaunchedPod.EnvVarValue("PORT", Integer.toString(port)));
        }
        return env;
    }

    public static String typeName(WorkloadType type) {
        return switch (type) {
            case WORKLOAD_TYPE_TRAINING -> "training";
            case WORKLOAD_TYPE_INTERACTIVE -> "interactive";
            case WORKLOAD_TYPE_DISTRIBUTED -> "distributed";
            case WORKLOAD_TYPE_INFERENCE -> "inference";
            default -> "unspecified";
        };
    }
}
