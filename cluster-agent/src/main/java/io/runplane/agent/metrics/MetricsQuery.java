package io.runplane.agent.metrics;

import io.runplane.agent.backend.ClusterBackend;
import io.runplane.agent.backend.LaunchedPod;
import io.runplane.agent.backend.Signal;
import io.runplane.agent.workload.Autoscaler;
import io.runplane.agent.workload.WorkloadController;
import io.runplane.agent.workload.WorkloadException;
import io.runplane.agent.workload.WorkloadMapper;
import io.runplane.api.v1.MetricSeries;
import io.runplane.api.v1.MetricType;
import io.runplane.api.v1.MetricsRequest;
import io.runplane.api.v1.MetricsResponse;
import io.runplane.api.v1.Sample;
import io.runplane.api.v1.WorkloadType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Answers metric queries for one workload over a time range and step: per pod and per GPU series
 * plus an aggregate (the average over GPUs for GPU metrics, the sum over pods for CPU metrics),
 * and for inference the request rate served, latency and replica count. Samples run from start
 * every step, plus one at the end of the range; a range reaching into the future ends now.
 */
public final class MetricsQuery {

    static final int MAX_POINTS = 11_000;
    /** Bounds one answer well below the default 4 MiB message limit of clients. */
    static final long MAX_SAMPLES = 100_000;
    static final int DEFAULT_POINTS = 120;
    static final Set<MetricType> INFERENCE_ONLY = EnumSet.of(MetricType.METRIC_TYPE_THROUGHPUT, MetricType.METRIC_TYPE_LATENCY,
            MetricType.METRIC_TYPE_REPLICAS);
    /** Requests per second one simulated replica can serve. */
    static final double REPLICA_CAPACITY = 60;

    private final WorkloadController controller;
    private final ClusterBackend backend;
    private final Clock clock;

    public MetricsQuery(WorkloadController controller, ClusterBackend backend, Clock clock) {
        this.controller = controller;
        this.backend = backend;
        this.clock = clock;
    }

    public MetricsResponse query(MetricsRequest request) throws WorkloadException {
        String project = request.getWorkload().getProject();
        String name = request.getWorkload().getName();
        WorkloadController.PodsView view = controller.pods(project, name).orElseThrow(() ->
                new WorkloadException(WorkloadException.Kind.NOT_FOUND, "no workload named " + name + " in project " + project));
        Instant now = clock.instant();
        Instant end = request.hasEnd() ? WorkloadMapper.instant(request.getEnd()) : now;
        if (end.isAfter(now)) {
            end = now;
        }
        Instant start = request.hasStart() ? WorkloadMapper.instant(request.getStart())
                : WorkloadMapper.instant(view.workload().getCreatedAt());
        if (!end.isAfter(start)) {
            throw invalid("end", "must be after start");
        }
        if (request.getStepSeconds() < 0) {
            throw invalid("step_seconds", "must be >= 0 (0 = chosen for about " + DEFAULT_POINTS + " points)");
        }
        if (request.getStepMillis() < 0) {
            throw invalid("step_millis", "must be >= 0");
        }
        Duration range = Duration.between(start, end);
        Duration step = request.getStepMillis() > 0 ? Duration.ofMillis(request.getStepMillis())
                : request.getStepSeconds() > 0 ? Duration.ofSeconds(request.getStepSeconds())
                : Duration.ofMillis(Math.max(1000, range.toMillis() / DEFAULT_POINTS));
        if (range.toMillis() / step.toMillis() > MAX_POINTS) {
            throw invalid(request.getStepMillis() > 0 ? "step_millis" : "step_seconds",
                    "too many points: at most " + MAX_POINTS + " per series; use a larger step");
        }
        if (!request.getPod().isEmpty() && view.pods().stream().noneMatch(p -> p.name().equals(request.getPod()))) {
            throw new WorkloadException(WorkloadException.Kind.NOT_FOUND, "workload " + name + " has no started pod named " + request.getPod());
        }
        boolean inference = view.workload().getSpec().getType() == WorkloadType.WORKLOAD_TYPE_INFERENCE;
        List<MetricType> types = new ArrayList<>();
        for (MetricType t : request.getTypesList()) {
            if (t == MetricType.METRIC_TYPE_UNSPECIFIED || t == MetricType.UNRECOGNIZED) {
                throw invalid("types", "unknown metric type");
            }
            if (INFERENCE_ONLY.contains(t) && !inference) {
                throw invalid("types", t.name() + " is only measured for inference workloads");
            }
            types.add(t);
        }
        if (types.isEmpty()) {
            for (MetricType t : MetricType.values()) {
                if (t != MetricType.METRIC_TYPE_UNSPECIFIED && t != MetricType.UNRECOGNIZED && (inference || !INFERENCE_ONLY.contains(t))) {
                    types.add(t);
                }
            }
        }
        List<LaunchedPod> pods = view.pods().stream()
                .filter(p -> request.getPod().isEmpty() || p.name().equals(request.getPod())).toList();
        int seriesPerTime = 0;
        for (LaunchedPod pod : pods) {
            seriesPerTime += 2 * pod.gpuIndices().size() + 2;
        }
        if ((range.toMillis() / step.toMillis() + 2) * (seriesPerTime + types.size()) > MAX_SAMPLES) {
            throw invalid("step_seconds", "the answer would hold more than " + MAX_SAMPLES
                    + " samples; use a larger step, a shorter range, fewer types or one pod");
        }
        List<Instant> times = new ArrayList<>();
        for (Instant t = start; t.isBefore(end); t = t.plus(step)) {
            times.add(t);
        }
        times.add(end);
        MetricsResponse.Builder response = MetricsResponse.newBuilder();
        for (MetricType type : types) {
            switch (type) {
                case METRIC_TYPE_GPU_UTILIZATION -> perGpu(response, type, Signal.GPU_UTILIZATION_PERCENT, "percent", pods, times);
                case METRIC_TYPE_GPU_MEMORY_USAGE -> perGpu(response, type, Signal.GPU_MEMORY_MIB, "MiB", pods, times);
                case METRIC_TYPE_CPU_USAGE -> perPod(response, type, Signal.CPU_MILLIS, "millicores", pods, times);
                case METRIC_TYPE_CPU_MEMORY_USAGE -> perPod(response, type, Signal.MEMORY_MIB, "MiB", pods, times);
                default -> inferenceSeries(response, type, view, pods, times);
            }
        }
        return response.build();
    }

