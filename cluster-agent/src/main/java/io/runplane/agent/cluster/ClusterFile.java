package io.runplane.agent.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated cluster as described in a YAML cluster file: node pools, nodes, the organization
 * (departments over projects, with quotas per node pool), the scheduling settings and workloads to
 * seed a new data directory.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ClusterFile(
        String cluster,
        List<NodePoolDef> nodePools,
        List<NodeDef> nodes,
        List<DepartmentDef> departments,
        List<ProjectDef> projects,
        List<SeedWorkload> workloads,
        SchedulingDef scheduling) {

    public ClusterFile {
        cluster = cluster == null || cluster.isBlank() ? "local" : cluster;
        nodePools = nodePools == null ? List.of() : List.copyOf(nodePools);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        departments = departments == null ? List.of() : List.copyOf(departments);
        projects = projects == null ? List.of() : List.copyOf(projects);
        workloads = workloads == null ? List.of() : List.copyOf(workloads);
        scheduling = scheduling == null ? new SchedulingDef(null, null, null) : scheduling;
    }

    /**
     * The scheduling settings a new data directory starts with: time-based fairness (default off)
     * over a {@code window} such as {@code 7d} or {@code 12h} (default 7d) with a usage weight
     * (default 1).
     */
    public record SchedulingDef(Boolean timeBasedFairness, String window, Double usageWeight) {
        public SchedulingDef {
            timeBasedFairness = timeBasedFairness != null && timeBasedFairness;
            window = window == null ? "7d" : window;
            usageWeight = usageWeight == null ? 1.0 : usageWeight;
        }
    }

    public Optional<ProjectDef> project(String name) {
        return projects.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<NodePoolDef> nodePool(String name) {
        return nodePools.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<NodeDef> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /**
     * A node pool: the nodes carrying one label value; placement is binpack or spread; from 2
     * {@code workloadsPerGpu} on, the node-level scheduler (0 or absent is 1: off).
     */
    public record NodePoolDef(String name, String labelKey, String labelValue, String gpuPlacement, String cpuPlacement,
                              int workloadsPerGpu) {
        public NodePoolDef {
            labelKey = labelKey == null ? "runplane.io/node-pool" : labelKey;
            labelValue = labelValue == null ? name : labelValue;
            gpuPlacement = gpuPlacement == null ? "binpack" : gpuPlacement;
            cpuPlacement = cpuPlacement == null ? "binpack" : cpuPlacement;
            workloadsPerGpu = workloadsPerGpu == 0 ? 1 : workloadsPerGpu;
        }
    }

    /**
     * A node with whole GPU devices of one model. With the label {@code run.ai/swap-enabled: "true"},
     * idle fractions' GPU memory may be swapped to CPU memory, up to {@code swapMiB} (0: no limit).
     * {@code foreignPods} are pods other schedulers placed there: what they hold is not Runplane's.
     */
    public record NodeDef(
            String name,
            String nodePool,
            int gpus,
            String gpuModel,
            long gpuMemoryMiB,
            long cpuMillis,
            long memoryMiB,
            Map<String, String> labels,
            List<TaintDef> taints,
            boolean unschedulable,
            long swapMiB,
            List<ForeignPodDef> foreignPods) {
        public NodeDef {
            gpuModel = gpuModel == null ? "" : gpuModel;
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            taints = taints == null ? List.of() : List.copyOf(taints);
            foreignPods = foreignPods == null ? List.of() : List.copyOf(foreignPods);
        }
    }

    /**
     * A pod of another scheduler on a node: the GPU devices it holds ({@code gpuShare} of each, 1 =
     * whole devices), its CPU and memory requests. Runplane neither places onto it nor evicts it.
     */
    public record ForeignPodDef(String name, List<Integer> gpuIndices, Double gpuShare, long cpuMillis, long memoryMiB) {
        public ForeignPodDef {
            gpuIndices = gpuIndices == null ? List.of() : List.copyOf(gpuIndices);
            gpuShare = gpuShare == null ? 1.0 : gpuShare;
        }
    }

    public record TaintDef(String key, String value, String effect) {
        public TaintDef {
            value = value == null ? "" : value;
            effect = effect == null ? "NoSchedule" : effect;
        }
    }

    /**
     * Quota in one node pool. gpu -1 = unlimited; limits negative = no cap; overQuotaWeight 0 = no
     * over-quota use in this pool.
     */
    public record QuotaDef(String nodePool, double gpu, long cpuMillis, long memoryMiB,
                           Double gpuLimit, Long cpuLimitMillis, Long memoryLimitMiB, Double overQuotaWeight) {
        public QuotaDef {
            gpuLimit = gpuLimit == null ? -1.0 : gpuLimit;
            cpuLimitMillis = cpuLimitMillis == null ? -1L : cpuLimitMillis;
            memoryLimitMiB = memoryLimitMiB == null ? -1L : memoryLimitMiB;
            overQuotaWeight = overQuotaWeight == null ? 1.0 : overQuotaWeight;
        }
    }

    public record DepartmentDef(String name, List<QuotaDef> quotas) {
        public DepartmentDef {
            quotas = quotas == null ? List.of() : List.copyOf(quotas);
        }
    }

    /** A project: one namespace, one department, quotas per pool and an ordered pool preference. */
    public record ProjectDef(String name, String department, String namespace, List<String> nodePools, List<QuotaDef> quotas) {
        public ProjectDef {
            namespace = namespace == null ? "runplane-" + name : namespace;
            nodePools = nodePools == null ? List.of() : List.copyOf(nodePools);
            quotas = quotas == null ? List.of() : List.copyOf(quotas);
        }
    }

    /**
     * A workload placed in a new data directory. {@code spec} is a WorkloadSpec in protobuf JSON
     * form. With {@code finished}, it is recorded as already finished; otherwise it is submitted.
     */
    public record SeedWorkload(JsonNode spec, String createdBy, Optional<FinishedRun> finished) {
        public SeedWorkload {
            createdBy = createdBy == null ? "seed" : createdBy;
            finished = finished == null ? Optional.empty() : finished;
        }
    }

    /** How a seeded workload ended: created this long ago, ran this long, with this exit code. */
    public record FinishedRun(String createdAgo, String ranFor, int exitCode) {
    }
}
