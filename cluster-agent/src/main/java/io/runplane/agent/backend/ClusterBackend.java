package io.runplane.agent.backend;

import io.runplane.agent.cluster.ClusterFile;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The agent's port to "the cluster": the inventory (nodes, pools, organization), the life of the
 * pods the agent has bound, their logs and their measurements. Everything above it (API, scheduler
 * loop, histories) is the same for every backend.
 */
public interface ClusterBackend {

    /** {@code simulated} or {@code kubernetes}. */
    String kind();

    /** Node pools, nodes, departments and projects. */
    ClusterFile inventory();

    /** Starts a pod on the node it was bound to. */
    void launch(LaunchedPod pod);

    /** Where a launched pod stands now. */
    PodObservation observe(LaunchedPod pod, Instant now);

    /** Kills a launched pod's containers and frees its node. */
    void terminate(LaunchedPod pod);

    /** Log lines of one pod written in [from, to], oldest first, at most {@code limit} of the newest. */
    List<LogEntry> logs(LaunchedPod pod, Instant from, Instant to, int limit);

    /** A measurement of a pod at one time; empty when the pod was not running then. */
    OptionalDouble measure(LaunchedPod pod, Signal signal, int gpuIndex, Instant at);

    /**
     * Problems with the annotations that steer this backend (e.g. the simulation's), keyed by
     * annotation; empty when they are fine or the backend reads none.
     */
    java.util.Map<String, String> annotationProblems(java.util.Map<String, String> annotations);

    /** Requests per second offered to an inference workload at a time (its autoscaling input). */
    double requestRate(String workloadUuid, java.util.Map<String, String> annotations, Instant at);
}
