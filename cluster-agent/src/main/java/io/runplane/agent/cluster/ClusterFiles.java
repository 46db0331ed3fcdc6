package io.runplane.agent.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.runplane.agent.time.DurationText;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads and checks cluster files; the default one ships with the agent. */
public final class ClusterFiles {

    /** The classpath resource of the default simulated cluster. */
    public static final String DEFAULT_RESOURCE = "/io/runplane/agent/default-cluster.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new Jdk8Module())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private ClusterFiles() {
    }

    public static String defaultText() {
        try (InputStream in = ClusterFiles.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and validates; throws {@link IllegalArgumentException} naming every problem. */
    public static ClusterFile parse(String yaml) {
        ClusterFile file;
        try {
            file = YAML.readValue(yaml, ClusterFile.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cluster file is not valid: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        if (file == null) {
            throw new IllegalArgumentException("cluster file is empty");
        }
        List<String> problems = validate(file);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cluster file is not valid: " + String.join("; ", problems));
        }
        return file;
    }

    static List<String> validate(ClusterFile file) {
        List<String> problems = new ArrayList<>();
        Set<String> pools = new HashSet<>();
        for (ClusterFile.NodePoolDef pool : file.nodePools()) {
            if (pool.name() == null || !pools.add(pool.name())) {
                problems.add("nodePools: missing or duplicate name " + pool.name());
            }
            if (!Set.of("binpack", "spread").contains(pool.gpuPlacement()) || !Set.of("binpack", "spread").contains(pool.cpuPlacement())) {
                problems.add("nodePools." + pool.name() + ": placement must be binpack or spread");
            }
            if (pool.workloadsPerGpu() < 1 || pool.workloadsPerGpu() > 5) {
                problems.add("nodePools." + pool.name() + ".workloadsPerGpu: must be 1 to 5");
            }
        }
        if (pools.isEmpty()) {
            problems.add("nodePools: at least one node pool is needed");
        }
        Set<String> nodes = new HashSet<>();
        for (ClusterFile.NodeDef node : file.nodes()) {
            if (node.name() == null || !nodes.add(node.name())) {
                problems.add("nodes: missing or duplicate name " + node.name());
            }
            if (!pools.contains(node.nodePool())) {
                problems.add("nodes." + node.name() + ".nodePool: unknown node pool " + node.nodePool());
            }
            if (node.gpus() < 0 || node.gpuMemoryMiB() < 0 || node.cpuMillis() <= 0 || node.memoryMiB() <= 0) {
                problems.add("nodes." + node.name() + ": gpus and gpuMemoryMiB must be >= 0, cpuMillis and memoryMiB > 0");
            }
            if (node.swapMiB() < 0) {
                problems.add("nodes." + node.name() + ".swapMiB: must be >= 0 (0: no limit)");
            }
            checkForeignPods(node, problems);
        }
        Set<String> queues = new HashSet<>();
        for (ClusterFile.DepartmentDef d : file.departments()) {
            if (d.name() == null || !queues.add(d.name())) {
                problems.add("departments: missing or duplicate name " + d.name());
            }
            checkQuotas("departments." + d.name(), d.quotas(), pools, problems);
        }
        Set<String> departments = Set.copyOf(queues);
        for (ClusterFile.ProjectDef p : file.projects()) {
            if (p.name() == null || !queues.add(p.name())) {
                problems.add("projects: missing name, or a name used by another project or department: " + p.name());
            }
            if (!departments.contains(p.department())) {
                problems.add("projects." + p.name() + ".department: unknown department " + p.department());
            }
            for (String pool : p.nodePools()) {
                if (!pools.contains(pool)) {
                    problems.add("projects." + p.name() + ".nodePools: unknown node pool " + pool);
                }
            }
            checkQuotas("projects." + p.name(), p.quotas(), pools, problems);
        }
        if (DurationText.parse(file.scheduling().window()).isEmpty()) {
            problems.add("scheduling.window: must be a duration such as 12h or 7d, not " + file.scheduling().window());
        }
        for (ClusterFile.SeedWorkload w : file.workloads()) {
            if (w.spec() == null || !w.spec().isObject()) {
                problems.add("workloads: every entry needs a spec object");
            }
        }
        return problems;
    }

    private static void checkForeignPods(ClusterFile.NodeDef node, List<String> problems) {
        Set<String> names = new HashSet<>();
        for (ClusterFile.ForeignPodDef pod : node.foreignPods()) {
            String path = "nodes." + node.name() + ".foreignPods." + pod.name();
            if (pod.name() == null || !names.add(pod.name())) {
                problems.add("nodes." + node.name() + ".foreignPods: missing or duplicate name " + pod.name());
            }
            if (pod.gpuIndices().stream().anyMatch(i -> i == null || i < 0 || i >= node.gpus())) {
                problems.add(path + ".gpuIndices: must be devices of the node, 0 to " + (node.gpus() - 1));
            }
            if (!(pod.gpuShare() > 0 && pod.gpuShare() <= 1)) {
                problems.add(path + ".gpuShare: must be above 0 and at most 1");
            }
            if (pod.cpuMillis() < 0 || pod.memoryMiB() < 0) {
                problems.add(path + ": cpuMillis and memoryMiB must be >= 0");
            }
        }
    }

    private static void checkQuotas(String path, List<ClusterFile.QuotaDef> quotas, Set<String> pools, List<String> problems) {
        for (ClusterFile.QuotaDef q : quotas) {
            if (!pools.contains(q.nodePool())) {
                problems.add(path + ".quotas: unknown node pool " + q.nodePool());
            }
            if (q.overQuotaWeight() < 0) {
                problems.add(path + ".quotas." + q.nodePool() + ".overQuotaWeight: must be >= 0");
            }
        }
    }
}
