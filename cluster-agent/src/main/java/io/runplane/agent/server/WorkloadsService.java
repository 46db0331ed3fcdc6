package io.runplane.agent.server;

import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.runplane.access.Action;
import io.runplane.access.Scope;
import io.runplane.agent.access.Guard;
import io.runplane.agent.access.RevocableStream;
import io.runplane.agent.events.ChangeFeed;
import io.runplane.agent.logs.LogFeed;
import io.runplane.agent.metrics.MetricsQuery;
import io.runplane.agent.assets.WorkloadAssetResolution;
import io.runplane.agent.policies.PolicyEnforcement;
import io.runplane.agent.workload.ManifestRenderer;
import io.runplane.agent.workload.WorkloadController;
import io.runplane.agent.workload.WorkloadException;
import io.runplane.api.v1.DeleteWorkloadResponse;
import io.runplane.api.v1.EventsRequest;
import io.runplane.api.v1.ListWorkloadsRequest;
import io.runplane.api.v1.ListWorkloadsResponse;
import io.runplane.api.v1.LogLine;
import io.runplane.api.v1.LogsRequest;
import io.runplane.api.v1.MetricsRequest;
import io.runplane.api.v1.MetricsResponse;
import io.runplane.api.v1.SubmitWorkloadRequest;
import io.runplane.api.v1.SubmitWorkloadResponse;
import io.runplane.api.v1.WatchWorkloadsRequest;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadEvent;
import io.runplane.api.v1.WorkloadRef;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadsGrpc;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The Workloads gRPC service over the workload controller and the log and metric feeds. */
final class WorkloadsService implements WorkloadsGrpc.AsyncService, BindableService {

    private static final Logger LOG = Logger.getLogger(WorkloadsService.class.getName());
    /** The most changes queued for a watcher that asked for batches that go into one response (see {@link EncodedWatch#batches}). */
    static final int WATCH_BATCH_LIMIT = 512;

    private final WorkloadController controller;
    private final WorkloadListing listing;
    private final LogFeed logs;
    private final MetricsQuery metrics;
    private final ManifestRenderer manifests;
    private final Runnable nudge;
    private final PolicyEnforcement policies;
    private final Guard guard;
    private final WorkloadAccess access;
    private final WorkloadAssetResolution assets;

    WorkloadsService(WorkloadController controller, LogFeed logs, MetricsQuery metrics, Runnable nudge, PolicyEnforcement policies,
                     WorkloadAssetResolution assets, Guard guard) {
        this.assets = assets;
        this.controller = controller;
        this.guard = guard;
        this.access = new WorkloadAccess(guard, controller);
        this.listing = new WorkloadListing(controller);
        this.logs = logs;
        this.metrics = metrics;
        this.manifests = new ManifestRenderer(controller.cluster());
        this.nudge = nudge;
        this.policies = policies;
    }

    /**
     * Answers once the workload is durable without holding a thread meanwhile: the journal's group
     * commit completes every submission it covers, and their answers are sent from there.
     */
    @Override
    public void submit(SubmitWorkloadRequest request, StreamObserver<SubmitWorkloadResponse> out) {
        WorkloadController.Accepted accepted;
        SubmitWorkloadResponse response;
        try {
            access.requireToCreate(request.getSpec().getProject(), request.getSpec().getType());
            WorkloadSpec resolved = assets.resolve(request.getSpec(), policies::imposedAssets);
            if (resolved.getType() != request.getSpec().getType()) {
                access.requireToCreate(resolved.getProject(), resolved.getType());
            }
            accepted = controller.accept(policies.admit(resolved), guard.caller().name(), request.getDryRun());
            response = SubmitWorkloadResponse.newBuilder().setWorkload(accepted.workload()).setManifest(manifests.render(accepted.workload())).build();
        } catch (WorkloadException | RuntimeException e) {
            out.onError(failure(e));
            return;
        }
        accepted.durable().whenComplete((ok, failure) -> {
            if (failure != null) {
                out.onError(failure(failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure));
                return;
            }
            if (!request.getDryRun()) {
                nudge.run();
            }
            out.onNext(response);
            out.onCompleted();
        });
    }

    @Override
    public void list(ListWorkloadsRequest request, StreamObserver<ListWorkloadsResponse> out) {
        unary(out, () -> listing.list(request, access.visible(request.getProject())));
    }

    @Override
    public void get(WorkloadRef request, StreamObserver<Workload> out) {
        unary(out, () -> {
            access.require(Action.VIEW, request.getProject(), request.getName());
            return controller.get(request.getProject(), request.getName());
        });
    }

    @Override
    public void stop(WorkloadRef request, StreamObserver<Workload> out) {
        unary(out, () -> {
            access.require(Action.EDIT, request.getProject(), request.getName());
            return controller.stop(request.getProject(), request.getName(), guard.caller().name());
        });
    }

    @Override
    public void resume(WorkloadRef request, StreamObserver<Workload> out) {
        unary(out, () -> {
            access.require(Action.EDIT, request.getProject(), request.getName());
            Workload w = controller.resume(request.getProject(), request.getName(), guard.caller().name());
            nudge.run();
            return w;
        });
    }

    @Override
    public void delete(WorkloadRef request, StreamObserver<DeleteWorkloadResponse> out) {
        unary(out, () -> {
            access.require(Action.DELETE, request.getProject(), request.getName());
            controller.delete(request.getProject(), request.getName(), guard.caller().name());
            nudge.run();
            return DeleteWorkloadResponse.getDefaultInstance();
        });
    }

