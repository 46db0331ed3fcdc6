package io.runplane.agent.backend.simulated;

import io.runplane.agent.backend.ClusterBackend;
import io.runplane.agent.backend.LaunchedPod;
import io.runplane.agent.backend.LogEntry;
import io.runplane.agent.backend.PodObservation;
import io.runplane.agent.backend.PodPhase;
import io.runplane.agent.backend.Signal;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.time.TimeScale;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A cluster that exists only in the agent: nodes from the cluster file, and pods whose life is a
 * function of their launch time, the wall clock (sped up by the {@link TimeScale}) and the
 * workload's {@link SimulationAnnotations}. It keeps no state of its own, so the agent's stored
 * pods are enough to carry on after a restart.
 */
public final class SimulatedBackend implements ClusterBackend {

    private final ClusterFile cluster;
    private final TimeScale scale;
    private final SyntheticLogs logs;
    private final SyntheticSignals signals;

    public SimulatedBackend(ClusterFile cluster, TimeScale scale) {
        this.cluster = cluster;
        this.scale = scale;
        this.logs = new SyntheticLogs(scale);
        this.signals = new SyntheticSignals(scale);
    }

    @Override
    public String kind() {
        return "simulated";
    }

    @Override
    public ClusterFile inventory() {
        return cluster;
    }

    @Override
    public void launch(LaunchedPod pod) {
        // Nothing to create: the pod's timeline follows from its launch time.
    }

    @Override
    public PodObservation observe(LaunchedPod pod, Instant now) {
        PodTimeline timeline = PodTimeline.of(pod, scale);
        if (now.isBefore(timeline.runStart())) {
            return PodObservation.of(PodPhase.CONTAINER_CREATING, timeline.launchedAt(), "Pulling image \"" + pod.image() + "\"");
        }
        if (timeline.pullFails()) {
            return PodObservation.of(PodPhase.IMAGE_PULL_BACK_OFF, timeline.runStart(),
                    "Back-off pulling image \"" + pod.image() + "\": manifest unknown or registry not reachable");
        }
        if (timeline.exitAt().isEmpty() || now.isBefore(timeline.exitAt().get())) {
            return PodObservation.of(PodPhase.RUNNING, timeline.runStart(), "Started container");
        }
        int code = timeline.exitCode();
        return new PodObservation(code == 0 ? PodPhase.SUCCEEDED : PodPhase.FAILED, timeline.exitAt().get(), code,
                code == 0 ? "Completed" : "Error: container exited with code " + code);
    }

    @Override
    public void terminate(LaunchedPod pod) {
        // The stored end time is all a simulated pod needs.
    }

    @Override
    public List<LogEntry> logs(LaunchedPod pod, Instant from, Instant to, int limit) {
        return logs.lines(pod, from, to, limit);
    }

    @Override
    public OptionalDouble measure(LaunchedPod pod, Signal signal, int gpuIndex, Instant at) {
        return signals.measure(pod, signal, gpuIndex, at);
    }

    @Override
    public Map<String, String> annotationProblems(Map<String, String> annotations) {
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        SimulationAnnotations.problems(annotations).forEach(e -> problems.put(e.getKey(), e.getValue()));
        return problems;
    }

    @Override
    public double requestRate(String workloadUuid, Map<String, String> annotations, Instant at) {
        return signals.requestRate(annotations, workloadUuid.hashCode(), at);
    }
}
