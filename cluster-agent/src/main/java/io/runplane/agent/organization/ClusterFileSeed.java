package io.runplane.agent.organization;

import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.time.DurationText;

import java.util.ArrayList;
import java.util.List;

/**
 * The first organization of a data directory, taken from its cluster file. A {@code default} pool
 * is added when the file has none; an over-quota weight becomes the nearest priority (the highest
 * weight of a department's or project's pools, as the scheduler used it). The scheduling settings
 * come from the file's {@code scheduling}.
 */
public final class ClusterFileSeed {

    private ClusterFileSeed() {
    }

    public static Organization of(ClusterFile file) {
        List<NodePool> pools = new ArrayList<>(file.nodePools().stream()
                .map(p -> new NodePool(p.name(), p.labelKey(), p.labelValue(), p.gpuPlacement(), p.cpuPlacement(),
                        p.workloadsPerGpu())).toList());
        if (file.nodePool(Organization.DEFAULT_POOL).isEmpty()) {
            pools.add(new NodePool(Organization.DEFAULT_POOL, NodePool.CLUSTER_FILE_LABEL, Organization.DEFAULT_POOL, "binpack", "binpack"));
        }
        List<Department> departments = file.departments().stream()
                .map(d -> new Department(d.name(), quotas(d.quotas()), overQuota(d.quotas()), SchedulingRules.NONE)).toList();
        List<Project> projects = file.projects().stream()
                .map(p -> new Project(p.name(), p.department(), p.nodePools(), quotas(p.quotas()), overQuota(p.quotas()), "", SchedulingRules.NONE))
                .toList();
        ClusterFile.SchedulingDef s = file.scheduling();
        SchedulingSettings scheduling = new SchedulingSettings(s.timeBasedFairness(),
                DurationText.parse(s.window()).orElseThrow().toSeconds(), s.usageWeight());
        return OrganizationStore.normalized(new Organization(1, pools, departments, projects, scheduling));
    }

    private static List<Quota> quotas(List<ClusterFile.QuotaDef> defs) {
        return defs.stream().map(q -> new Quota(q.nodePool(), q.gpu(), q.cpuMillis(), q.memoryMiB())).toList();
    }

    private static OverQuota overQuota(List<ClusterFile.QuotaDef> defs) {
        return OverQuota.ofWeight(defs.stream().mapToDouble(ClusterFile.QuotaDef::overQuotaWeight).max().orElse(0));
    }
}
