package io.runplane.agent.scheduling;

import io.runplane.scheduler.NodePoolSpec;
import io.runplane.scheduler.NodeSpec;
import io.runplane.scheduler.QueueSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a scheduling snapshot that come from the organization of one revision: node pools,
 * nodes with the pool each belongs to, the queue tree (departments are parent queues, projects leaf
 * queues, quotas per node pool), and where each project's workloads go when they say nothing.
 */
public final class SchedulerInputs {

    /** A project's department, the pools its workloads try in order, and its node type ("" = any). */
    public record ProjectPlacement(String department, List<String> nodePools, String nodeType) {
        public ProjectPlacement {
            nodePools = List.copyOf(nodePools);
        }
    }

    private final long revision;
    private final List<NodePoolSpec> pools;
    private final List<NodeSpec> nodes;
    private final List<QueueSpec> queues;
    private final Map<String, ProjectPlacement> projects;
    private final Map<String, String> poolOfNode = new HashMap<>();

    public SchedulerInputs(long revision, List<NodePoolSpec> pools, List<NodeSpec> nodes, List<QueueSpec> queues,
                           Map<String, ProjectPlacement> projects) {
        this.revision = revision;
        this.pools = List.copyOf(pools);
        this.nodes = List.copyOf(nodes);
        this.queues = List.copyOf(queues);
        this.projects = Map.copyOf(projects);
        nodes.forEach(n -> poolOfNode.put(n.name(), n.pool()));
    }

    /** The organization revision these inputs were made from. */
    public long revision() {
        return revision;
    }

    public List<NodePoolSpec> pools() {
        return pools;
    }

    public List<NodeSpec> nodes() {
        return nodes;
    }

    public List<QueueSpec> queues() {
        return queues;
    }

    public Optional<ProjectPlacement> project(String name) {
        return Optional.ofNullable(projects.get(name));
    }

    /** The pool a node belongs to in this revision ("" for a node the inventory does not have). */
    public String nodePoolOf(String node) {
        return poolOfNode.getOrDefault(node, "");
    }
}