    /** Serves Watch with each change's response encoded once for every watcher (see {@link EncodedWatch}). */
    @Override
    public ServerServiceDefinition bindService() {
        return EncodedWatch.replacingWatch(WorkloadsGrpc.bindService(this), ServerCalls.asyncServerStreamingCall(this::watchEncoded));
    }

    private void watchEncoded(WatchWorkloadsRequest request, StreamObserver<EncodedWatch.Frame> plain) {
        if (request.getResumeFromRevision() < 0) {
            plain.onError(ApiErrors.invalid("resume_from_revision", "must be >= 0"));
            return;
        }
        WorkloadAccess.Visible visible;
        try {
            visible = access.visible(request.getProject());
        } catch (StatusRuntimeException e) {
            plain.onError(e);
            return;
        }
        ServerCallStreamObserver<EncodedWatch.Frame> out = (ServerCallStreamObserver<EncodedWatch.Frame>) plain;
        boolean batches = request.getBatches();
        AtomicReference<Runnable> unwatch = new AtomicReference<>(() -> { });
        out.setOnCancelHandler(() -> unwatch.get().run());
        unwatch.set(VisibilityFollowingWatch.start(controller, guard.visibility(), guard.caller(), visible, request.getProject(),
                request.getResumeFromRevision(), view -> new WorkloadController.WatchSubscriber() {
            @Override
            public boolean snapshot(long revision, List<Workload> workloads, boolean resync) {
                List<Workload> seen = workloads.stream().filter(w -> view.allows(w.getSpec().getProject(), w.getSpec().getType())).toList();
                return send(out, EncodedWatch.snapshot(revision, seen, resync));
            }

            @Override
            public boolean deltas(List<ChangeFeed.Change> changes) {
                List<ChangeFeed.Change> seen = changes.stream()
                        .filter(c -> view.allows(c.workload().getSpec().getProject(), c.workload().getSpec().getType())).toList();
                List<EncodedWatch.Frame> frames = batches ? EncodedWatch.batches(seen) : seen.stream().map(EncodedWatch::delta).toList();
                for (EncodedWatch.Frame frame : frames) {
                    if (!send(out, frame)) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public int batchLimit() {
                return batches ? WATCH_BATCH_LIMIT : 1;
            }

            @Override
            public boolean ready() {
                return out.isReady() || out.isCancelled();
            }

            @Override
            public void onReady(Runnable resume) {
                out.setOnReadyHandler(resume);
            }
        }));
        if (out.isCancelled()) {
            unwatch.get().run();
        }
    }

    @Override
    public void events(EventsRequest request, StreamObserver<WorkloadEvent> plain) {
        ServerCallStreamObserver<WorkloadEvent> out = revocable((ServerCallStreamObserver<WorkloadEvent>) plain, request.getWorkload());
        WorkloadController.EventSubscriber subscriber = new WorkloadController.EventSubscriber() {
            @Override
            public boolean accept(WorkloadEvent event) {
                return send(out, event);
            }

            @Override
            public void ended() {
                try {
                    out.onCompleted();
                } catch (RuntimeException e) {
                    // The call is already gone.
                }
            }
        };
        out.setOnCancelHandler(() -> controller.unsubscribe(subscriber));
        try {
            access.require(Action.VIEW, request.getWorkload().getProject(), request.getWorkload().getName());
            controller.events(request.getWorkload().getProject(), request.getWorkload().getName(), request.getFollow(), subscriber);
        } catch (WorkloadException e) {
            out.onError(ApiErrors.of(e));
        } catch (StatusRuntimeException e) {
            out.onError(e);
        }
    }

    @Override
    public void metrics(MetricsRequest request, StreamObserver<MetricsResponse> out) {
        unary(out, () -> {
            access.require(Action.VIEW, request.getWorkload().getProject(), request.getWorkload().getName());
            return metrics.query(request);
        });
    }

    @Override
    public void logs(LogsRequest request, StreamObserver<LogLine> out) {
        try {
            access.require(Action.VIEW, request.getWorkload().getProject(), request.getWorkload().getName());
            logs.stream(request, revocable((ServerCallStreamObserver<LogLine>) out, request.getWorkload()));
        } catch (WorkloadException e) {
            out.onError(ApiErrors.of(e));
        } catch (StatusRuntimeException e) {
            out.onError(e);
        }
    }

    /** A follow of one workload, ended with PERMISSION_DENIED when the caller may no longer view it. */
    private <T> ServerCallStreamObserver<T> revocable(ServerCallStreamObserver<T> out, WorkloadRef workload) {
        return RevocableStream.of(out, guard.visibility(), guard.caller(), access.viewPermission(workload.getProject(), workload.getName()),
                new Scope.Project(workload.getProject()));
    }

    private static <T> boolean send(ServerCallStreamObserver<T> out, T message) {
        if (out.isCancelled()) {
            return false;
        }
        try {
            out.onNext(message);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    interface Call<T> {
        T run() throws WorkloadException;
    }

    private static <T> void unary(StreamObserver<T> out, Call<T> call) {
        T result;
        try {
            result = call.run();
        } catch (WorkloadException | RuntimeException e) {
            out.onError(failure(e));
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }

    private static StatusRuntimeException failure(Throwable e) {
        return switch (e) {
            case WorkloadException w -> ApiErrors.of(w);
            case StatusRuntimeException s -> s;
            default -> {
                LOG.log(Level.WARNING, "request failed", e);
                yield Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException();
            }
        };
    }
}
