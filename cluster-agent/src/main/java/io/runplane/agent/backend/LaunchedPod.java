package io.runplane.agent.backend;

import io.runplane.api.v1.Volume;
import io.runplane.api.v1.WorkloadType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pod the agent has bound to a node, as the backend needs it to run, observe and report on it.
 *
 * @param launchedAt when the current container run was started (bind time, or the last restart)
 * @param endedAt    when the pod stopped holding its node, if it did
 * @param attempt    how many runs of this workload failed before this pod was created
 * @param seed       stable per pod: synthetic logs and metrics derive from it
 * @param volumes    the workload's volumes (S3 and Git ones are fetched by init containers before it starts)
 */
public record LaunchedPod(
        String uuid,
        String name,
        int index,
        String role,
        String project,
        String workload,
        String workloadUuid,
        WorkloadType type,
        String image,
        Map<String, String> annotations,
        List<String> containers,
        List<EnvVarValue> environment,
        String node,
        List<Integer> gpuIndices,
        double gpuFraction,
        long deviceMemoryMiB,
        long cpuMillis,
        long memoryMiB,
        Instant launchedAt,
        Optional<Instant> runningSince,
        Optional<Instant> endedAt,
        int attempt,
        int restarts,
        long seed,
        List<Volume> volumes) {

    public LaunchedPod {
        annotations = Map.copyOf(annotations);
        containers = List.copyOf(containers);
        environment = List.copyOf(environment);
        gpuIndices = List.copyOf(gpuIndices);
        volumes = List.copyOf(volumes);
    }

    /** One environment variable as the container sees it. */
    public record EnvVarValue(String name, String value) {
    }
}
