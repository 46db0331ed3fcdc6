package io.runplane.agent.logs;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.runplane.agent.backend.ClusterBackend;
import io.runplane.agent.backend.LaunchedPod;
import io.runplane.agent.backend.LogEntry;
import io.runplane.agent.workload.FieldProblem;
import io.runplane.agent.workload.WorkloadController;
import io.runplane.agent.workload.WorkloadException;
import io.runplane.agent.workload.WorkloadMapper;
import io.runplane.api.v1.LogLine;
import io.runplane.api.v1.LogsRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams the log lines of a workload's pods: what was written so far (optionally since a time,
 * the last N lines per pod), then with follow every new line until the pods end or the client
 * goes away.
 */
public final class LogFeed {

    /** The most lines one pod contributes to a request without a tail. */
    static final int MAX_LINES_PER_POD = 10_000;

    private final WorkloadController controller;
    private final ClusterBackend backend;
    private final ScheduledExecutorService executor;
    private final Duration pollInterval;
    private final Clock clock;

    public LogFeed(WorkloadController controller, ClusterBackend backend, ScheduledExecutorService executor, Duration pollInterval, Clock clock) {
        this.controller = controller;
        this.backend = backend;
        this.executor = executor;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    /** Streams the requested lines; a request naming no such workload, pod or container is refused before any line is sent. */
    public void stream(LogsRequest request, ServerCallStreamObserver<LogLine> out) throws WorkloadException {
        String project = request.getWorkload().getProject();
        String name = request.getWorkload().getName();
        Instant now = clock.instant();
        WorkloadController.PodsView view = controller.pods(project, name).orElseThrow(() ->
                new WorkloadException(WorkloadException.Kind.NOT_FOUND, "no workload named " + name + " in project " + project, List.of()));
        if (!request.getPod().isEmpty() && view.workload().getPodsList().stream().noneMatch(p -> p.getName().equals(request.getPod()))
                && view.pods().stream().noneMatch(p -> p.name().equals(request.getPod()))) {
            throw new WorkloadException(WorkloadException.Kind.NOT_FOUND, "workload " + name + " has no pod named " + request.getPod(), List.of());
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (!request.getContainer().isEmpty() && view.workload().getPodsCount() > 0
                && !view.workload().getPods(0).getContainersList().contains(request.getContainer())) {
            problems.add(new FieldProblem("container", "pods of " + name + " have containers " + view.workload().getPods(0).getContainersList()));
        }
        if (request.getTailLines() < 0) {
            problems.add(new FieldProblem("tail_lines", "must be >= 0"));
        }
        if (!problems.isEmpty()) {
            throw new WorkloadException(WorkloadException.Kind.INVALID, "invalid logs request", problems);
        }
        Instant from = request.hasSince() ? WorkloadMapper.instant(request.getSince()) : Instant.EPOCH;
        int limit = request.getTailLines() > 0 ? request.getTailLines() : MAX_LINES_PER_POD;
        List<LogEntryOfPod> lines = new ArrayList<>();
        for (LaunchedPod pod : selected(view, request)) {
            List<LogEntryOfPod> ofPod = read(pod, request, from, now, limit);
            lines.addAll(ofPod.size() > limit ? ofPod.subList(ofPod.size() - limit, ofPod.size()) : ofPod);
        }
        lines.sort(Comparator.comparing(l -> l.entry().time()));
        for (LogEntryOfPod line : lines) {
            if (out.isCancelled()) {
                return;
            }
            out.onNext(line.toProto(request.getTimestamps()));
        }
        if (!request.getFollow() || finished(view, request, now)) {
            out.onCompleted();
            return;
        }
        follow(request, out, now);
    }

    private void follow(LogsRequest request, ServerCallStreamObserver<LogLine> out, Instant start) {
        AtomicReference<Instant> cursor = new AtomicReference<>(start);
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable poll = () -> {
            try {
                if (out.isCancelled()) {
                    cancel(task);
                    return;
                }
                // The time is read before the pods, so a pod launched before it is in the view.
                Instant to = clock.instant();
                Optional<WorkloadController.PodsView> view = controller.pods(request.getWorkload().getProject(), request.getWorkload().getName());
                if (view.isEmpty()) {
                    cancel(task);
                    out.onCompleted();
                    return;
                }
                Instant from = cursor.get().plusNanos(1);
                List<LogEntryOfPod> lines = new ArrayList<>();
                for (LaunchedPod pod : selected(view.get(), request)) {
                    lines.addAll(read(pod, request, from, to, MAX_LINES_PER_POD));
                }
                lines.sort(Comparator.comparing(l -> l.entry().time()));
                for (LogEntryOfPod line : lines) {
                    out.onNext(line.toProto(request.getTimestamps()));
                }
                cursor.set(to);
                if (finished(view.get(), request, to)) {
                    cancel(task);
                    out.onCompleted();
                }
            } catch (RuntimeException e) {
                cancel(task);
                try {
                    out.onError(Status.INTERNAL.withDescription("log stream failed: " + e.getMessage()).asRuntimeException());
                } catch (RuntimeException closed) {
                    // The call is already gone.
                }
            }
        };
        out.setOnCancelHandler(() -> cancel(task));
        task.set(executor.scheduleWithFixedDelay(poll, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS));
    }

    private static void cancel(AtomicReference<ScheduledFuture<?>> task) {
        ScheduledFuture<?> f = task.get();
        if (f != null) {
            f.cancel(false);
        }
    }

    private static List<LaunchedPod> selected(WorkloadController.PodsView view, LogsRequest request) {
        if (request.getPod().isEmpty()) {
            return view.pods();
        }
        return view.pods().stream().filter(p -> p.name().equals(request.getPod())).limit(1).toList();
    }

    /** Nothing more will be written: the workload has no future pods and the chosen pods ended. */
    private static boolean finished(WorkloadController.PodsView view, LogsRequest request, Instant now) {
        List<LaunchedPod> pods = selected(view, request);
        boolean podsEnded = pods.stream().allMatch(p -> p.endedAt().map(e -> !e.isAfter(now)).orElse(false));
        if (!request.getPod().isEmpty()) {
            return !pods.isEmpty() && podsEnded;
        }
        return !view.active() && podsEnded;
    }

    private List<LogEntryOfPod> read(LaunchedPod pod, LogsRequest request, Instant from, Instant to, int limit) {
        List<LogEntryOfPod> out = new ArrayList<>();
        for (LogEntry e : backend.logs(pod, from, to, limit)) {
            if (request.getContainer().isEmpty() || request.getContainer().equals(e.container())) {
                out.add(new LogEntryOfPod(pod.name(), e));
            }
        }
        return out;
    }

    private record LogEntryOfPod(String pod, LogEntry entry) {
        LogLine toProto(boolean timestamps) {
            String text = timestamps ? entry.time() + " " + entry.text() : entry.text();
            return LogLine.newBuilder().setPod(pod).setContainer(entry.container())
                    .setTime(WorkloadMapper.timestamp(entry.time())).setText(text).build();
        }
    }
}
