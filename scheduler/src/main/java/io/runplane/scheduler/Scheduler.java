package io.runplane.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one scheduling cycle over a snapshot and returns its decisions. Stateless between cycles:
 * everything it needs is in the snapshot.
 */
public final class Scheduler {

    public CycleResult cycle(ClusterSnapshot snapshot) {
        Map<String, boolean[]> usedDevices = new HashMap<>();
        for (NodeSpec node : snapshot.nodes()) {
            usedDevices.put(node.name(), new boolean[node.gpus()]);
        }
        for (JobSpec job : snapshot.jobs()) {
            for (TaskSpec task : job.tasks()) {
                task.bound().ifPresent(p -> {
                    boolean[] used = usedDevices.get(p.node());
                    if (used != null) {
                        p.gpuIndices().forEach(i -> used[i] = true);
                    }
                });
            }
        }
        List<Binding> bindings = new ArrayList<>();
        List<PendingTask> pending = new ArrayList<>();
        List<JobSpec> order = new ArrayList<>(snapshot.jobs());
        order.sort(Comparator.comparingInt(JobSpec::priority).reversed().thenComparingLong(JobSpec::submitOrder));
        for (JobSpec job : order) {
            List<TaskSpec> waiting = job.tasks().stream().filter(t -> !t.isBound()).toList();
            if (waiting.isEmpty()) {
                continue;
            }
            List<Binding> placed = new ArrayList<>();
            for (TaskSpec task : waiting) {
                NodeSpec best = null;
                int bestFree = Integer.MAX_VALUE;
                int need = (int) Math.ceil(task.gpu());
                for (NodeSpec node : snapshot.nodes()) {
                    if (node.unschedulable() || !(job.nodePools().isEmpty() || job.nodePools().contains(node.pool()))) {
                        continue;
                    }
                    int free = free(usedDevices.get(node.name()));
                    if (free >= need && free < bestFree) {
                        best = node;
                        bestFree = free;
                    }
                }
                if (best == null) {
                    break;
                }
                List<Integer> devices = take(usedDevices.get(best.name()), need);
                placed.add(new Binding(job.name(), task.name(), new Binding.Placement(best.name(), devices, 1.0)));
            }
            if (placed.size() == waiting.size()) {
                bindings.addAll(placed);
            } else {
                for (Binding b : placed) {
                    boolean[] used = usedDevices.get(b.placement().node());
                    b.placement().gpuIndices().forEach(i -> used[i] = false);
                }
                for (TaskSpec task : waiting) {
                    pending.add(new PendingTask(job.name(), task.name(), "no node has enough free GPUs"));
                }
            }
        }
        return new CycleResult(bindings, List.of(), pending);
    }

    private static int free(boolean[] used) {
        int free = 0;
        for (boolean u : used) {
            if (!u) {
                free++;
            }
        }
        return free;
    }

    private static List<Integer> take(boolean[] used, int count) {
        List<Integer> devices = new ArrayList<>();
        for (int i = 0; i < used.length && devices.size() < count; i++) {
            if (!used[i]) {
                used[i] = true;
                devices.add(i);
            }
        }
        return devices;
    }
}
