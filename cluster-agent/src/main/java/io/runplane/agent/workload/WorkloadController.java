package io.runplane.agent.workload;

import io.runplane.agent.backend.ClusterBackend;
import io.runplane.agent.backend.LaunchedPod;
import io.runplane.agent.backend.PodObservation;
import io.runplane.agent.backend.PodPhase;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.events.ChangeFeed;
import io.runplane.agent.scheduling.IdleFractions;
import io.runplane.agent.scheduling.SchedulerInputs;
import io.runplane.agent.scheduling.SchedulingCycle;
import io.runplane.agent.store.Journal;
import io.runplane.agent.store.WorkloadStore;
import io.runplane.agent.time.TimeScale;
import io.runplane.api.v1.ComputeRequest;
import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadEvent;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;
import io.runplane.api.v1.WorkloadType;
import io.runplane.scheduler.Binding;
import io.runplane.scheduler.ClusterSnapshot;
import io.runplane.scheduler.CycleResult;
import io.runplane.scheduler.GpuReassignment;
import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.JobSpec;
import io.runplane.scheduler.NodePoolSpec;
import io.runplane.scheduler.NodeSpec;
import io.runplane.scheduler.PendingTask;
import io.runplane.scheduler.QueueSpec;
import io.runplane.scheduler.TaskSpec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The workload controller: owns every workload, renders them into pods, runs the scheduler over
 * them, follows the pods through the backend, derives statuses and keeps the event history. All
 * state changes happen under this object's monitor, which is never held while waiting for the disk
 * or while the scheduler computes a cycle; every change is stored durably before it is published to
 * watchers or acknowledged to a caller.
 */
public final class WorkloadController {

    private static final Logger LOG = Logger.getLogger(WorkloadController.class.getName());

    /** Receives the events of one workload; returns false once it no longer wants them. */
    public interface EventSubscriber {
        boolean accept(WorkloadEvent event);

        /** The workload is gone: no more events will come. */
        void ended();
    }

    /** Immutable view of one workload for the log and metric feeds, taken under the lock. */
    public record PodsView(Workload workload, List<LaunchedPod> pods, boolean active) {
    }

    /** Changes kept for watches that resume; older resumptions get a fresh snapshot (resync). */
    static final int WATCH_HISTORY = 2048;
    /** Changes a watcher may fall behind before it is sent a fresh snapshot (resync) instead. */
    static final int WATCHER_BUFFER = 16_384;
    private static final int DELIVERY_THREADS = 2;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    static final Duration SCALE_STABILIZATION = Duration.ofSeconds(30);
    static final Duration MAX_CRASH_BACK_OFF = Duration.ofMinutes(5);

    private final ClusterFile cluster;
    private final ClusterBackend backend;
    private final WorkloadStore store;
    private final Clock clock;
    private final TimeScale scale;
    private final SchedulingCycle scheduler;
    private final Supplier<SchedulerInputs> inputs;
    private final SpecValidator validator;
    private final PodFactory pods = new PodFactory();
    private final WorkloadMapper mapper;
    private final ChangeFeed feed;
    private final IdleFractions idleFractions;
    private final Map<String, WorkloadState> workloads = new LinkedHashMap<>();
    private final Map<WorkloadKey, WorkloadState> byName = new HashMap<>();
    private final Map<String, List<EventSubscriber>> eventSubscribers = new HashMap<>();
    private final Set<WorkloadState> dirty = new LinkedHashSet<>();
    private long submitOrder;
    private Map<String, JobSpec> lastPlannedJobs = Map.of();
    private List<NodePoolSpec> lastPools = List.of();
    private List<NodeSpec> lastNodes = List.of();
    private List<QueueSpec> lastQueues = List.of();

    private record WorkloadKey(String project, String name) {
    }

    /**
     * Takes over the workloads of the store; revisions continue after the newest it holds.
     *
     * @param inputs the organization's current scheduler inputs, asked for once per cycle
     */
    public WorkloadController(ClusterBackend backend, SchedulingCycle scheduler, WorkloadStore store, Clock clock, TimeScale scale,
                              Supplier<SchedulerInputs> inputs) {
        this.scheduler = scheduler;
        this.cluster = backend.inventory();
        this.backend = backend;
        this.store = store;
        this.clock = clock;
        this.scale = scale;
        this.inputs = inputs;
        this.validator = new SpecValidator(backend, inputs);
        this.mapper = new WorkloadMapper(cluster);
        this.idleFractions = new IdleFractions(backend, scale, IdleFractions.DEFAULTS);
        long revision = store.removedRevision();
        for (WorkloadState w : store.recovered().stream().sorted(Comparator.comparingLong(WorkloadState::submitOrder)).toList()) {
            add(w);
            revision = Math.max(revision, w.revision());
            submitOrder = Math.max(submitOrder, w.submitOrder());
        }
        this.feed = new ChangeFeed(revision, WATCH_HISTORY, WATCHER_BUFFER, deliveryThreads());
    }