    private void perGpu(MetricsResponse.Builder out, MetricType type, Signal signal, String unit, List<LaunchedPod> pods, List<Instant> times) {
        double[] sum = new double[times.size()];
        int[] count = new int[times.size()];
        for (LaunchedPod pod : pods) {
            for (int gpu : pod.gpuIndices()) {
                MetricSeries.Builder series = MetricSeries.newBuilder().setType(type).setPod(pod.name()).setGpuIndex(gpu).setUnit(unit);
                for (int i = 0; i < times.size(); i++) {
                    OptionalDouble v = backend.measure(pod, signal, gpu, times.get(i));
                    if (v.isPresent()) {
                        series.addSamples(sample(times.get(i), v.getAsDouble()));
                        sum[i] += v.getAsDouble();
                        count[i]++;
                    }
                }
                out.addSeries(series);
            }
        }
        MetricSeries.Builder average = MetricSeries.newBuilder().setType(type).setGpuIndex(-1).setUnit(unit);
        for (int i = 0; i < times.size(); i++) {
            if (count[i] > 0) {
                average.addSamples(sample(times.get(i), Math.round(sum[i] / count[i] * 100) / 100.0));
            }
        }
        out.addSeries(average);
    }

    private void perPod(MetricsResponse.Builder out, MetricType type, Signal signal, String unit, List<LaunchedPod> pods, List<Instant> times) {
        double[] sum = new double[times.size()];
        boolean[] any = new boolean[times.size()];
        for (LaunchedPod pod : pods) {
            MetricSeries.Builder series = MetricSeries.newBuilder().setType(type).setPod(pod.name()).setGpuIndex(-1).setUnit(unit);
            for (int i = 0; i < times.size(); i++) {
                OptionalDouble v = backend.measure(pod, signal, -1, times.get(i));
                if (v.isPresent()) {
                    series.addSamples(sample(times.get(i), v.getAsDouble()));
                    sum[i] += v.getAsDouble();
                    any[i] = true;
                }
            }
            out.addSeries(series);
        }
        MetricSeries.Builder total = MetricSeries.newBuilder().setType(type).setGpuIndex(-1).setUnit(unit);
        for (int i = 0; i < times.size(); i++) {
            if (any[i]) {
                total.addSamples(sample(times.get(i), Math.round(sum[i] * 100) / 100.0));
            }
        }
        out.addSeries(total);
    }

    private void inferenceSeries(MetricsResponse.Builder out, MetricType type, WorkloadController.PodsView view, List<LaunchedPod> pods,
                                 List<Instant> times) {
        String unit = switch (type) {
            case METRIC_TYPE_THROUGHPUT -> "requests/s";
            case METRIC_TYPE_LATENCY -> "ms";
            default -> "replicas";
        };
        MetricSeries.Builder series = MetricSeries.newBuilder().setType(type).setGpuIndex(-1).setUnit(unit);
        String uuid = view.workload().getUuid();
        var annotations = view.workload().getSpec().getAnnotationsMap();
        for (Instant t : times) {
            int replicas = 0;
            for (LaunchedPod pod : pods) {
                if (backend.measure(pod, Signal.MEMORY_MIB, -1, t).isPresent()) {
                    replicas++;
                }
            }
            double rate = backend.requestRate(uuid, annotations, t);
            double value = switch (type) {
                case METRIC_TYPE_THROUGHPUT -> Math.min(rate, replicas * REPLICA_CAPACITY);
                case METRIC_TYPE_LATENCY -> replicas == 0 ? 0 : Autoscaler.latencyMs(rate, replicas);
                default -> replicas;
            };
            if (type != MetricType.METRIC_TYPE_LATENCY || replicas > 0) {
                series.addSamples(sample(t, Math.round(value * 100) / 100.0));
            }
        }
        out.addSeries(series);
    }

    private static Sample sample(Instant t, double value) {
        return Sample.newBuilder().setTimeMillis(t.toEpochMilli()).setValue(value).build();
    }

    private static WorkloadException invalid(String field, String description) {
        return WorkloadException.invalidField("invalid metrics request", field, description);
    }
}
