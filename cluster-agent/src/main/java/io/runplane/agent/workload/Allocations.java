package io.runplane.agent.workload;

import java.util.Map;

/**
 * What the bound pods hold right now, summed per project, department, node and node pool.
 *
 * @param workloadsByStatus how many workloads are in each status, keyed by status name
 */
public record Allocations(
        Map<String, Held> byProject,
        Map<String, Held> byDepartment,
        Map<String, Double> gpusByNode,
        Map<String, Double> gpusByPool,
        Map<String, Integer> workloadsByStatus) {

    public Allocations {
        byProject = Map.copyOf(byProject);
        byDepartment = Map.copyOf(byDepartment);
        gpusByNode = Map.copyOf(gpusByNode);
        gpusByPool = Map.copyOf(gpusByPool);
        workloadsByStatus = Map.copyOf(workloadsByStatus);
    }

    /** GPUs (devices x fraction), GPU memory, CPU and memory held. */
    public record Held(double gpu, long gpuMemoryMiB, long cpuMillis, long memoryMiB) {
        public static final Held NONE = new Held(0, 0, 0, 0);

        Held plus(Held o) {
            return new Held(gpu + o.gpu, gpuMemoryMiB + o.gpuMemoryMiB, cpuMillis + o.cpuMillis, memoryMiB + o.memoryMiB);
        }
    }
}