    /**
     * A few long-lived threads deliver to every watcher: gRPC's buffers are per thread, so a thread
     * per delivery would set up new ones each time. Idle threads end, so no shutdown is needed.
     */
    private static ExecutorService deliveryThreads() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(DELIVERY_THREADS, DELIVERY_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name("runplane-watch-", 1).factory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    public ClusterFile cluster() {
        return cluster;
    }

    /** The structural checks every submitted spec passes, shared with policy enforcement. */
    public SpecValidator validator() {
        return validator;
    }

    // ---- requests -------------------------------------------------------------------------

    /** A submission that passed: the workload as accepted, and when it is durable (or failed to be stored). */
    public record Accepted(Workload workload, CompletableFuture<Void> durable) {
    }

    /**
     * Validates and stores a new workload, returning once it is durable; with dryRun only validates
     * and renders.
     */
    public Workload submit(WorkloadSpec spec, String user, boolean dryRun) throws WorkloadException {
        Accepted accepted = accept(spec, user, dryRun);
        Journal.await(accepted.durable());
        return accepted.workload();
    }

    /**
     * Validates and stores a new workload without waiting for the disk: it is published to watchers
     * and may be acknowledged once {@link Accepted#durable()} completes; if it cannot be stored, it
     * is forgotten and the future fails. With dryRun only validates and renders (already complete).
     */
    public Accepted accept(WorkloadSpec spec, String user, boolean dryRun) throws WorkloadException {
        List<FieldProblem> problems = validator.validate(spec);
        if (!problems.isEmpty()) {
            throw new WorkloadException(WorkloadException.Kind.INVALID, "the workload spec is not valid", problems);
        }
        WorkloadState w;
        Flushed flushed;
        synchronized (this) {
            if (byName.containsKey(new WorkloadKey(spec.getProject(), spec.getName()))) {
                throw new WorkloadException(WorkloadException.Kind.ALREADY_EXISTS,
                        "a workload named " + spec.getName() + " already exists in project " + spec.getProject(),
                        List.of(new FieldProblem("spec.name", "must be unique in the project")));
            }
            Instant now = clock.instant();
            w = newWorkload(UUID.randomUUID().toString(), spec, user, now);
            if (dryRun) {
                pods.initialPods(w, initialReplicas(w, now), now).forEach(w::addPod);
                return new Accepted(mapper.toProto(w), DONE);
            }
            record(w, EventRecord.NORMAL, "Submitted", "submitted by " + user, "", "user", now);
            createPodGroup(w, now);
            add(w);
            flushed = flushChanges();
        }
        CompletableFuture<Void> durable = flushed.durable().whenComplete((ok, failure) -> {
            if (failure != null) {
                synchronized (this) {
                    if (workloads.get(w.uuid()) == w) {
                        forget(w);
                    }
                }
            }
        });
        return new Accepted(flushed.changed().stream().filter(c -> c.getUuid().equals(w.uuid())).findFirst().orElseThrow(), durable);
    }

    /**
     * Adds a workload that finished before the agent first started (for a seeded data directory):
     * its pod was bound 4 s after creation, pulled for 3 s (simulated), ran for {@code ranFor}
     * (simulated) and exited with {@code exitCode}. The spec should carry the same run time and
     * exit code for the backend, so that logs and metrics agree with the history.
     */
    public void seedFinished(String uuid, WorkloadSpec spec, String user, Instant createdAt, Duration ranFor, int exitCode) {
        Journal.await(seed(uuid, spec, user, createdAt, ranFor, exitCode));
    }

    private synchronized CompletableFuture<Void> seed(String uuid, WorkloadSpec spec, String user, Instant createdAt, Duration ranFor,
                                                      int exitCode) {
        if (workloads.containsKey(uuid)) {
            return DONE;
        }
        WorkloadState w = newWorkload(uuid, spec, user, createdAt);
        record(w, EventRecord.NORMAL, "Submitted", "submitted by " + user, "", "user", createdAt);
        List<PodState> created = pods.initialPods(w, 1, createdAt);
        created.forEach(w::addPod);
        transition(w, WorkloadStatus.WORKLOAD_STATUS_PENDING, "waiting to be scheduled", createdAt.plusSeconds(1));
        Instant bound = createdAt.plusSeconds(4);
        Instant running = bound.plus(scale.real(Duration.ofSeconds(3)));
        Instant end = running.plus(scale.real(ranFor));
        int gpus = Math.max(1, spec.getCompute().getGpuDevices());
        double fraction = spec.getCompute().getGpuPortion() > 0 ? spec.getCompute().getGpuPortion() : 1.0;
        ClusterFile.NodeDef target = cluster.nodes().stream()
                .filter(n -> spec.getNodePoolsList().isEmpty() || spec.getNodePoolsList().contains(n.nodePool()))
                .filter(n -> n.gpus() >= gpus).findFirst().orElse(cluster.nodes().getFirst());
        List<Integer> devices = java.util.stream.IntStream.range(0, Math.min(gpus, target.gpus())).boxed().toList();
        for (PodState pod : created) {
            pod.bind(target.name(), target.nodePool(), devices, fraction, bound);
            record(w, EventRecord.NORMAL, "Scheduled", "bound " + pod.name() + " to node " + target.name() + " GPU " + devices,
                    pod.name(), "scheduler", bound);
        }
        transition(w, WorkloadStatus.WORKLOAD_STATUS_INITIALIZING, "pulling images and starting containers", bound);
        for (PodState pod : created) {
            pod.phase(PodPhase.RUNNING, "");
            pod.running(running);
        }
        transition(w, WorkloadStatus.WORKLOAD_STATUS_RUNNING, created.size() + "/" + created.size() + " pods running", running);
        for (PodState pod : created) {
            pod.end(exitCode == 0 ? PodPhase.SUCCEEDED : PodPhase.FAILED, end, exitCode,
                    exitCode == 0 ? "Completed" : "Error: container exited with code " + exitCode);
            if (exitCode == 0) {
                w.succeededOne();
            } else {
                w.failedOne();
            }
            w.retire(pod);
        }
        if (exitCode == 0) {
            transition(w, WorkloadStatus.WORKLOAD_STATUS_COMPLETED, "all pods completed", end);
        } else {
            transition(w, WorkloadStatus.WORKLOAD_STATUS_FAILED, "BackoffLimitExceeded: container exited with code " + exitCode, end);
        }
        add(w);
        return flush();
    }

    public synchronized Workload get(String project, String name) throws WorkloadException {
        return message(require(project, name));
    }

    public synchronized List<Workload> list(Predicate<WorkloadState> filter) {
        return workloads.values().stream().filter(filter).map(this::message).toList();
    }

    public synchronized long revision() {
        return feed.revision();
    }

    /** Kills the pods and releases the resources; the workload stays, Stopped. */
    public Workload stop(String project, String name, String user) throws WorkloadException {
        return stopBecause(project, name, "stopped by " + user);
    }

    /** Stops a workload like {@link #stop} does, with the reason in its status and event history. */
    public Workload stopBecause(String project, String name, String reason) throws WorkloadException {
        return stopBecause(project, name, "", reason);
    }

    /** As {@link #stopBecause(String, String, String)}, first recording a warning {@code cause} (e.g. TimedOut) unless empty. */
    public Workload stopBecause(String project, String name, String cause, String reason) throws WorkloadException {
        Workload stopped;
        CompletableFuture<Void> durable;
        synchronized (this) {
            WorkloadState w = require(project, name);
            if (w.status() == WorkloadStatus.WORKLOAD_STATUS_STOPPED) {
                return message(w);
            }
            if (!w.active()) {
                throw new WorkloadException(WorkloadException.Kind.FAILED_PRECONDITION,
                        "workload " + name + " is " + display(w.status()) + " and cannot be stopped");
            }
            Instant now = clock.instant();
            if (!cause.isEmpty()) {
                record(w, EventRecord.WARNING, cause, reason, "", "agent", now);
            }
            terminateAll(w, now, reason);
            transition(w, WorkloadStatus.WORKLOAD_STATUS_STOPPED, reason, now);
            durable = flush();
            stopped = message(w);
        }
        Journal.await(durable);
        return stopped;
    }

    /** Runs a stopped workload again. */
    public Workload resume(String project, String name, String user) throws WorkloadException {
        Workload resumed;
        CompletableFuture<Void> durable;
        synchronized (this) {
            WorkloadState w = require(project, name);
            if (w.status() != WorkloadStatus.WORKLOAD_STATUS_STOPPED) {
                throw new WorkloadException(WorkloadException.Kind.FAILED_PRECONDITION,
                        "only a stopped workload can be resumed; " + name + " is " + display(w.status()));
            }
            Instant now = clock.instant();
            w.resetFailures();
            record(w, EventRecord.NORMAL, "Resumed", "resumed by " + user, "", "user", now);
            pods.initialPods(w, initialReplicas(w, now), now).forEach(w::addPod);
            transition(w, WorkloadStatus.WORKLOAD_STATUS_PENDING, "waiting to be scheduled", now);
            durable = flush();
            resumed = message(w);
        }
        Journal.await(durable);
        return resumed;
    }

    /** Marks the workload Deleting and kills its pods; the next cycle removes it. */
    public void delete(String project, String name, String user) throws WorkloadException {
        CompletableFuture<Void> durable;
        synchronized (this) {
            WorkloadState w = require(project, name);
            if (w.status() == WorkloadStatus.WORKLOAD_STATUS_DELETING) {
                return;
            }
            Instant now = clock.instant();
            terminateAll(w, now, "deleted by " + user);
            transition(w, WorkloadStatus.WORKLOAD_STATUS_DELETING, "deleted by " + user, now);
            durable = flush();
        }
        Journal.await(durable);
    }

    /**
     * Starts a watch: a snapshot (or, when resuming, the missed deltas) is handed to the subscriber,
     * then every later change that matches the project, in order. A watcher that falls too far
     * behind is handed a fresh snapshot (resync) and continues from it. Returns what ends it.
     */
    public Runnable watch(String project, long resumeFrom, WatchSubscriber subscriber) {
        Watch watch = new Watch(project, subscriber);
        subscriber.onReady(watch::resume);
        if (resumeFrom > 0) {
            Optional<ChangeFeed.Subscription> resumed = feed.subscribe(resumeFrom, watch);
            if (resumed.isPresent()) {
                watch.current = resumed.get();
                return watch::cancel;
            }
        }
        Snapshot snapshot;
        synchronized (this) {
            snapshot = watch.subscribe();
        }
        watch.send(snapshot, resumeFrom > 0);
        return watch::cancel;
    }

    /** A watch's first message, taken under the lock with the revision its subscription starts after. */
    private record Snapshot(long revision, List<Workload> workloads) {
    }

    /** One watch stream: its subscription to the feed, replaced when the watcher is resynchronized. */
    private final class Watch implements ChangeFeed.Subscriber {
        private final String project;
        private final WatchSubscriber subscriber;
        private volatile ChangeFeed.Subscription current;
        private volatile boolean cancelled;
        private volatile boolean resyncWhenReady;
        /** A snapshot is being sent: deltas wait for it, so they follow it on the stream. */
        private volatile boolean sendingSnapshot;

        Watch(String project, WatchSubscriber subscriber) {
            this.project = project;
            this.subscriber = subscriber;
        }

        private boolean matches(Workload w) {
            return project.isEmpty() || w.getSpec().getProject().equals(project);
        }

        /**
         * Takes the workloads as of the feed's revision and subscribes after it, holding deltas
         * until {@link #send} has handed the snapshot over; called under the controller's lock, so
         * no change is made between the two and the snapshot's revision is where deltas start.
         */
        private Snapshot subscribe() {
            sendingSnapshot = true;
            long revision = feed.revision();
            List<Workload> taken = new ArrayList<>();
            for (WorkloadState w : workloads.values()) {
                if (project.isEmpty() || w.project().equals(project)) {
                    taken.add(message(w));
                }
            }
            current = feed.subscribe(revision, this).orElseThrow();
            return new Snapshot(revision, taken);
        }

        /** Hands the snapshot over outside the lock, then lets the deltas after it go. */
        private void send(Snapshot snapshot, boolean resync) {
            boolean sent = !cancelled && subscriber.snapshot(snapshot.revision(), snapshot.workloads(), resync);
            sendingSnapshot = false;
            if (!sent || cancelled) {
                cancel();
                return;
            }
            resume();
        }

        @Override
        public boolean accept(List<ChangeFeed.Change> changes) {
            if (cancelled) {
                return false;
            }
            List<ChangeFeed.Change> matching = project.isEmpty() ? changes : changes.stream().filter(c -> matches(c.workload())).toList();
            return matching.isEmpty() || subscriber.deltas(matching);
        }

        @Override
        public int batchLimit() {
            return subscriber.batchLimit();
        }

        @Override
        public boolean ready() {
            return !sendingSnapshot && subscriber.ready();
        }

        /** Sends the fresh snapshot when the stream can take it, not into a full buffer. */
        @Override
        public void lagged() {
            resyncWhenReady = true;
            if (subscriber.ready()) {
                resume();
            }
        }

        void resume() {
            if (resyncWhenReady) {
                Snapshot snapshot = null;
                synchronized (WorkloadController.this) {
                    if (resyncWhenReady && !sendingSnapshot && !cancelled) {
                        resyncWhenReady = false;
                        snapshot = subscribe();
                    }
                }
                if (snapshot != null) {
                    send(snapshot, true);
                }
                return;
            }
            ChangeFeed.Subscription s = current;
            if (s != null) {
                s.resume();
            }
        }

        void cancel() {
            cancelled = true;
            ChangeFeed.Subscription s = current;
            if (s != null) {
                s.cancel();
            }
        }
    }

    /** Receives a watch's first message and then its deltas; returns false once the stream is gone. */
    public interface WatchSubscriber {
        boolean snapshot(long revision, List<Workload> workloads, boolean resync);

        /** Consecutive changes of the watched project, oldest first, at most {@link #batchLimit()}. */
        boolean deltas(List<ChangeFeed.Change> changes);

        /** The most changes it takes at once. */
        default int batchLimit() {
            return 1;
        }

        /** Whether the stream can take a message now without buffering it. */
        default boolean ready() {
            return true;
        }

        /** Registers what to run each time the stream becomes ready again. */
        default void onReady(Runnable resume) {
        }
    }

    /**
     * Hands the event history so far to the subscriber; with follow, later events follow in order.
     */
    public synchronized void events(String project, String name, boolean follow, EventSubscriber subscriber) throws WorkloadException {
        WorkloadState w = require(project, name);
        for (EventRecord e : w.events()) {
            if (!subscriber.accept(WorkloadMapper.event(e))) {
                return;
            }
        }
        if (follow) {
            eventSubscribers.computeIfAbsent(w.uuid(), k -> new ArrayList<>()).add(subscriber);
        } else {
            subscriber.ended();
        }
    }

    public synchronized void unsubscribe(EventSubscriber subscriber) {
        eventSubscribers.values().forEach(list -> list.remove(subscriber));
    }

    /** What the log and metric feeds need, copied under the lock. */
    public synchronized Optional<PodsView> pods(String project, String name) {
        return Optional.ofNullable(byName.get(new WorkloadKey(project, name))).map(w -> {
            List<LaunchedPod> launched = new ArrayList<>();
            for (PodState pod : w.allPods()) {
                if (pod.launchedAt().isPresent()) {
                    launched.add(mapper.launched(w, pod));
                }
            }
            return new PodsView(message(w), launched, w.active());
        });
    }

    /** What bound pods hold now, per project, department, node and pool, and workloads per status. */
    public synchronized Allocations allocations() {
        Map<String, Allocations.Held> byProject = new HashMap<>();
        Map<String, Allocations.Held> byDepartment = new HashMap<>();
        Map<String, Double> byNode = new HashMap<>();
        Map<String, Double> byPool = new HashMap<>();
        Map<String, Integer> byStatus = new HashMap<>();
        for (WorkloadState w : workloads.values()) {
            byStatus.merge(display(w.status()), 1, Integer::sum);
            ComputeRequest c = w.spec().getCompute();
            for (PodState pod : w.pods()) {
                if (!pod.bound() || !pod.phase().holdsNode()) {
                    continue;
                }
                double gpu = pod.gpuIndices().size() * pod.gpuFraction();
                long device = cluster.node(pod.node()).map(ClusterFile.NodeDef::gpuMemoryMiB).orElse(0L);
                Allocations.Held held = new Allocations.Held(gpu, (long) (gpu * device), c.getCpuMillis(), c.getMemoryMib());
                byProject.merge(w.project(), held, Allocations.Held::plus);
                byDepartment.merge(w.department(), held, Allocations.Held::plus);
                byNode.merge(pod.node(), gpu, Double::sum);
                byPool.merge(pod.nodePool(), gpu, Double::sum);
            }
        }
        return new Allocations(byProject, byDepartment, byNode, byPool, byStatus);
    }

    // ---- the control loop -----------------------------------------------------------------

    /**
     * One pass: follow pods and reconcile each workload (stored and published before scheduling, so
     * new pod groups are seen Pending), then schedule, derive statuses, store, publish. The
     * scheduling cycle runs on a snapshot taken under the lock and is computed without it; its
     * decisions are applied to the workloads that did not change meanwhile.
     */
    public void tick() {
        Instant now = clock.instant();
        Optional<Plan> plan;
        synchronized (this) {
            reconcileAll(now);
            flush();
            plan = plan(now);
        }
        Optional<CycleResult> decided = plan.map(p -> scheduler.run(p.snapshot()));
        synchronized (this) {
            decided.ifPresent(result -> apply(plan.get(), result, now));
            for (WorkloadState w : workloads.values()) {
                if (w.active() && w.status() != WorkloadStatus.WORKLOAD_STATUS_CREATING) {
                    StatusRules.Derived d = StatusRules.derive(w.spec().getType(), w.pods(), requiredRunning(w), progressing(w));
                    transition(w, d.status(), d.message(), now);
                }
            }
            flush();
        }
    }

    private void reconcileAll(Instant now) {
        for (WorkloadState w : List.copyOf(workloads.values())) {
            try {
                if (w.status() == WorkloadStatus.WORKLOAD_STATUS_DELETING) {
                    remove(w);
                } else if (w.active()) {
                    reconcile(w, now);
                } else if (w.finished()) {
                    expire(w, now);
                }
            } catch (RuntimeException e) {
                // One workload that cannot be reconciled must not stop the loop for the others.
                LOG.log(Level.SEVERE, "cannot reconcile workload " + w.project() + "/" + w.name() + " (" + w.uuid() + ")", e);
            }
        }
    }

    private void reconcile(WorkloadState w, Instant now) {
        if (w.status() == WorkloadStatus.WORKLOAD_STATUS_CREATING) {
            createPodGroup(w, now);
        }
        for (PodState pod : List.copyOf(w.pods())) {
            if (pod.bound()) {
                follow(w, pod, now);
            }
        }
        if (!w.active()) {
            return;
        }
        switch (w.spec().getType()) {
            case WORKLOAD_TYPE_TRAINING -> reconcileTraining(w, now);
            case WORKLOAD_TYPE_DISTRIBUTED -> reconcileDistributed(w, now);
            case WORKLOAD_TYPE_INFERENCE -> autoscale(w, now);
            default -> {
            }
        }
    }

    /**
     * Creating → Pending: creates the pod group and derives the status from it. Submit does it before
     * storing the new workload, so a submission is stored and published once; a workload stored in
     * Creating by an earlier agent gets it on the next pass.
     */
    private void createPodGroup(WorkloadState w, Instant now) {
        List<PodState> created = pods.initialPods(w, initialReplicas(w, now), now);
        created.forEach(w::addPod);
        int min = requiredRunning(w);
        record(w, EventRecord.NORMAL, "PodGroupCreated", "created pod group of " + created.size() + " pod(s), minMember " + min,
                "", "agent", now);
        StatusRules.Derived d = StatusRules.derive(w.spec().getType(), w.pods(), min, progressing(w));
        transition(w, d.status(), d.message(), now);
    }

    private void follow(WorkloadState w, PodState pod, Instant now) {
        if (pod.phase() == PodPhase.CRASH_LOOP_BACK_OFF) {
            if (pod.restartAt().map(t -> !t.isAfter(now)).orElse(true)) {
                pod.restart(now);
                backend.launch(mapper.launched(w, pod));
                record(w, EventRecord.NORMAL, "Restarting", "restarting container (restart " + pod.restarts() + ")", pod.name(), "backend", now);
            }
            return;
        }
        if (pod.phase().finished()) {
            return;
        }
        PodObservation seen = backend.observe(mapper.launched(w, pod), now);
        switch (seen.phase()) {
            case IMAGE_PULL_BACK_OFF -> {
                if (pod.phase() != PodPhase.IMAGE_PULL_BACK_OFF) {
                    pod.phase(PodPhase.IMAGE_PULL_BACK_OFF, seen.message());
                    record(w, EventRecord.WARNING, "ImagePullBackOff", seen.message(), pod.name(), "backend", seen.since());
                }
            }
            case RUNNING -> {
                if (pod.phase() != PodPhase.RUNNING) {
                    pod.phase(PodPhase.RUNNING, "");
                    pod.running(seen.since());
                    record(w, EventRecord.NORMAL, "Started", "container started on node " + pod.node(), pod.name(), "backend", seen.since());
                }
            }
            case SUCCEEDED, FAILED -> {
                pod.running(seen.since());
                exited(w, pod, seen, now);
            }
            default -> {
            }
        }
    }

    private void exited(WorkloadState w, PodState pod, PodObservation seen, Instant now) {
        boolean failed = seen.phase() == PodPhase.FAILED;
        WorkloadType type = w.spec().getType();
        if (type == WorkloadType.WORKLOAD_TYPE_INTERACTIVE || type == WorkloadType.WORKLOAD_TYPE_INFERENCE) {
            Duration backOff = Duration.ofSeconds(10).multipliedBy(1L << Math.min(5, pod.restarts()));
            if (backOff.compareTo(MAX_CRASH_BACK_OFF) > 0) {
                backOff = MAX_CRASH_BACK_OFF;
            }
            pod.crashed(seen.since(), now.plus(scale.real(backOff)), seen.exitCode(), seen.message());
            record(w, EventRecord.WARNING, "BackOff", seen.message() + "; restarting in " + backOff.toSeconds() + "s",
                    pod.name(), "backend", seen.since());
            return;
        }
        pod.end(seen.phase(), seen.since(), seen.exitCode(), seen.message());
        if (failed) {
            w.failedOne();
            record(w, EventRecord.WARNING, "PodFailed", pod.name() + " " + seen.message() + " (failure " + w.failures()
                    + ", backoff limit " + PodFactory.backoffLimit(w.spec()) + ")", pod.name(), "backend", seen.since());
        } else {
            record(w, EventRecord.NORMAL, "PodSucceeded", pod.name() + " completed", pod.name(), "backend", seen.since());
        }
        backend.terminate(mapper.launched(w, pod));
        if (type == WorkloadType.WORKLOAD_TYPE_TRAINING) {
            if (!failed) {
                w.succeededOne();
            }
            w.retire(pod);
        }
    }

    private void reconcileTraining(WorkloadState w, Instant now) {
        WorkloadSpec spec = w.spec();
        if (w.failures() > PodFactory.backoffLimit(spec)) {
            finish(w, WorkloadStatus.WORKLOAD_STATUS_FAILED,
                    "BackoffLimitExceeded: " + w.failures() + " failed run(s), backoff limit " + PodFactory.backoffLimit(spec), now);
            return;
        }
        int completions = PodFactory.completions(spec);
        if (w.succeeded() >= completions) {
            finish(w, WorkloadStatus.WORKLOAD_STATUS_COMPLETED, w.succeeded() + "/" + completions + " completions succeeded", now);
            return;
        }
        int wanted = Math.min(PodFactory.parallelism(spec), completions - w.succeeded()) - w.pods().size();
        for (int i = 0; i < wanted; i++) {
            w.addPod(pods.create(w, w.takeIndex(), "", now));
        }
        if (wanted > 0) {
            markChanged(w);
        }
    }

    private void reconcileDistributed(WorkloadState w, Instant now) {
        List<PodState> current = w.pods();
        boolean anyFailed = current.stream().anyMatch(p -> p.phase() == PodPhase.FAILED);
        if (anyFailed) {
            if (w.failures() > PodFactory.backoffLimit(w.spec())) {
                finish(w, WorkloadStatus.WORKLOAD_STATUS_FAILED, "BackoffLimitExceeded: " + w.failures()
                        + " failed run(s), backoff limit " + PodFactory.backoffLimit(w.spec()), now);
            } else {
                terminateAll(w, now, "gang restarted after a pod failed");
                pods.initialPods(w, 0, now).forEach(w::addPod);
                record(w, EventRecord.WARNING, "GangRestarted", "a pod failed; restarting all " + w.pods().size() + " pods together",
                        "", "agent", now);
            }
            return;
        }
        boolean masterDone = current.stream().anyMatch(p -> p.role().equals(PodFactory.MASTER) && p.phase() == PodPhase.SUCCEEDED);
        boolean allDone = !current.isEmpty() && current.stream().allMatch(p -> p.phase() == PodPhase.SUCCEEDED);
        if (masterDone || allDone) {
            finish(w, WorkloadStatus.WORKLOAD_STATUS_COMPLETED, masterDone ? "the master completed" : "all workers completed", now);
        }
    }

    private void autoscale(WorkloadState w, Instant now) {
        var options = w.spec().getInference();
        int current = w.pods().size();
        double rate = backend.requestRate(w.uuid(), w.spec().getAnnotationsMap(), now);
        int desired = Autoscaler.desired(options, rate, (int) w.pods().stream().filter(p -> p.phase() == PodPhase.RUNNING).count());
        boolean stable = w.lastScaleAt().map(t -> !now.isBefore(t.plus(scale.real(SCALE_STABILIZATION)))).orElse(true);
        boolean belowMin = current < options.getMinReplicas();
        if (desired == current || (!stable && !belowMin)) {
            return;
        }
        String metric = options.getMetric().isEmpty() ? "throughput" : options.getMetric();
        String why = String.format(java.util.Locale.ROOT, "%s: %.1f requests/s, target %s", metric, rate,
                options.getTarget() > 0 ? options.getTarget() : Autoscaler.DEFAULT_TARGET);
        if (desired > current) {
            for (int i = current; i < desired; i++) {
                w.addPod(pods.create(w, w.takeIndex(), PodFactory.REPLICA, now));
            }
            record(w, EventRecord.NORMAL, "ScaledUp", "scaled from " + current + " to " + desired + " replicas (" + why + ")", "", "autoscaler", now);
        } else {
            List<PodState> victims = new ArrayList<>(w.pods());
            victims.sort(Comparator.comparing(PodState::bound).thenComparing(PodState::createdAt, Comparator.reverseOrder()));
            for (PodState pod : victims.subList(0, current - desired)) {
                terminate(w, pod, now, "scaled down");
            }
            record(w, EventRecord.NORMAL, "ScaledDown", "scaled from " + current + " to " + desired + " replicas (" + why + ")", "", "autoscaler", now);
        }
        w.desiredReplicas(desired, now);
    }

    private void expire(WorkloadState w, Instant now) {
        long ttl = w.spec().getTraining().getTtlAfterFinishSeconds();
        if (ttl > 0 && w.completedAt().isPresent()
                && !now.isBefore(w.completedAt().get().plus(scale.real(Duration.ofSeconds(ttl))))) {
            remove(w);
        }
    }

    // ---- scheduling -----------------------------------------------------------------------

    /** What the scheduler decides on: the organization and the revision of each workload at that moment. */
    private record Plan(ClusterSnapshot snapshot, SchedulerInputs org, Map<String, Long> revisions) {
    }

    /**
     * The snapshot of this moment, in workload order. A job equal to the one of the last plan is
     * passed as that same object, and so are the pool, node and queue lists while they are equal to
     * the last ones: the scheduler then reuses what it built for them last cycle.
     */
    private Optional<Plan> plan(Instant now) {
        SchedulerInputs org = inputs.get();
        List<JobSpec> jobs = new ArrayList<>();
        Map<String, Long> revisions = new HashMap<>();
        Map<String, JobSpec> planned = new HashMap<>();
        for (WorkloadState w : workloads.values()) {
            if (w.active() && !w.pods().isEmpty()) {
                JobSpec job = job(w, org, now);
                JobSpec last = lastPlannedJobs.get(w.uuid());
                JobSpec kept = job.equals(last) ? last : job;
                jobs.add(kept);
                planned.put(w.uuid(), kept);
                revisions.put(w.uuid(), w.revision());
            }
        }
        lastPlannedJobs = planned;
        if (jobs.isEmpty()) {
            return Optional.empty();
        }
        lastPools = sameIfEqual(lastPools, org.pools());
        lastNodes = sameIfEqual(lastNodes, org.nodes());
        lastQueues = sameIfEqual(lastQueues, org.queues());
        return Optional.of(new Plan(new ClusterSnapshot(lastPools, lastNodes, lastQueues, jobs, now.toEpochMilli()),
                org, revisions));
    }

    private static <T> List<T> sameIfEqual(List<T> last, List<T> now) {
        return now.equals(last) ? last : now;
    }

    /**
     * Applies a cycle's decisions to the workloads that are as they were planned: one stopped,
     * deleted or resumed meanwhile has a newer revision, and is left to the next cycle.
     */
    private void apply(Plan plan, CycleResult result, Instant now) {
        Predicate<String> unchanged = uuid -> {
            WorkloadState w = workloads.get(uuid);
            return w != null && plan.revisions().getOrDefault(uuid, -1L) == w.revision();
        };
        // Device moves first: the scheduler placed this cycle's bindings on the devices they free.
        for (GpuReassignment r : result.reassignments()) {
            if (unchanged.test(r.job())) {
                podOf(r.job(), r.task()).ifPresent(ref -> moveGpus(ref.workload(), ref.pod(), r, now));
            }
        }
        // Evictions next: a binding of the same cycle may use what they free, and a consolidation
        // move comes as both an eviction and a binding of the same task, for the pod that replaces it.
        Set<WorkloadState> restartedGangs = new LinkedHashSet<>();
        Map<String, Optional<PodRef>> replacements = new HashMap<>();
        for (Eviction e : result.evictions()) {
            if (!unchanged.test(e.job())) {
                continue;
            }
            podOf(e.job(), e.task()).ifPresent(ref -> replacements.put(e.job() + "/" + e.task(),
                    evict(ref.workload(), ref.pod(), e, now, restartedGangs).map(p -> new PodRef(ref.workload(), p))));
        }
        for (Binding b : result.bindings()) {
            if (!unchanged.test(b.job())) {
                continue;
            }
            Optional<PodRef> target = replacements.containsKey(b.job() + "/" + b.task())
                    ? replacements.get(b.job() + "/" + b.task()) : podOf(b.job(), b.task());
            target.ifPresent(ref -> bind(ref.workload(), ref.pod(), b.placement(), plan.org().nodePoolOf(b.placement().node()), now));
        }
        Map<WorkloadState, String> pendingReasons = new LinkedHashMap<>();
        for (PendingTask p : result.pending()) {
            if (!unchanged.test(p.job())) {
                continue;
            }
            podOf(p.job(), p.task()).ifPresent(ref -> {
                if (!ref.pod().pendingReason().equals(p.reason())) {
                    ref.pod().pendingReason(p.reason());
                    markChanged(ref.workload());
                }
                pendingReasons.putIfAbsent(ref.workload(), p.reason());
            });
        }
        for (Map.Entry<WorkloadState, String> e : pendingReasons.entrySet()) {
            WorkloadState w = e.getKey();
            if (!w.lastUnschedulable().equals(e.getValue())) {
                w.lastUnschedulable(e.getValue());
                record(w, EventRecord.WARNING, "Unschedulable", e.getValue(), "", "scheduler", now);
            }
        }
    }

    private JobSpec job(WorkloadState w, SchedulerInputs org, Instant now) {
        WorkloadSpec spec = w.spec();
        ComputeRequest c = spec.getCompute();
        double gpu = c.getGpuDevices() > 0 ? c.getGpuDevices() : c.getGpuPortion();
        List<TaskSpec> tasks = new ArrayList<>();
        for (PodState pod : w.pods()) {
            if (pod.phase().finished()) {
                continue;
            }
            Optional<Binding.Placement> bound = pod.bound() && pod.phase().holdsNode()
                    ? Optional.of(new Binding.Placement(pod.node(), pod.gpuIndices(), pod.gpuFraction()))
                    : Optional.empty();
            boolean idle = bound.isPresent() && pod.phase() == PodPhase.RUNNING && pod.gpuFraction() > 0 && pod.gpuFraction() < 1
                    && idleFractions.idle(pod.uuid() + "#" + pod.restarts(), () -> mapper.launched(w, pod), now);
            tasks.add(new TaskSpec(pod.name(), gpu, c.getGpuMemoryMib(), c.getCpuMillis(), c.getMemoryMib(), bound,
                    c.getGpuPortionLimit(), 0, idle));
        }
        Optional<SchedulerInputs.ProjectPlacement> project = org.project(w.project());
        List<String> pools = spec.getNodePoolsList().isEmpty()
                ? project.map(SchedulerInputs.ProjectPlacement::nodePools).orElse(List.of())
                : spec.getNodePoolsList();
        String nodeType = spec.getNodeType().isEmpty() ? project.map(SchedulerInputs.ProjectPlacement::nodeType).orElse("") : spec.getNodeType();
        Map<String, String> selector = nodeType.isEmpty() ? Map.of() : Map.of(SnapshotLabels.NODE_TYPE, nodeType);
        List<io.runplane.scheduler.Toleration> tolerations = spec.getTolerationsList().stream()
                .map(t -> new io.runplane.scheduler.Toleration(t.getKey(), t.getOperator().isEmpty() ? "Equal" : t.getOperator(), t.getValue(), t.getEffect()))
                .toList();
        int minMember = Math.min(requiredRunning(w), tasks.size());
        return new JobSpec(w.uuid(), w.project(), w.priorityClass().value(), w.preemptible(), Math.max(1, minMember),
                pools, selector, tolerations, w.submitOrder(), tasks);
    }

    private void bind(WorkloadState w, PodState pod, Binding.Placement placement, String pool, Instant now) {
        pod.bind(placement.node(), pool, placement.gpuIndices(), placement.gpuFraction(), now);
        backend.launch(mapper.launched(w, pod));
        w.lastUnschedulable("");
        record(w, EventRecord.NORMAL, "Scheduled", "bound " + pod.name() + " to node " + placement.node()
                + (placement.gpuIndices().isEmpty() ? "" : " GPU " + placement.gpuIndices()), pod.name(), "scheduler", now);
    }

    private void moveGpus(WorkloadState w, PodState pod, GpuReassignment r, Instant now) {
        if (!pod.node().equals(r.node()) || !pod.gpuIndices().equals(r.fromGpuIndices())) {
            return;
        }
        pod.moveGpus(r.toGpuIndices());
        markChanged(w);
        record(w, EventRecord.NORMAL, "GpuReassigned", "Moved from GPU " + indices(r.fromGpuIndices()) + " to GPU "
                + indices(r.toGpuIndices()) + " by the node-level scheduler to free a whole GPU", pod.name(), "scheduler", now);
    }

    private static String indices(List<Integer> gpus) {
        return gpus.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** Evicts a pod and returns the pending pod that replaces it (none when its whole gang restarts). */
    private Optional<PodState> evict(WorkloadState w, PodState pod, Eviction e, Instant now, Set<WorkloadState> restartedGangs) {
        String reason = switch (e.kind()) {
            case RECLAIMED -> "Reclaimed";
            case PREEMPTED -> "Preempted";
            case CONSOLIDATED -> "Consolidated";
            case STALE_GANG -> "StaleGangEvicted";
        };
        record(w, EventRecord.WARNING, reason, e.reason(), pod.name(), "scheduler", now);
        if (w.spec().getType() == WorkloadType.WORKLOAD_TYPE_DISTRIBUTED) {
            if (restartedGangs.add(w)) {
                terminateAll(w, now, reason + ": " + e.reason());
                pods.initialPods(w, 0, now).forEach(w::addPod);
            }
            return Optional.empty();
        }
        terminate(w, pod, now, reason + ": " + e.reason());
        PodState replacement = pods.create(w, pod.index(), pod.role(), now);
        w.addPod(replacement);
        return Optional.of(replacement);
    }

    private record PodRef(WorkloadState workload, PodState pod) {
    }

    private Optional<PodRef> podOf(String job, String task) {
        WorkloadState w = workloads.get(job);
        if (w == null) {
            return Optional.empty();
        }
        return w.pods().stream().filter(p -> p.name().equals(task)).findFirst().map(p -> new PodRef(w, p));
    }

    // ---- helpers ----------------------------------------------------------------------------

    private WorkloadState newWorkload(String uuid, WorkloadSpec spec, String user, Instant now) {
        PriorityClass priority = PriorityClass.resolve(spec.getType(), spec.getPriorityClass(),
                spec.hasPreemptible() ? Optional.of(spec.getPreemptible()) : Optional.empty());
        boolean preemptible = spec.hasPreemptible() ? spec.getPreemptible() : priority.preemptibleByDefault();
        String department = inputs.get().project(spec.getProject()).map(SchedulerInputs.ProjectPlacement::department).orElse("");
        return new WorkloadState(uuid, spec, department, user, now, ++submitOrder, priority, preemptible);
    }

    private int initialReplicas(WorkloadState w, Instant now) {
        if (w.spec().getType() != WorkloadType.WORKLOAD_TYPE_INFERENCE) {
            return 0;
        }
        var options = w.spec().getInference();
        int replicas = Math.max(options.getMinReplicas(), 1);
        if (options.getMinReplicas() == 0 && backend.requestRate(w.uuid(), w.spec().getAnnotationsMap(), now) <= 0) {
            replicas = 0;
        }
        w.desiredReplicas(Math.min(replicas, Autoscaler.maxReplicas(options)), now);
        return w.desiredReplicas();
    }

    private static boolean progressing(WorkloadState w) {
        return w.succeeded() > 0 && (w.status() == WorkloadStatus.WORKLOAD_STATUS_RUNNING || w.status() == WorkloadStatus.WORKLOAD_STATUS_DEGRADED);
    }

    /** The gang size (minMember) of a workload as the API shows it. */
    static int requiredRunningFor(Workload w) {
        return requiredRunning(w.getSpec(), w.getRequestedPods());
    }

    /** Pods that must run for the workload to count as Running: the gang, or the minimum replicas. */
    static int requiredRunning(WorkloadState w) {
        return requiredRunning(w.spec(), w.pods().size());
    }

    private static int requiredRunning(WorkloadSpec spec, int pods) {
        return switch (spec.getType()) {
            case WORKLOAD_TYPE_DISTRIBUTED -> spec.getDistributed().getWorkers() + (spec.getDistributed().getMaster() ? 1 : 0);
            case WORKLOAD_TYPE_INFERENCE -> Math.max(1, Math.min(spec.getInference().getMinReplicas(), Math.max(1, pods)));
            default -> 1;
        };
    }

    private void finish(WorkloadState w, WorkloadStatus status, String message, Instant now) {
        terminateAll(w, now, message);
        transition(w, status, message, now);
    }

    private void terminateAll(WorkloadState w, Instant now, String why) {
        for (PodState pod : List.copyOf(w.pods())) {
            terminate(w, pod, now, why);
        }
    }

    private void terminate(WorkloadState w, PodState pod, Instant now, String why) {
        if (!pod.phase().finished()) {
            if (pod.bound()) {
                backend.terminate(mapper.launched(w, pod));
            }
            pod.end(PodPhase.TERMINATED, now, pod.exitCode(), why);
        }
        w.retire(pod);
        markChanged(w);
    }

    private void transition(WorkloadState w, WorkloadStatus status, String message, Instant now) {
        if (w.status() == status) {
            if (!w.statusMessage().equals(message)) {
                w.statusMessage(message);
                markChanged(w);
            }
            return;
        }
        w.status(status, message, now);
        boolean warning = status == WorkloadStatus.WORKLOAD_STATUS_FAILED || status == WorkloadStatus.WORKLOAD_STATUS_DEGRADED;
        record(w, warning ? EventRecord.WARNING : EventRecord.NORMAL, display(status), message, "", "agent", now);
    }

    private void record(WorkloadState w, String type, String reason, String message, String pod, String source, Instant at) {
        EventRecord event = new EventRecord(at, type, reason, message, w.status(), pod, source);
        w.addEvent(event);
        markChanged(w);
        List<EventSubscriber> subscribers = eventSubscribers.get(w.uuid());
        if (subscribers != null) {
            WorkloadEvent proto = WorkloadMapper.event(event);
            subscribers.removeIf(s -> !s.accept(proto));
        }
    }

    private void markChanged(WorkloadState w) {
        dirty.add(w);
    }

    private void add(WorkloadState w) {
        workloads.put(w.uuid(), w);
        byName.put(new WorkloadKey(w.project(), w.name()), w);
    }

    private void forget(WorkloadState w) {
        workloads.remove(w.uuid());
        byName.remove(new WorkloadKey(w.project(), w.name()));
        dirty.remove(w);
    }

    private void remove(WorkloadState w) {
        forget(w);
        long revision = feed.nextRevision();
        w.revision(revision);
        Workload removed = mapper.toProto(w);
        store.remove(w.uuid(), revision).thenRun(() -> feed.publish(revision, ChangeFeed.Kind.DELETED, removed));
        List<EventSubscriber> subscribers = eventSubscribers.remove(w.uuid());
        if (subscribers != null) {
            subscribers.forEach(EventSubscriber::ended);
        }
    }

    /**
     * Stores every changed workload under a new revision and publishes each change once it is
     * durable. Appending and attaching the publication both happen under the lock, so changes are
     * published in the order of their revisions. The future completes when all are durable.
     */
    private CompletableFuture<Void> flush() {
        return flushChanges().durable();
    }

    /** What {@link #flush()} stored: the changed workloads as published, and when all are durable. */
    private record Flushed(List<Workload> changed, CompletableFuture<Void> durable) {
    }

    private Flushed flushChanges() {
        if (dirty.isEmpty()) {
            return new Flushed(List.of(), DONE);
        }
        List<CompletableFuture<Void>> durable = new ArrayList<>(dirty.size());
        List<Workload> published = new ArrayList<>(dirty.size());
        for (WorkloadState w : dirty) {
            long revision = feed.nextRevision();
            w.revision(revision);
            Workload changed = mapper.toProto(w);
            w.message(changed);
            published.add(changed);
            durable.add(store.save(w).thenRun(() -> feed.publish(revision, ChangeFeed.Kind.UPSERTED, changed)));
        }
        dirty.clear();
        return new Flushed(published, durable.size() == 1 ? durable.getFirst() : CompletableFuture.allOf(durable.toArray(CompletableFuture[]::new)));
    }

    /**
     * The workload's message as of its current revision: the one built when it was last stored, or
     * built now (and kept) when there is none. Every change marks the workload changed and is stored
     * under a new revision before the lock is released, so a kept message of the current revision
     * is what building it again would give.
     */
    private Workload message(WorkloadState w) {
        Workload kept = w.message();
        if (kept != null && kept.getRevision() == w.revision() && !dirty.contains(w)) {
            return kept;
        }
        Workload built = mapper.toProto(w);
        if (!dirty.contains(w)) {
            w.message(built);
        }
        return built;
    }

    private WorkloadState require(String project, String name) throws WorkloadException {
        WorkloadState w = byName.get(new WorkloadKey(project, name));
        if (w == null) {
            throw new WorkloadException(WorkloadException.Kind.NOT_FOUND, "no workload named " + name + " in project " + project);
        }
        return w;
    }

    public static String display(WorkloadStatus status) {
        String n = status.name().replace("WORKLOAD_STATUS_", "");
        return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
