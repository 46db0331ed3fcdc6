package io.runplane.agent.backend.simulated;

import io.runplane.agent.time.DurationText;
import io.runplane.api.v1.WorkloadType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The annotations that steer the simulated cluster, read from a workload's spec. Durations are
 * simulated time (see {@link io.runplane.agent.time.TimeScale}).
 *
 * <ul>
 *   <li>{@value #DURATION}: how long a container runs before it exits (training default 60s,
 *       distributed 90s; interactive and inference containers only exit when they fail)</li>
 *   <li>{@value #EXIT_CODE}: the exit code of a failing run (default 0 = success)</li>
 *   <li>{@value #FAILED_ATTEMPTS}: only the first N runs fail (with the exit code, or 1)</li>
 *   <li>{@value #FAILING_PODS}: comma-separated pod indices that fail (default every pod)</li>
 *   <li>{@value #PULL_DURATION}: image pull time (default 3s)</li>
 *   <li>{@value #LOAD}: inference base request rate in requests/s (default 50)</li>
 *   <li>{@value #GPU_IDLE}: {@code true} keeps the GPUs idle (below 1 %) the whole run, as a forgotten notebook</li>
 *   <li>{@value #GPU_IDLE_BETWEEN}: {@code FROM-UNTIL} (e.g. {@code 30s-5m}, run time) keeps the GPUs idle in that
 *       phase of each run only, as a notebook left alone for a while</li>
 * </ul>
 * An image whose tag is {@code missing} (e.g. {@code repo/app:missing}) or whose registry host
 * ends with {@code .invalid} never pulls: its pods stay in ImagePullBackOff.
 */
public record SimulationAnnotations(
        Optional<Duration> duration,
        int exitCode,
        Optional<Integer> failedAttempts,
        Set<Integer> failingPods,
        Duration pullDuration,
        double load,
        boolean gpuIdle,
        Optional<IdlePhase> gpuIdleBetween) {

    public static final String PREFIX = "runplane.io/simulated-";
    public static final String DURATION = "runplane.io/simulated-duration";
    public static final String EXIT_CODE = "runplane.io/simulated-exit-code";
    public static final String FAILED_ATTEMPTS = "runplane.io/simulated-failed-attempts";
    public static final String FAILING_PODS = "runplane.io/simulated-failing-pods";
    public static final String PULL_DURATION = "runplane.io/simulated-pull-duration";
    public static final String LOAD = "runplane.io/simulated-load";
    public static final String GPU_IDLE = "runplane.io/simulated-gpu-idle";
    public static final String GPU_IDLE_BETWEEN = "runplane.io/simulated-gpu-idle-between";

    private static final Set<String> KNOWN = Set.of(DURATION, EXIT_CODE, FAILED_ATTEMPTS, FAILING_PODS, PULL_DURATION, LOAD, GPU_IDLE,
            GPU_IDLE_BETWEEN);

    /** A phase of a run, from {@code from} to {@code until} after the container started (simulated time). */
    public record IdlePhase(Duration from, Duration until) {

        public boolean contains(Duration runTime) {
            return runTime.compareTo(from) >= 0 && runTime.compareTo(until) < 0;
        }
    }

    public SimulationAnnotations {
        failingPods = Set.copyOf(failingPods);
    }

    /** Problems with the simulation annotations, as (annotation key, message) pairs; empty when fine. */
    public static List<Map.Entry<String, String>> problems(Map<String, String> annotations) {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            if (!KNOWN.contains(key)) {
                problems.add(Map.entry(key, "unknown simulation annotation; known: " + new TreeSet<>(KNOWN)));
            } else if ((key.equals(DURATION) || key.equals(PULL_DURATION)) && DurationText.parse(value).isEmpty()) {
                problems.add(Map.entry(key, "must be a duration such as 30s, 5m or 1h30m"));
            } else if ((key.equals(EXIT_CODE)) && parseInt(value).filter(v -> v >= 0 && v <= 255).isEmpty()) {
                problems.add(Map.entry(key, "must be an exit code from 0 to 255"));
            } else if (key.equals(FAILED_ATTEMPTS) && parseInt(value).filter(v -> v >= 0).isEmpty()) {
                problems.add(Map.entry(key, "must be a whole number >= 0"));
            } else if (key.equals(FAILING_PODS) && parseIndices(value).isEmpty()) {
                problems.add(Map.entry(key, "must be pod indices separated by commas, e.g. 0,2"));
            } else if (key.equals(LOAD) && parseDouble(value).filter(v -> v >= 0).isEmpty()) {
                problems.add(Map.entry(key, "must be a number of requests per second >= 0"));
            } else if (key.equals(GPU_IDLE) && !value.equals("true") && !value.equals("false")) {
                problems.add(Map.entry(key, "must be true or false"));
            } else if (key.equals(GPU_IDLE_BETWEEN) && parsePhase(value).isEmpty()) {
                problems.add(Map.entry(key, "must be two durations FROM-UNTIL with FROM before UNTIL, e.g. 30s-5m"));
            }
        }
        return problems;
    }

    /** Reads the annotations, falling back to defaults for missing or malformed values. */
    public static SimulationAnnotations of(Map<String, String> annotations) {
        return new SimulationAnnotations(
                DurationText.parse(annotations.get(DURATION)),
                parseInt(annotations.get(EXIT_CODE)).orElse(0),
                parseInt(annotations.get(FAILED_ATTEMPTS)),
                parseIndices(annotations.get(FAILING_PODS)).orElse(Set.of()),
                DurationText.parse(annotations.get(PULL_DURATION)).orElse(Duration.ofSeconds(3)),
                parseDouble(annotations.get(LOAD)).orElse(50.0),
                "true".equals(annotations.get(GPU_IDLE)),
                parsePhase(annotations.get(GPU_IDLE_BETWEEN)));
    }

    /** Whether the GPUs are kept idle at this run time (simulated time since the container started). */
    public boolean gpuIdleAt(Duration runTime) {
        return gpuIdle || gpuIdleBetween.map(p -> p.contains(runTime)).orElse(false);
    }

    /** The exit code of run number {@code attempt} of pod {@code index}: 0 unless it is set to fail. */
    public int exitCodeOf(int index, int attempt) {
        if (!failingPods.isEmpty() && !failingPods.contains(index)) {
            return 0;
        }
        if (failedAttempts.isPresent()) {
            return attempt < failedAttempts.get() ? (exitCode == 0 ? 1 : exitCode) : 0;
        }
        return exitCode;
    }

    /** How long a container runs before exiting with {@code exitCode}; empty = until stopped. */
    public Optional<Duration> runTime(WorkloadType type, int exitCode) {
        boolean longRunning = type == WorkloadType.WORKLOAD_TYPE_INTERACTIVE || type == WorkloadType.WORKLOAD_TYPE_INFERENCE;
        if (longRunning && exitCode == 0) {
            return Optional.empty();
        }
        Duration fallback = switch (type) {
            case WORKLOAD_TYPE_DISTRIBUTED -> Duration.ofSeconds(90);
            case WORKLOAD_TYPE_TRAINING -> Duration.ofSeconds(60);
            default -> Duration.ofSeconds(30);
        };
        return Optional.of(duration.orElse(fallback));
    }

    public static boolean imageFailsToPull(String image) {
        String tag = "";
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon > slash) {
            tag = image.substring(colon + 1);
        }
        String registry = slash > 0 ? image.substring(0, image.indexOf('/')) : "";
        boolean registryHost = registry.contains(".") || registry.contains(":");
        String host = registry.contains(":") ? registry.substring(0, registry.indexOf(':')) : registry;
        return tag.equals("missing") || (registryHost && host.endsWith(".invalid"));
    }

    private static Optional<IdlePhase> parsePhase(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int dash = text.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        Optional<Duration> from = DurationText.parse(text.substring(0, dash).trim());
        Optional<Duration> until = DurationText.parse(text.substring(dash + 1).trim());
        if (from.isEmpty() || until.isEmpty() || from.get().compareTo(until.get()) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new IdlePhase(from.get(), until.get()));
    }

    private static Optional<Integer> parseInt(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> parseDouble(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            double v = Double.parseDouble(text.trim());
            return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Set<Integer>> parseIndices(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Set<Integer> out = new TreeSet<>();
        for (String part : text.split(",")) {
            Optional<Integer> v = parseInt(part);
            if (v.isEmpty() || v.get() < 0) {
                return Optional.empty();
            }
            out.add(v.get());
        }
        return Optional.of(out);
    }
}
