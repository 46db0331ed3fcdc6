package io.runplane.agent.backend.simulated;

import io.runplane.agent.backend.LaunchedPod;
import io.runplane.agent.backend.LogEntry;
import io.runplane.agent.time.TimeScale;
import io.runplane.api.v1.Volume;
import io.runplane.api.v1.WorkloadType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plausible container output: first what the init containers of S3 and Git volumes wrote while
 * fetching, then a start banner with the pod's environment, then one line per simulated interval
 * whose text depends on the workload type, then the exit. Every line is a pure function of the pod
 * and its index, so the same request always returns the same lines.
 */
final class SyntheticLogs {

    private static final String[] NOTEBOOK = {
            "[I ServerApp] Kernel started: %s",
            "[I ServerApp] Saving file at /notebooks/experiment-%d.ipynb",
            "[I ServerApp] Kernel restarted: %s",
            "[I ServerApp] 200 GET /api/contents?type=directory (%d.%d ms)",
            "[I ServerApp] Starting buffering for kernel %s",
    };

    private final TimeScale scale;

    SyntheticLogs(TimeScale scale) {
        this.scale = scale;
    }

    List<LogEntry> lines(LaunchedPod pod, Instant from, Instant to, int limit) {
        PodTimeline timeline = PodTimeline.of(pod, scale);
        if (timeline.pullFails() || to.isBefore(timeline.runStart())) {
            return List.of();
        }
        Instant end = timeline.outputEnd(pod, to);
        boolean exited = timeline.exitAt().isPresent() && !timeline.exitAt().get().isAfter(end)
                && pod.endedAt().map(e -> !e.isBefore(timeline.exitAt().get())).orElse(true);
        List<LogEntry> out = new ArrayList<>();
        int fetchLines = 0;
        for (Volume volume : pod.volumes()) {
            String container = "fetch-" + volume.getName();
            for (String line : fetch(volume, pod.seed())) {
                add(out, container, timeline.runStart().plusMillis(fetchLines++), line, from, end);
            }
        }
        for (String container : pod.containers()) {
            List<LogEntry> forContainer = new ArrayList<>();
            List<String> banner = banner(pod, container);
            for (int i = 0; i < banner.size(); i++) {
                add(forContainer, container, timeline.runStart().plusMillis(fetchLines + i), banner.get(i), from, end);
            }
            Duration interval = scale.real(interval(pod.type()));
            long intervalNanos = Math.max(1, interval.toNanos());
            long startNanos = Math.max(0, Duration.between(timeline.runStart(), from).toNanos());
            long endNanos = Duration.between(timeline.runStart(), end).toNanos();
            long first = Math.max(1, (startNanos + intervalNanos - 1) / intervalNanos);
            long last = endNanos / intervalNanos;
            if (exited && timeline.runStart().plusNanos(last * intervalNanos).equals(end)) {
                last--;
            }
            if (last - first + 1 > limit) {
                first = last - limit + 1;
            }
            for (long k = first; k <= last; k++) {
                add(forContainer, container, timeline.runStart().plusNanos(k * intervalNanos), body(pod, container, k), from, end);
            }
            if (exited) {
                for (String line : exit(timeline.exitCode())) {
                    add(forContainer, container, end, line, from, end);
                }
            }
            out.addAll(forContainer.size() > limit ? forContainer.subList(forContainer.size() - limit, forContainer.size()) : forContainer);
        }
        out.sort((a, b) -> a.time().compareTo(b.time()));
        return out;
    }

    private static void add(List<LogEntry> out, String container, Instant time, String text, Instant from, Instant end) {
        if (!time.isBefore(from) && !time.isAfter(end)) {
            out.add(new LogEntry(container, time, text));
        }
    }

    static Duration interval(WorkloadType type) {
        return switch (type) {
            case WORKLOAD_TYPE_INTERACTIVE -> Duration.ofSeconds(20);
            case WORKLOAD_TYPE_INFERENCE -> Duration.ofSeconds(3);
            default -> Duration.ofSeconds(2);
        };
    }

