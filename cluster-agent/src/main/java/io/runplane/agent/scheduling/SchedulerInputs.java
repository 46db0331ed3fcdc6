package io.runplane.agent.scheduling;

import io.runplane.scheduler.NodePoolSpec;
import io.runplane.scheduler.NodeSpec;
import io.runplane.scheduler.QueueSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a scheduling snapshot that come from the organization of one revision: node pools,
 * nodes with the pool each belongs to, the queue tree (departments are parent queues, projects leaf
 * queues, quotas per node pool), and where each project's workloads go when they say nothing.
 */
public record SchedulerInputs(long revision, List<NodePoolSpec> pools, List<NodeSpec> nodes, List<QueueSpec> queues,
                              Map<String, ProjectPlacement> projects) {

    /** A project's department, the pools its workloads try in order, and its node type ("" = any). */
    public record ProjectPlacement(String department, List<String> nodePools, String nodeType) {
        public ProjectPlacement {
            nodePools = List.copyOf(nodePools);
        }
    }

    public SchedulerInputs {
        pools = List.copyOf(pools);
        nodes = List.copyOf(nodes);
        queues = List.copyOf(queues);
        projects = Map.copyOf(projects);
    }

    public Optional<ProjectPlacement> project(String name) {
        return Optional.ofNullable(projects.get(name));
    }

    /** The pool a node belongs to in this revision ("" for a node the inventory does not have). */
    public String nodePoolOf(String node) {
        return nodes.stream().filter(n -> n.name().equals(node)).map(NodeSpec::pool).findFirst().orElse("");
    }
}
