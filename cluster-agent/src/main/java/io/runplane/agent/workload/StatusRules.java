package io.runplane.agent.workload;

import io.runplane.agent.backend.PodPhase;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;

import java.util.List;

/** Derives the status of an active workload from its pods. */
final class StatusRules {

    record Derived(WorkloadStatus status, String message) {
    }

    private StatusRules() {
    }

    /**
     * @param requiredRunning pods that must run for Running (the gang, the minimum replicas)
     * @param progressing     the workload already finished some of its pods successfully (training
     *                        with several completions), so waiting for the next ones is still Running
     */
    static Derived derive(WorkloadType type, List<PodState> pods, int requiredRunning, boolean progressing) {
        if (pods.isEmpty() && progressing) {
            return new Derived(WorkloadStatus.WORKLOAD_STATUS_RUNNING, "creating the next pods");
        }
        if (pods.isEmpty()) {
            return type == WorkloadType.WORKLOAD_TYPE_INFERENCE
                    ? new Derived(WorkloadStatus.WORKLOAD_STATUS_RUNNING, "scaled to zero replicas")
                    : new Derived(WorkloadStatus.WORKLOAD_STATUS_PENDING, "waiting for pods to be created");
        }
        int running = 0;
        int bound = 0;
        String problem = "";
        String pendingReason = "";
        for (PodState pod : pods) {
            if (pod.phase() == PodPhase.RUNNING) {
                running++;
            }
            if (pod.bound()) {
                bound++;
            } else if (pendingReason.isEmpty() && !pod.pendingReason().isEmpty()) {
                pendingReason = pod.pendingReason();
            }
            if (problem.isEmpty() && (pod.phase() == PodPhase.IMAGE_PULL_BACK_OFF || pod.phase() == PodPhase.CRASH_LOOP_BACK_OFF)) {
                problem = pod.phase().display() + ": " + pod.message();
            }
        }
        boolean gang = type == WorkloadType.WORKLOAD_TYPE_DISTRIBUTED;
        boolean crashing = problem.startsWith(PodPhase.CRASH_LOOP_BACK_OFF.display());
        if (running == 0 && crashing) {
            return new Derived(WorkloadStatus.WORKLOAD_STATUS_DEGRADED, "0/" + pods.size() + " pods running; " + problem);
        }
        if (running == 0 && progressing) {
            return new Derived(WorkloadStatus.WORKLOAD_STATUS_RUNNING, "starting the next pods");
        }
        if (running == 0) {
            if (bound == 0 || (gang && bound < pods.size())) {
                return new Derived(WorkloadStatus.WORKLOAD_STATUS_PENDING,
                        pendingReason.isEmpty() ? "waiting to be scheduled" : pendingReason);
            }
            return new Derived(WorkloadStatus.WORKLOAD_STATUS_INITIALIZING,
                    problem.isEmpty() ? "pulling images and starting containers" : problem);
        }
        if (running < requiredRunning || !problem.isEmpty()) {
            String ready = running + "/" + pods.size() + " pods running";
            return new Derived(WorkloadStatus.WORKLOAD_STATUS_DEGRADED, problem.isEmpty() ? ready : ready + "; " + problem);
        }
        return new Derived(WorkloadStatus.WORKLOAD_STATUS_RUNNING, running + "/" + pods.size() + " pods running");
    }
}
