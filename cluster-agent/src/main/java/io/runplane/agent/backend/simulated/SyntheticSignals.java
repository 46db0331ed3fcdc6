package io.runplane.agent.backend.simulated;

import io.runplane.agent.backend.LaunchedPod;
import io.runplane.agent.backend.Signal;
import io.runplane.agent.time.TimeScale;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Measurement shapes of a simulated pod, in simulated time since the container started:
 * training ramps up, holds a per-GPU plateau and dips at periodic evaluations; notebooks idle with
 * bursts; inference follows its request rate. Each value is a pure function of the pod seed, the
 * GPU index and the time bucket.
 */
final class SyntheticSignals {

    private static final long BUCKET_SECONDS = 5;

    private final TimeScale scale;

    SyntheticSignals(TimeScale scale) {
        this.scale = scale;
    }

    OptionalDouble measure(LaunchedPod pod, Signal signal, int gpuIndex, Instant at) {
        PodTimeline timeline = PodTimeline.of(pod, scale);
        if (!timeline.runningAt(pod, at)) {
            return OptionalDouble.empty();
        }
        double elapsed = Duration.between(timeline.runStart(), at).toNanos() / 1e9 * scale.factor();
        long bucket = (long) (elapsed / BUCKET_SECONDS);
        double util = gpuUtilization(pod, gpuIndex, elapsed, bucket, at);
        return switch (signal) {
            case GPU_UTILIZATION_PERCENT -> pod.gpuIndices().contains(gpuIndex) ? OptionalDouble.of(util) : OptionalDouble.empty();
            case GPU_MEMORY_MIB -> pod.gpuIndices().contains(gpuIndex)
                    ? OptionalDouble.of(gpuMemory(pod, gpuIndex, elapsed, bucket)) : OptionalDouble.empty();
            case CPU_MILLIS -> {
                double request = pod.cpuMillis() > 0 ? pod.cpuMillis() : 1000;
                double average = pod.gpuIndices().isEmpty() ? 50 : averageUtil(pod, elapsed, bucket, at);
                yield OptionalDouble.of(round(request * (0.25 + 0.55 * average / 100) * (0.95 + 0.1 * Noise.unit(pod.seed(), bucket, 11))));
            }
            case MEMORY_MIB -> {
                double request = pod.memoryMiB() > 0 ? pod.memoryMiB() : 4096;
                double ramp = Math.min(1, elapsed / 120);
                yield OptionalDouble.of(round(request * (0.35 + 0.3 * ramp + 0.05 * Noise.unit(pod.seed(), bucket, 12))));
            }
        };
    }

    private double averageUtil(LaunchedPod pod, double elapsed, long bucket, Instant at) {
        double sum = 0;
        for (int gpu : pod.gpuIndices()) {
            sum += gpuUtilization(pod, gpu, elapsed, bucket, at);
        }
        return sum / pod.gpuIndices().size();
    }

    private double gpuUtilization(LaunchedPod pod, int gpu, double elapsed, long bucket, Instant at) {
        long seed = pod.seed();
        double noise = (Noise.unit(seed, gpu, bucket) - 0.5) * 12;
        if (SimulationAnnotations.of(pod.annotations()).gpuIdleAt(Duration.ofNanos((long) (elapsed * 1e9)))) {
            return round(0.9 * Noise.unit(seed, gpu, bucket));
        }
        double value = switch (pod.type()) {
            case WORKLOAD_TYPE_INTERACTIVE -> {
                long session = (long) (elapsed / 300);
                boolean active = Noise.unit(seed, session, 5) < 0.35;
                yield active ? 35 + 50 * Noise.unit(seed, gpu, session) + noise : 1.5 * Noise.unit(seed, gpu, bucket);
            }
            case WORKLOAD_TYPE_INFERENCE -> {
                double rate = requestRate(pod.annotations(), pod.workloadUuid().hashCode(), at);
                yield 15 + Math.min(80, rate * 0.6) + noise / 2;
            }
            default -> {
                double plateau = 62 + 33 * Noise.unit(seed, gpu);
                double ramp = Math.min(1, elapsed / 90);
                boolean evaluating = elapsed % 600 > 555;
                yield plateau * ramp * (evaluating ? 0.3 : 1) + noise;
            }
        };
        return round(Math.clamp(value, 0, 100));
    }

    private static double gpuMemory(LaunchedPod pod, int gpu, double elapsed, long bucket) {
        double device = pod.deviceMemoryMiB() * (pod.gpuFraction() > 0 ? Math.min(1, pod.gpuFraction()) : 1);
        long seed = pod.seed();
        double share = switch (pod.type()) {
            case WORKLOAD_TYPE_INTERACTIVE -> 0.15 + 0.35 * Noise.unit(seed, gpu, (long) (elapsed / 300));
            case WORKLOAD_TYPE_INFERENCE -> 0.88 + 0.02 * Noise.unit(seed, gpu, bucket);
            default -> (0.55 + 0.35 * Noise.unit(seed, gpu)) * Math.min(1, 0.2 + elapsed / 60) + 0.02 * Noise.unit(seed, gpu, bucket);
        };
        return round(device * Math.clamp(share, 0, 1));
    }

    /**
     * A wave over the base rate, one period every 30 simulated minutes, with per-bucket jitter. The
     * time is simulated seconds since the epoch, so the wave is as fast as the rest of the simulation.
     */
    double requestRate(Map<String, String> annotations, long seed, Instant at) {
        double base = SimulationAnnotations.of(annotations).load();
        double seconds = at.toEpochMilli() / 1000.0 * scale.factor();
        double wave = 1 + 0.6 * Math.sin(2 * Math.PI * seconds / 1800 + (seed % 1000));
        double jitter = 0.9 + 0.2 * Noise.unit(seed, (long) (seconds / BUCKET_SECONDS), 21);
        return round(Math.max(0, base * wave * jitter));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
