package io.runplane.scheduler.simulator;

import io.runplane.scheduler.Binding;
import io.runplane.scheduler.ClusterSnapshot;
import io.runplane.scheduler.CycleResult;
import io.runplane.scheduler.Eviction;
import io.runplane.scheduler.GpuReassignment;
import io.runplane.scheduler.JobSpec;
import io.runplane.scheduler.PendingTask;
import io.runplane.scheduler.Scheduler;
import io.runplane.scheduler.TaskSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a scenario round by round against one long-lived {@link Scheduler}: bindings of a round run
 * from the next round on, evictions free their resources at the end of the round and send the task
 * back to pending, a task the node-level scheduler moves keeps running on its new devices, and a
 * gang that falls below its minimum returns to pending whole.
 */
public final class Simulation {

    /** One workload's state between rounds. */
    static final class WorkloadState {
        final JobSpec spec;
        final List<Optional<Binding.Placement>> placements = new ArrayList<>();
        final Map<String, Integer> taskIndex = new HashMap<>();
        final String[] reasons;
        /** Tasks placed again since the scenario began: they start afresh, borrowing no GPU memory. */
        final boolean[] restarted;
        int evictions;
        int moves;
        private JobSpec current;

        WorkloadState(JobSpec spec) {
            this.spec = spec;
            for (int i = 0; i < spec.tasks().size(); i++) {
                placements.add(spec.tasks().get(i).bound());
                taskIndex.put(spec.tasks().get(i).name(), i);
            }
            reasons = new String[spec.tasks().size()];
            restarted = new boolean[spec.tasks().size()];
        }

        int running() {
            int running = 0;
            for (Optional<Binding.Placement> placement : placements) {
                if (placement.isPresent()) {
                    running++;
                }
            }
            return running;
        }

        void place(int task, Optional<Binding.Placement> placement) {
            placements.set(task, placement);
            restarted[task] = true;
            current = null;
        }

        /** The node-level scheduler moved the task to other devices of its node: it keeps running, not restarted. */
        void move(int task, List<Integer> devices) {
            Binding.Placement was = placements.get(task).orElseThrow();
            placements.set(task, Optional.of(new Binding.Placement(was.node(), devices, was.gpuFraction())));
            moves++;
            current = null;
        }

        /** The workload as it stands; the same record as last round while nothing of it changed. */
        JobSpec snapshot() {
            if (current == null) {
                current = build();
            }
            return current;
        }

        private JobSpec build() {
            List<TaskSpec> tasks = new ArrayList<>(spec.tasks().size());
            for (int i = 0; i < spec.tasks().size(); i++) {
                TaskSpec t = spec.tasks().get(i);
                tasks.add(new TaskSpec(t.name(), t.gpu(), t.gpuMemoryMiB(), t.cpuMillis(), t.memoryMiB(),
                        placements.get(i), t.gpuLimit(), restarted[i] ? 0 : t.gpuInUse(), !restarted[i] && t.idle()));
            }
            return new JobSpec(spec.name(), spec.queue(), spec.priority(), spec.preemptible(), spec.minMember(),
                    spec.nodePools(), spec.nodeSelector(), spec.tolerations(), spec.submitOrder(), tasks);
        }
    }

    /** What one round did. */
    public record Round(int round, double millis, int bindings, int evictions, int moves) {
    }

    private final Scenario scenario;
    private final Scheduler scheduler;
    private final List<WorkloadState> workloads = new ArrayList<>();
    private final Map<String, WorkloadState> byName = new HashMap<>();
    private final List<Round> rounds = new ArrayList<>();
    private CycleResult last;

    public Simulation(Scenario scenario) {
        this.scenario = scenario;
        this.scheduler = new Scheduler(Duration.ofSeconds(scenario.staleGangGraceSeconds()),
                scenario.timeBasedFairness());
        for (JobSpec job : scenario.workloads()) {
            WorkloadState state = new WorkloadState(job);
            workloads.add(state);
            byName.put(job.name(), state);
        }
    }

    public void run() {
        for (int round = 1; round <= scenario.rounds(); round++) {
            List<JobSpec> jobs = new ArrayList<>(workloads.size());
            for (WorkloadState state : workloads) {
                jobs.add(state.snapshot());
            }
            long now = (round - 1) * scenario.roundSeconds() * 1000;
            ClusterSnapshot snapshot = new ClusterSnapshot(scenario.pools(), scenario.nodes(), scenario.queues(), jobs, now);
            long start = System.nanoTime();
            CycleResult result = scheduler.cycle(snapshot);
            double millis = (System.nanoTime() - start) / 1e6;
            int evictions = apply(result);
            rounds.add(new Round(round, millis, result.bindings().size(), evictions, result.reassignments().size()));
            last = result;
        }
    }

    private int apply(CycleResult result) {
        for (WorkloadState state : workloads) {
            Arrays.fill(state.reasons, null);
        }
        List<WorkloadState> touched = new ArrayList<>();
        int evictions = 0;
        for (Eviction eviction : result.evictions()) {
            WorkloadState state = byName.get(eviction.job());
            int task = state.taskIndex.get(eviction.task());
            state.place(task, Optional.empty());
            state.reasons[task] = "evicted: " + eviction.reason();
            state.evictions++;
            evictions++;
            touched.add(state);
        }
        for (GpuReassignment move : result.reassignments()) {
            WorkloadState state = byName.get(move.job());
            state.move(state.taskIndex.get(move.task()), move.toGpuIndices());
        }
        for (Binding binding : result.bindings()) {
            WorkloadState state = byName.get(binding.job());
            int task = state.taskIndex.get(binding.task());
            state.place(task, Optional.of(binding.placement()));
            state.reasons[task] = null;
        }
        for (WorkloadState state : touched) {
            int running = state.running();
            if (running > 0 && running < state.spec.minMember()) {
                for (int i = 0; i < state.placements.size(); i++) {
                    if (state.placements.get(i).isPresent()) {
                        state.place(i, Optional.empty());
                        state.reasons[i] = "evicted: the gang fell below its minimum of " + state.spec.minMember()
                                + " pods";
                        state.evictions++;
                        evictions++;
                    }
                }
            }
        }
        for (PendingTask pending : result.pending()) {
            WorkloadState state = byName.get(pending.job());
            int task = state.taskIndex.get(pending.task());
            if (state.reasons[task] == null && state.placements.get(task).isEmpty()) {
                state.reasons[task] = pending.reason();
            }
        }
        return evictions;
    }

    public List<Round> rounds() {
        return rounds;
    }

    /** The decisions of the last round, with its queue figures. */
    public CycleResult lastResult() {
        return last;
    }

    List<WorkloadState> workloads() {
        return workloads;
    }

    public Scenario scenario() {
        return scenario;
    }
}
