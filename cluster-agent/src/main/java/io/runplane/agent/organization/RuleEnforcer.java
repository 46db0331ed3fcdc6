package io.runplane.agent.organization;

import io.runplane.agent.backend.ClusterBackend;
import io.runplane.agent.backend.LaunchedPod;
import io.runplane.agent.backend.Signal;
import io.runplane.agent.time.DurationText;
import io.runplane.agent.time.TimeScale;
import io.runplane.agent.workload.WorkloadController;
import io.runplane.agent.workload.WorkloadException;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadStatus;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Stops running workloads that break their project's scheduling rules: past the duration limit of
 * their kind, or with every GPU idle for longer than the idle limit. Runs after each control loop
 * pass, on the loop's thread. How long GPUs have been idle is kept in the data directory
 * ({@link IdleGpuClocks}), so a restart neither resets the idle time nor counts the downtime as idle.
 */
public final class RuleEnforcer {

    /** A GPU below this utilization (percent) counts as idle. */
    static final double IDLE_UTILIZATION = 5;
    private static final Logger LOG = Logger.getLogger(RuleEnforcer.class.getName());

    private final WorkloadController controller;
    private final ClusterBackend backend;
    private final Supplier<Organization> organization;
    private final Clock clock;
    private final TimeScale scale;
    private final IdleGpuClocks idle;

    public RuleEnforcer(WorkloadController controller, ClusterBackend backend, Supplier<Organization> organization, Clock clock, TimeScale scale,
                        Path dataDir) {
        this.controller = controller;
        this.backend = backend;
        this.organization = organization;
        this.clock = clock;
        this.scale = scale;
        Duration saveEvery = scale.real(Duration.ofMinutes(1));
        this.idle = IdleGpuClocks.open(dataDir, saveEvery.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : saveEvery, clock.instant());
    }

    /** Saves how long GPUs have been idle; the agent calls it on the loop's thread before it stops. */
    public void saveIdleClocks() {
        idle.save(clock.instant());
    }

    /** One pass over the running workloads of the projects that have rules. */
    public void enforce() {
        Organization org = organization.get();
        Set<String> ruled = org.projects().stream().filter(p -> !org.effectiveRules(p).equals(SchedulingRules.NONE))
                .map(Project::name).collect(Collectors.toSet());
        Instant now = clock.instant();
        if (ruled.isEmpty()) {
            idle.retain(List.of());
            idle.saveIfDue(now);
            return;
        }
        List<Workload> running = controller.list(w -> w.status() == WorkloadStatus.WORKLOAD_STATUS_RUNNING && ruled.contains(w.project()));
        idle.retain(running.stream().map(Workload::getUuid).toList());
        for (Workload w : running) {
            Optional<Project> project = org.project(w.getSpec().getProject());
            Optional<String> kind = SchedulingRules.kind(w.getSpec().getType());
            if (project.isEmpty() || kind.isEmpty()) {
                continue;
            }
            SchedulingRules rules = org.effectiveRules(project.get());
            List<LaunchedPod> pods = controller.pods(w.getSpec().getProject(), w.getSpec().getName())
                    .map(v -> v.pods().stream().filter(p -> p.endedAt().isEmpty()).toList()).orElse(List.of());
            Optional<String> timedOut = durationReached(rules, w, pods, now, kind.get(), project.get());
            Optional<String> broken = timedOut.or(() -> idleReached(rules, w, pods, now, kind.get(), project.get()));
            broken.ifPresent(reason -> stop(w, timedOut.isPresent() ? "TimedOut" : "", reason));
        }
        idle.saveIfDue(now);
    }

    private Optional<String> durationReached(SchedulingRules rules, Workload w, List<LaunchedPod> pods, Instant now, String kind, Project project) {
        Optional<Duration> limit = rules.durationLimit(w.getSpec().getType());
        Optional<Instant> since = pods.stream().flatMap(p -> p.runningSince().stream()).min(Instant::compareTo);
        if (limit.isEmpty() || since.isEmpty() || Duration.between(since.get(), now).compareTo(scale.real(limit.get())) < 0) {
            return Optional.empty();
        }
        return Optional.of("stopped: " + kind + " duration limit of " + DurationText.format(limit.get()) + " reached in project " + project.name());
    }

    private Optional<String> idleReached(SchedulingRules rules, Workload w, List<LaunchedPod> pods, Instant now, String kind, Project project) {
        Optional<Duration> limit = rules.idleGpuLimit(w.getSpec().getType());
        if (limit.isEmpty() || !allGpusIdle(pods, now)) {
            idle.stop(w.getUuid());
            return Optional.empty();
        }
        Instant since = idle.idleSince(w.getUuid(), now);
        if (Duration.between(since, now).compareTo(scale.real(limit.get())) < 0) {
            return Optional.empty();
        }
        return Optional.of("stopped: GPUs idle for the " + kind + " idle GPU limit of " + DurationText.format(limit.get())
                + " in project " + project.name());
    }

    private boolean allGpusIdle(List<LaunchedPod> pods, Instant now) {
        boolean anyGpu = false;
        for (LaunchedPod pod : pods) {
            for (int gpu : pod.gpuIndices()) {
                OptionalDouble utilization = backend.measure(pod, Signal.GPU_UTILIZATION_PERCENT, gpu, now);
                if (utilization.isEmpty() || utilization.getAsDouble() >= IDLE_UTILIZATION) {
                    return false;
                }
                anyGpu = true;
            }
        }
        return anyGpu;
    }

    private void stop(Workload w, String cause, String reason) {
        try {
            controller.stopBecause(w.getSpec().getProject(), w.getSpec().getName(), cause, reason);
            idle.stop(w.getUuid());
        } catch (WorkloadException e) {
            LOG.log(Level.FINE, "workload " + w.getSpec().getName() + " ended before its rule could stop it", e);
        }
    }
}
