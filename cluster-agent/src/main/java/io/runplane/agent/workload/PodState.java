package io.runplane.agent.workload;

import io.runplane.agent.backend.PodPhase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One pod of a workload as the agent tracks it. Mutated only under the controller's lock. */
public final class PodState {

    private String uuid;
    private String name;
    private int index;
    private String role = "";
    private PodPhase phase = PodPhase.PENDING;
    private String node = "";
    private String nodePool = "";
    private List<Integer> gpuIndices = new ArrayList<>();
    private double gpuFraction;
    private String pendingReason = "";
    private String message = "";
    private Instant createdAt;
    private Instant launchedAt;
    private Instant runningSince;
    private Instant endedAt;
    private Instant restartAt;
    private int exitCode;
    private int restarts;
    private int attempt;
    private long seed;

    private PodState() {
    }

    PodState(String uuid, String name, int index, String role, int attempt, Instant createdAt, long seed) {
        this.uuid = uuid;
        this.name = name;
        this.index = index;
        this.role = role;
        this.attempt = attempt;
        this.createdAt = createdAt;
        this.seed = seed;
    }

    public String uuid() { return uuid; }
    public String name() { return name; }
    public int index() { return index; }
    public String role() { return role; }
    public PodPhase phase() { return phase; }
    public String node() { return node; }
    public String nodePool() { return nodePool; }
    public List<Integer> gpuIndices() { return List.copyOf(gpuIndices); }
    public double gpuFraction() { return gpuFraction; }
    public String pendingReason() { return pendingReason; }
    public String message() { return message; }
    public Instant createdAt() { return createdAt; }
    public Optional<Instant> launchedAt() { return Optional.ofNullable(launchedAt); }
    public Optional<Instant> runningSince() { return Optional.ofNullable(runningSince); }
    public Optional<Instant> endedAt() { return Optional.ofNullable(endedAt); }
    public Optional<Instant> restartAt() { return Optional.ofNullable(restartAt); }
    public int exitCode() { return exitCode; }
    public int restarts() { return restarts; }
    public int attempt() { return attempt; }
    public long seed() { return seed; }

    public boolean bound() {
        return !node.isEmpty();
    }

    void bind(String node, String nodePool, List<Integer> gpuIndices, double gpuFraction, Instant at) {
        this.node = node;
        this.nodePool = nodePool;
        this.gpuIndices = new ArrayList<>(gpuIndices);
        this.gpuFraction = gpuFraction;
        this.launchedAt = at;
        this.pendingReason = "";
        this.phase = PodPhase.CONTAINER_CREATING;
        this.message = "";
    }

    /** The node-level scheduler moved the running pod to other devices of its node; it keeps running. */
    void moveGpus(List<Integer> gpuIndices) {
        this.gpuIndices = new ArrayList<>(gpuIndices);
    }

    void phase(PodPhase phase, String message) {
        this.phase = phase;
        this.message = message;
    }

    void running(Instant since) {
        if (runningSince == null) {
            runningSince = since;
        }
    }

    void pendingReason(String reason) {
        this.pendingReason = reason;
    }

    void end(PodPhase phase, Instant at, int exitCode, String message) {
        this.phase = phase;
        this.endedAt = at;
        this.exitCode = exitCode;
        this.message = message;
        this.restartAt = null;
    }

    /** A crashed container of a long-running pod waits, then starts again on the same node. */
    void crashed(Instant at, Instant restartAt, int exitCode, String message) {
        this.restarts++;
        this.phase = PodPhase.CRASH_LOOP_BACK_OFF;
        this.exitCode = exitCode;
        this.message = message;
        this.restartAt = restartAt;
        this.runningSince = null;
        this.launchedAt = at;
    }

    void restart(Instant at) {
        this.restartAt = null;
        this.launchedAt = at;
        this.phase = PodPhase.CONTAINER_CREATING;
        this.message = "";
    }
}
