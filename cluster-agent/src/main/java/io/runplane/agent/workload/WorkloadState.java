package io.runplane.agent.workload;

import io.runplane.api.v1.Workload;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One workload as the agent tracks and stores it: the submitted spec, its status, its pods (active
 * ones and a bounded history of finished ones) and its event history. Mutated only under the
 * controller's lock; persisted as a whole after every change.
 */
public final class WorkloadState {

    static final int MAX_FINISHED_PODS = 200;
    static final int MAX_EVENTS = 2000;

    private String uuid;
    private WorkloadSpec spec;
    private WorkloadStatus status = WorkloadStatus.WORKLOAD_STATUS_CREATING;
    private String statusMessage = "";
    private String department = "";
    private String createdBy = "";
    private Instant createdAt;
    private Instant completedAt;
    private long revision;
    private long submitOrder;
    private PriorityClass priorityClass;
    private boolean preemptible;
    private int succeeded;
    private int failures;
    private int nextIndex;
    private int desiredReplicas;
    private Instant lastScaleAt;
    private String lastUnschedulable = "";
    private List<PodState> pods = new ArrayList<>();
    private List<PodState> finishedPods = new ArrayList<>();
    private List<EventRecord> events = new ArrayList<>();
    /** The message last built of this workload (not stored: transient fields are not serialized). */
    private transient Workload message;

    private WorkloadState() {
    }

    WorkloadState(String uuid, WorkloadSpec spec, String department, String createdBy, Instant createdAt, long submitOrder,
                  PriorityClass priorityClass, boolean preemptible) {
        this.uuid = uuid;
        this.spec = spec;
        this.department = department;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.submitOrder = submitOrder;
        this.priorityClass = priorityClass;
        this.preemptible = preemptible;
    }

    public String uuid() { return uuid; }
    public WorkloadSpec spec() { return spec; }
    public String project() { return spec.getProject(); }
    public String name() { return spec.getName(); }
    public WorkloadStatus status() { return status; }
    public String statusMessage() { return statusMessage; }
    public String department() { return department; }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public Optional<Instant> completedAt() { return Optional.ofNullable(completedAt); }
    public long revision() { return revision; }
    public long submitOrder() { return submitOrder; }
    public PriorityClass priorityClass() { return priorityClass; }
    public boolean preemptible() { return preemptible; }
    public int succeeded() { return succeeded; }
    public int failures() { return failures; }
    public int desiredReplicas() { return desiredReplicas; }
    public Optional<Instant> lastScaleAt() { return Optional.ofNullable(lastScaleAt); }
    public List<PodState> pods() { return Collections.unmodifiableList(pods); }
    public List<PodState> finishedPods() { return Collections.unmodifiableList(finishedPods); }
    public List<EventRecord> events() { return Collections.unmodifiableList(events); }

    public boolean finished() {
        return status == WorkloadStatus.WORKLOAD_STATUS_COMPLETED || status == WorkloadStatus.WORKLOAD_STATUS_FAILED;
    }

    /** Whether the workload is meant to have pods now. */
    public boolean active() {
        return !finished() && status != WorkloadStatus.WORKLOAD_STATUS_STOPPED && status != WorkloadStatus.WORKLOAD_STATUS_DELETING;
    }

    /** Every pod, active first then finished ones, newest first among the finished. */
    public List<PodState> allPods() {
        List<PodState> all = new ArrayList<>(pods);
        for (int i = finishedPods.size() - 1; i >= 0; i--) {
            all.add(finishedPods.get(i));
        }
        return all;
    }

    void revision(long revision) {
        this.revision = revision;
    }

    /** The message last built of this workload, if any; it may be of an earlier revision. */
    Workload message() {
        return message;
    }

    void message(Workload message) {
        this.message = message;
    }

    void status(WorkloadStatus status, String message, Instant at) {
        this.status = status;
        this.statusMessage = message;
        if (status == WorkloadStatus.WORKLOAD_STATUS_COMPLETED || status == WorkloadStatus.WORKLOAD_STATUS_FAILED) {
            completedAt = at;
        } else if (status != WorkloadStatus.WORKLOAD_STATUS_DELETING) {
            completedAt = null;
        }
    }

    void statusMessage(String message) {
        this.statusMessage = message;
    }

    int takeIndex() {
        return nextIndex++;
    }

    void succeededOne() {
        succeeded++;
    }

    void failedOne() {
        failures++;
    }

    void resetFailures() {
        failures = 0;
    }

    void desiredReplicas(int replicas, Instant at) {
        this.desiredReplicas = replicas;
        this.lastScaleAt = at;
    }

    String lastUnschedulable() {
        return lastUnschedulable;
    }

    void lastUnschedulable(String reason) {
        this.lastUnschedulable = reason;
    }

    void addPod(PodState pod) {
        pods.add(pod);
    }

    /** Moves a pod that ended to the history. */
    void retire(PodState pod) {
        pods.remove(pod);
        finishedPods.add(pod);
        if (finishedPods.size() > MAX_FINISHED_PODS) {
            finishedPods.removeFirst();
        }
    }

    void addEvent(EventRecord event) {
        events.add(event);
        if (events.size() > MAX_EVENTS) {
            events.removeFirst();
        }
    }
}
