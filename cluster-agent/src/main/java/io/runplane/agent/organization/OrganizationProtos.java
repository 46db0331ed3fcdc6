package io.runplane.agent.organization;

import io.runplane.agent.workload.Allocations;
import io.runplane.agent.workload.FieldProblem;
import io.runplane.agent.workload.WorkloadException;
import io.runplane.api.v1.OverQuotaPriority;
import io.runplane.api.v1.PoolQuota;
import io.runplane.api.v1.Resources;

import java.util.List;

/** The organization in the API's messages and back. */
public final class OrganizationProtos {

    private static final Resources NO_LIMIT = Resources.newBuilder().setGpu(-1).setCpuMillis(-1).setMemoryMib(-1).build();

    private OrganizationProtos() {
    }

    public static io.runplane.api.v1.Project toProto(Project p, Allocations.Held allocated) {
        return io.runplane.api.v1.Project.newBuilder()
                .setName(p.name())
                .setDepartment(p.department())
                .setNamespace(p.namespace())
                .addAllQuotas(p.quotas().stream().map(q -> quota(q, p.overQuota())).toList())
                .addAllNodePools(p.nodePools())
                .setAllocated(resources(allocated))
                .setOverQuota(priority(p.overQuota()))
                .setNodeType(p.nodeType())
                .setRules(rules(p.rules()))
                .build();
    }

    public static io.runplane.api.v1.Department toProto(Department d, Allocations.Held allocated) {
        return io.runplane.api.v1.Department.newBuilder()
                .setName(d.name())
                .addAllQuotas(d.quotas().stream().map(q -> quota(q, d.overQuota())).toList())
                .setAllocated(resources(allocated))
                .setOverQuota(priority(d.overQuota()))
                .setRules(rules(d.rules()))
                .build();
    }

    public static io.runplane.api.v1.NodePool toProto(NodePool p, int totalGpus, double allocatedGpus) {
        return io.runplane.api.v1.NodePool.newBuilder()
                .setName(p.name())
                .setLabelKey(p.labelKey())
                .setLabelValue(p.labelValue())
                .setGpuPlacement(p.gpuPlacement())
                .setCpuPlacement(p.cpuPlacement())
                .setWorkloadsPerGpu(p.workloadsPerGpu())
                .setTotalGpus(totalGpus)
                .setAllocatedGpus(allocatedGpus)
                .build();
    }

    /** A project as a request gives it; the namespace and allocation it carries are ignored. */
    public static Project project(io.runplane.api.v1.Project p) throws WorkloadException {
        return new Project(p.getName(), p.getDepartment(), p.getNodePoolsList(), quotas(p.getQuotasList()),
                overQuota("project.over_quota", p.getOverQuota()), p.getNodeType(), rules(p.getRules()));
    }

    public static Department department(io.runplane.api.v1.Department d) throws WorkloadException {
        return new Department(d.getName(), quotas(d.getQuotasList()), overQuota("department.over_quota", d.getOverQuota()), rules(d.getRules()));
    }

    public static io.runplane.api.v1.SchedulingSettings toProto(SchedulingSettings s) {
        return io.runplane.api.v1.SchedulingSettings.newBuilder().setTimeBasedFairness(s.timeBasedFairness())
                .setWindowSeconds(s.windowSeconds()).setUsageWeight(s.usageWeight()).build();
    }

    public static SchedulingSettings settings(io.runplane.api.v1.SchedulingSettings s) {
        return new SchedulingSettings(s.getTimeBasedFairness(), s.getWindowSeconds(), s.getUsageWeight());
    }

    public static NodePool nodePool(io.runplane.api.v1.NodePool p) {
        return new NodePool(p.getName(), p.getLabelKey(), p.getLabelValue(), p.getGpuPlacement(), p.getCpuPlacement(),
                p.getWorkloadsPerGpu());
    }

    private static List<Quota> quotas(List<PoolQuota> quotas) {
        return quotas.stream().map(q -> new Quota(q.getNodePool(), q.getDeserved().getGpu(), q.getDeserved().getCpuMillis(),
                q.getDeserved().getMemoryMib())).toList();
    }

    private static OverQuota overQuota(String field, OverQuotaPriority priority) throws WorkloadException {
        return switch (priority) {
            case OVER_QUOTA_PRIORITY_UNSPECIFIED, OVER_QUOTA_PRIORITY_MEDIUM -> OverQuota.MEDIUM;
            case OVER_QUOTA_PRIORITY_NONE -> OverQuota.NONE;
            case OVER_QUOTA_PRIORITY_LOWEST -> OverQuota.LOWEST;
            case OVER_QUOTA_PRIORITY_LOW -> OverQuota.LOW;
            case OVER_QUOTA_PRIORITY_HIGH -> OverQuota.HIGH;
            case UNRECOGNIZED -> throw new WorkloadException(WorkloadException.Kind.INVALID, "unknown over-quota priority",
                    List.of(new FieldProblem(field, "must be NONE, LOWEST, LOW, MEDIUM or HIGH")));
        };
    }

    private static OverQuotaPriority priority(OverQuota overQuota) {
        return OverQuotaPriority.valueOf("OVER_QUOTA_PRIORITY_" + overQuota.name());
    }

    private static SchedulingRules rules(io.runplane.api.v1.SchedulingRules r) {
        return new SchedulingRules(r.getWorkspaceDurationLimitSeconds(), r.getTrainingDurationLimitSeconds(),
                r.getWorkspaceIdleGpuLimitSeconds(), r.getTrainingIdleGpuLimitSeconds());
    }

    private static io.runplane.api.v1.SchedulingRules rules(SchedulingRules r) {
        return io.runplane.api.v1.SchedulingRules.newBuilder()
                .setWorkspaceDurationLimitSeconds(r.workspaceDurationSeconds())
                .setTrainingDurationLimitSeconds(r.trainingDurationSeconds())
                .setWorkspaceIdleGpuLimitSeconds(r.workspaceIdleGpuSeconds())
                .setTrainingIdleGpuLimitSeconds(r.trainingIdleGpuSeconds())
                .build();
    }

    private static PoolQuota quota(Quota q, OverQuota overQuota) {
        return PoolQuota.newBuilder()
                .setNodePool(q.nodePool())
                .setDeserved(Resources.newBuilder().setGpu(q.gpu()).setCpuMillis(q.cpuMillis()).setMemoryMib(q.memoryMiB()))
                .setLimit(NO_LIMIT)
                .setOverQuotaWeight(overQuota.weight())
                .build();
    }

    private static Resources resources(Allocations.Held held) {
        return Resources.newBuilder().setGpu(held.gpu()).setGpuMemoryMib(held.gpuMemoryMiB())
                .setCpuMillis(held.cpuMillis()).setMemoryMib(held.memoryMiB()).build();
    }
}
