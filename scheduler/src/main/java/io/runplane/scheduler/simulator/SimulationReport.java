package io.runplane.scheduler.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.runplane.scheduler.Binding;
import io.runplane.scheduler.QueueSpec;
import io.runplane.scheduler.QueueStatus;
import io.runplane.scheduler.Resources;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The simulator's JSON output: final state of every workload and queue, totals and timings. */
public final class SimulationReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SimulationReport() {
    }

    public static String toJson(Simulation simulation, double loadMillis) {
        try {
            return JSON.writeValueAsString(toMap(simulation, loadMillis));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report", e);
        }
    }

    static Map<String, Object> toMap(Simulation simulation, double loadMillis) {
        List<Simulation.Round> rounds = simulation.rounds();
        Simulation.Round lastRound = rounds.getLast();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("stable", lastRound.bindings() == 0 && lastRound.evictions() == 0 && lastRound.moves() == 0);
        report.put("rounds", rounds.size());
        List<Object> workloads = new ArrayList<>();
        for (Simulation.WorkloadState state : simulation.workloads()) {
            workloads.add(workload(state));
        }
        report.put("workloads", workloads);
        report.put("queues", queues(simulation));
        int bindings = 0;
        int evictions = 0;
        int moves = 0;
        List<Object> cycles = new ArrayList<>();
        for (Simulation.Round round : rounds) {
            bindings += round.bindings();
            evictions += round.evictions();
            moves += round.moves();
            Map<String, Object> cycle = new LinkedHashMap<>();
            cycle.put("round", round.round());
            cycle.put("millis", millis(round.millis()));
            cycle.put("bindings", round.bindings());
            cycle.put("evictions", round.evictions());
            cycle.put("moves", round.moves());
            cycles.add(cycle);
        }
        report.put("totals", Map.of("bindings", bindings, "evictions", evictions, "moves", moves));
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("loadMillis", millis(loadMillis));
        timings.put("cycles", cycles);
        report.put("timings", timings);
        return report;
    }

    private static Map<String, Object> workload(Simulation.WorkloadState state) {
        Map<String, Object> workload = new LinkedHashMap<>();
        workload.put("name", state.spec.name());
        workload.put("queue", state.spec.queue());
        int running = state.running();
        workload.put("status", running == state.placements.size() ? "Running" : running == 0 ? "Pending" : "Partial");
        List<Object> tasks = new ArrayList<>();
        for (int i = 0; i < state.placements.size(); i++) {
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("name", state.spec.tasks().get(i).name());
            Optional<Binding.Placement> placement = state.placements.get(i);
            if (placement.isPresent()) {
                task.put("node", placement.get().node());
                task.put("gpuIndices", placement.get().gpuIndices());
                task.put("gpuFraction", placement.get().gpuFraction());
                double limit = state.spec.tasks().get(i).gpuLimit();
                if (limit > 0) {
                    task.put("gpuLimit", limit);
                }
                if (state.spec.tasks().get(i).idle() && !state.restarted[i]) {
                    task.put("idle", true);
                }
            } else {
                task.put("node", null);
                task.put("pendingReason", state.reasons[i] != null ? state.reasons[i]
                        : "waiting for the next scheduling cycle");
            }
            tasks.add(task);
        }
        workload.put("tasks", tasks);
        workload.put("evictions", state.evictions);
        workload.put("moves", state.moves);
        return workload;
    }

    private static List<Object> queues(Simulation simulation) {
        Map<String, QueueStatus> statuses = new HashMap<>();
        for (QueueStatus status : simulation.lastResult().queues()) {
            statuses.put(status.name(), status);
        }
        List<Object> queues = new ArrayList<>();
        for (QueueSpec spec : simulation.scenario().queues()) {
            QueueStatus status = statuses.get(spec.name());
            Map<String, Object> queue = new LinkedHashMap<>();
            queue.put("name", spec.name());
            spec.parent().ifPresent(parent -> queue.put("parent", parent));
            queue.put("deserved", resources(spec.deserved()));
            queue.put("fairShare", resources(status.fairShare()));
            queue.put("allocated", resources(status.allocated()));
            queue.put("requested", resources(status.requested()));
            queues.add(queue);
        }
        return queues;
    }

    static Map<String, Object> resources(Resources resources) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("gpu", resources.gpu());
        map.put("cpuMillis", resources.cpuMillis());
        map.put("memoryMiB", resources.memoryMiB());
        return map;
    }

    static double millis(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
