package io.runplane.agent.organization;

import io.runplane.manifest.Namespaces;

import java.util.List;
import java.util.Optional;

/**
 * A project: one namespace ({@code runplane-<name>}) in one department, with quotas per node pool,
 * the pools its workloads try in order, an optional node type and its scheduling rules.
 */
public record Project(String name, String department, List<String> nodePools, List<Quota> quotas, OverQuota overQuota,
                      String nodeType, SchedulingRules rules) {

    public Project {
        nodePools = List.copyOf(nodePools);
        quotas = List.copyOf(quotas);
        nodeType = nodeType == null ? "" : nodeType;
    }

    public String namespace() {
        return Namespaces.ofProject(name);
    }

    public Optional<Quota> quota(String nodePool) {
        return quotas.stream().filter(q -> q.nodePool().equals(nodePool)).findFirst();
    }

    Project withPools(List<String> order, List<Quota> newQuotas) {
        return new Project(name, department, order, newQuotas, overQuota, nodeType, rules);
    }
}