    /** What the init container of an S3 or Git volume writes; nothing for other volumes. */
    private static List<String> fetch(Volume volume, long seed) {
        if (!volume.getGitRepository().isEmpty()) {
            List<String> lines = new ArrayList<>();
            lines.add("Cloning into '" + volume.getMountPath() + "'...");
            long objects = 200 + (Noise.mix(seed, 31) & 0xfff);
            lines.add(String.format(Locale.ROOT, "Receiving objects: 100%% (%d/%d), done.", objects, objects));
            lines.add("Resolving deltas: 100% done.");
            String revision = volume.getGitRevision().isEmpty()
                    ? String.format(Locale.ROOT, "%016x", Noise.mix(seed, 37)).substring(0, 7) : volume.getGitRevision();
            lines.add("HEAD is now at " + revision.substring(0, Math.min(7, revision.length())) + " of " + volume.getGitRepository()
                    + (volume.getGitBranch().isEmpty() ? "" : " (branch " + volume.getGitBranch() + ")"));
            return lines;
        }
        if (!volume.getS3Bucket().isEmpty()) {
            String source = "s3://" + volume.getS3Bucket() + "/" + volume.getS3Path();
            String prefix = source.endsWith("/") ? source : source + "/";
            String target = volume.getMountPath().endsWith("/") ? volume.getMountPath() : volume.getMountPath() + "/";
            List<String> lines = new ArrayList<>();
            int files = 3 + (int) ((Noise.mix(seed, 41) & Long.MAX_VALUE) % 3);
            for (int i = 0; i < files; i++) {
                String file = String.format(Locale.ROOT, "part-%05d.parquet", i);
                lines.add("download: " + prefix + file + " to " + target + file);
            }
            lines.add("synced " + source + (volume.getS3Url().isEmpty() ? "" : " from " + volume.getS3Url()) + " into " + volume.getMountPath());
            return lines;
        }
        return List.of();
    }

    private static List<String> banner(LaunchedPod pod, String container) {
        List<String> lines = new ArrayList<>();
        lines.add("Starting container " + container + " of pod " + pod.name() + " on node " + pod.node()
                + (pod.gpuIndices().isEmpty() ? "" : " with GPU " + pod.gpuIndices()));
        if (container.equals(pod.containers().getFirst())) {
            for (LaunchedPod.EnvVarValue env : pod.environment()) {
                lines.add("env " + env.name() + "=" + env.value());
            }
        }
        return lines;
    }

    private static List<String> exit(int exitCode) {
        if (exitCode == 0) {
            return List.of("Finished successfully");
        }
        return List.of("Traceback (most recent call last):",
                "RuntimeError: CUDA error: an illegal memory access was encountered",
                "Process exited with code " + exitCode);
    }

    private static String body(LaunchedPod pod, String container, long k) {
        long seed = pod.seed();
        return switch (pod.type()) {
            case WORKLOAD_TYPE_INTERACTIVE -> {
                int which = (int) ((Noise.mix(seed, k) & Long.MAX_VALUE) % NOTEBOOK.length);
                String id = String.format(Locale.ROOT, "%016x", Noise.mix(seed, k, 7)).substring(0, 8);
                yield switch (which) {
                    case 1 -> String.format(Locale.ROOT, NOTEBOOK[1], k % 7);
                    case 3 -> String.format(Locale.ROOT, NOTEBOOK[3], 1 + k % 40, k % 10);
                    default -> String.format(Locale.ROOT, NOTEBOOK[which], id);
                };
            }
            case WORKLOAD_TYPE_INFERENCE -> {
                int latency = 40 + (int) (Noise.unit(seed, k) * 160);
                if (!container.equals(pod.containers().getFirst())) {
                    yield String.format(Locale.ROOT, "queue-proxy: proxied %d requests, p50 %d ms", 20 + (int) (Noise.unit(seed, k, 3) * 80), latency);
                }
                yield String.format(Locale.ROOT, "INFO: 10.0.%d.%d - \"POST /v1/completions HTTP/1.1\" 200 OK (%d ms)",
                        k % 4, 2 + (k * 7) % 250, latency);
            }
            default -> {
                long stepsPerEpoch = 500;
                long step = k * 10;
                double loss = 2.4 * Math.exp(-k / 400.0) + 0.12 + 0.05 * Noise.unit(seed, k);
                double lr = 3e-4 * Math.min(1.0, k / 50.0 + 0.02);
                String rank = pod.role().isEmpty() ? "" : "[" + pod.role() + " " + pod.index() + "] ";
                yield String.format(Locale.ROOT, "%sepoch %d step %d loss %.4f lr %.2e samples/s %.1f",
                        rank, 1 + step / stepsPerEpoch, step, loss, lr, 800 + 200 * Noise.unit(seed, k, 1));
            }
        };
    }
}
