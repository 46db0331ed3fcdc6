package io.runplane.agent.backend.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.runplane.agent.backend.PodObservation;
import io.runplane.agent.backend.PodPhase;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What a Pod's status says in the agent's terms: its phase, since when, its exit code and why. */
final class PodStatusReading {

    private static final Set<String> PULL_FAILURES = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull");

    private PodStatusReading() {
    }

    /** @param launchedAt when the agent created the pod: the time of the phases Kubernetes gives no time for */
    static PodObservation observe(Pod pod, Instant launchedAt) {
        Instant created = time(pod.getMetadata().getCreationTimestamp()).orElse(launchedAt);
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return PodObservation.of(PodPhase.TERMINATING, time(pod.getMetadata().getDeletionTimestamp()).orElse(created), "Terminating");
        }
        PodStatus status = pod.getStatus();
        List<ContainerStatus> containers = status == null || status.getContainerStatuses() == null ? List.of() : status.getContainerStatuses();
        String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase();
        return switch (phase) {
            case "Succeeded" -> new PodObservation(PodPhase.SUCCEEDED, finishedAt(containers).orElse(created), 0, "Completed");
            case "Failed" -> failed(status, containers, created);
            case "Running" -> running(containers, created);
            default -> pending(pod, containers, created);
        };
    }

    private static PodObservation failed(PodStatus status, List<ContainerStatus> containers, Instant created) {
        Optional<ContainerStateTerminated> failure = containers.stream()
                .map(c -> c.getState() == null ? null : c.getState().getTerminated())
                .filter(Objects::nonNull)
                .filter(t -> t.getExitCode() != null && t.getExitCode() != 0)
                .findFirst();
        if (failure.isPresent()) {
            ContainerStateTerminated t = failure.get();
            String reason = t.getReason() == null ? "Error" : t.getReason();
            return new PodObservation(PodPhase.FAILED, time(t.getFinishedAt()).orElse(created), t.getExitCode(),
                    reason + ": container exited with code " + t.getExitCode());
        }
        String reason = status.getReason() == null ? "Failed" : status.getReason();
        String message = status.getMessage() == null ? reason : reason + ": " + status.getMessage();
        return new PodObservation(PodPhase.FAILED, finishedAt(containers).orElse(created), 1, message);
    }

    private static PodObservation running(List<ContainerStatus> containers, Instant created) {
        for (ContainerStatus c : containers) {
            ContainerStateWaiting waiting = c.getState() == null ? null : c.getState().getWaiting();
            if (waiting != null && "CrashLoopBackOff".equals(waiting.getReason())) {
                return PodObservation.of(PodPhase.CRASH_LOOP_BACK_OFF, created, message(waiting));
            }
        }
        Instant started = containers.stream()
                .map(c -> c.getState() == null || c.getState().getRunning() == null ? null : c.getState().getRunning().getStartedAt())
                .map(PodStatusReading::time)
                .flatMap(Optional::stream)
                .max(Instant::compareTo).orElse(created);
        return PodObservation.of(PodPhase.RUNNING, started, "Started container");
    }

    private static PodObservation pending(Pod pod, List<ContainerStatus> containers, Instant created) {
        if (pod.getSpec() == null || pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
            Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
            return PodObservation.of(PodPhase.PENDING, created, "waiting for the binding to node "
                    + annotations.getOrDefault(PodManifest.NODE_ANNOTATION, "?"));
        }
        for (ContainerStatus c : containers) {
            ContainerStateWaiting waiting = c.getState() == null ? null : c.getState().getWaiting();
            if (waiting != null && PULL_FAILURES.contains(waiting.getReason())) {
                return PodObservation.of(PodPhase.IMAGE_PULL_BACK_OFF, created, message(waiting));
            }
        }
        String reason = containers.stream()
                .map(c -> c.getState() == null ? null : c.getState().getWaiting())
                .filter(Objects::nonNull)
                .map(PodStatusReading::message)
                .findFirst().orElse("ContainerCreating");
        return PodObservation.of(PodPhase.CONTAINER_CREATING, created, reason);
    }

    private static Optional<Instant> finishedAt(List<ContainerStatus> containers) {
        return containers.stream()
                .map(c -> c.getState() == null || c.getState().getTerminated() == null ? null : c.getState().getTerminated().getFinishedAt())
                .map(PodStatusReading::time)
                .flatMap(Optional::stream)
                .max(Instant::compareTo);
    }

    private static String message(ContainerStateWaiting waiting) {
        String reason = waiting.getReason() == null ? "Waiting" : waiting.getReason();
        return waiting.getMessage() == null || waiting.getMessage().isEmpty() ? reason : reason + ": " + waiting.getMessage();
    }

    static Optional<Instant> time(String rfc3339) {
        if (rfc3339 == null || rfc3339.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(rfc3339));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
