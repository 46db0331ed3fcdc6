package io.runplane.agent.scheduling;

import io.runplane.agent.backend.ClusterBackend;
import io.runplane.agent.backend.LaunchedPod;
import io.runplane.agent.backend.Signal;
import io.runplane.agent.time.TimeScale;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Decides which running GPU fractions are idle, for GPU memory swap: a fraction is idle once the
 * utilization of its device, as the backend measures it, has stayed below {@code threshold} percent
 * for {@code grace} (simulated time). One measurement above the threshold, or none, makes it active
 * again at once. A pod is measured at most once per {@code sampleEvery} (simulated time), so a
 * Prometheus-backed backend is not queried on every control loop pass. Used from one thread.
 */
public final class IdleFractions {

    /** Below 1 % for 60 s, measured every 5 s. */
    public static final Settings DEFAULTS = new Settings(1.0, Duration.ofSeconds(60), Duration.ofSeconds(5));

    /**
     * @param threshold   GPU utilization in percent under which a device counts as unused
     * @param grace       how long it must stay under the threshold before the fraction is idle
     * @param sampleEvery how often a pod's utilization is measured
     */
    public record Settings(double threshold, Duration grace, Duration sampleEvery) {
    }

    private record Quiet(Instant measuredAt, Instant belowSince, boolean below) {
    }

    private final ClusterBackend backend;
    private final Duration grace;
    private final Duration sampleEvery;
    private final double threshold;
    private final Map<String, Quiet> pods = new HashMap<>();
    private Instant prunedAt = Instant.EPOCH;

    public IdleFractions(ClusterBackend backend, TimeScale scale, Settings settings) {
        this.backend = backend;
        this.threshold = settings.threshold();
        this.grace = scale.real(settings.grace());
        this.sampleEvery = scale.real(settings.sampleEvery());
    }

    /**
     * Whether a running fractional pod has left its device unused for the grace period as of
     * {@code now}. {@code run} names the pod's current container run (pod uuid and restart); the
     * pod itself is only made when it is measured.
     */
    public boolean idle(String run, Supplier<LaunchedPod> pod, Instant now) {
        prune(now);
        Quiet last = pods.get(run);
        Quiet current = last != null && now.isBefore(last.measuredAt().plus(sampleEvery)) ? last : measure(pod.get(), last, now);
        pods.put(run, current);
        return current.below() && !now.isBefore(current.belowSince().plus(grace));
    }

    private Quiet measure(LaunchedPod pod, Quiet last, Instant now) {
        if (!(pod.gpuFraction() > 0 && pod.gpuFraction() < 1) || pod.gpuIndices().isEmpty()) {
            return new Quiet(now, now, false);
        }
        OptionalDouble utilization = backend.measure(pod, Signal.GPU_UTILIZATION_PERCENT, pod.gpuIndices().getFirst(), now);
        boolean below = utilization.isPresent() && utilization.getAsDouble() < threshold;
        Instant since = below && last != null && last.below() ? last.belowSince() : now;
        return new Quiet(now, since, below);
    }

    /** Forgets pods not asked about for a while (finished, evicted, restarted). */
    private void prune(Instant now) {
        Duration keep = grace.plus(sampleEvery).multipliedBy(2);
        if (now.isBefore(prunedAt.plus(keep))) {
            return;
        }
        prunedAt = now;
        for (Iterator<Quiet> it = pods.values().iterator(); it.hasNext(); ) {
            if (it.next().measuredAt().plus(keep).isBefore(now)) {
                it.remove();
            }
        }
    }
}
