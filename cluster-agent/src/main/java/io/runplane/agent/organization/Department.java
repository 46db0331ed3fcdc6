package io.runplane.agent.organization;

import java.util.List;
import java.util.Optional;

/** A department: groups projects; its quotas bound theirs and its rules bound theirs. */
public record Department(String name, List<Quota> quotas, OverQuota overQuota, SchedulingRules rules) {

    public Department {
        quotas = List.copyOf(quotas);
    }

    public Optional<Quota> quota(String nodePool) {
        return quotas.stream().filter(q -> q.nodePool().equals(nodePool)).findFirst();
    }

    Department withQuotas(List<Quota> newQuotas) {
        return new Department(name, newQuotas, overQuota, rules);
    }
}
