package io.runplane.agent.organization;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.scheduling.SchedulerInputs;
import io.runplane.agent.store.AtomicFiles;
import io.runplane.agent.workload.FieldProblem;
import io.runplane.agent.workload.WorkloadException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The organization of a data directory, kept in {@code organization.json}: seeded from the cluster
 * file on first start, replaced atomically on every accepted change, read back on restart. Readers
 * get one immutable snapshot (with the scheduler's view of it) and never see half a change.
 */
public final class OrganizationStore {

    static final String FILE = "organization.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private record Current(Organization organization, SchedulerInputs inputs, ClusterFile asClusterFile) {
    }

    private final Path file;
    private final ClusterFile cluster;
    private volatile Current current;

    private OrganizationStore(Path file, ClusterFile cluster, Organization organization) {
        this.file = file;
        this.cluster = cluster;
        this.current = current(organization);
    }

    /**
     * Loads the organization of a data directory, or seeds it from the cluster file when the
     * directory has none yet.
     *
     * @throws IllegalArgumentException when the cluster file's organization breaks a rule
     */
    public static OrganizationStore open(Path dataDir, ClusterFile cluster) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            return new OrganizationStore(file, cluster, JSON.readValue(file.toFile(), Organization.class));
        }
        Organization seeded = ClusterFileSeed.of(cluster);
        List<FieldProblem> problems = OrganizationRules.check(seeded, new OrganizationRules.Target("", ""));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the organization of the cluster file is not valid: "
                    + String.join("; ", problems.stream().map(p -> p.field() + ": " + p.description()).toList()));
        }
        AtomicFiles.write(file, JSON.writeValueAsBytes(seeded));
        return new OrganizationStore(file, cluster, seeded);
    }

    /** The organization now. */
    public Organization organization() {
        return current.organization();
    }

    /** The scheduler's view of the organization now, for the controller's next cycle. */
    public SchedulerInputs schedulerInputs() {
        return current.inputs();
    }

    /**
     * The organization now in the cluster file's terms, for readers that still take one (policy
     * scopes): its nodes, with the pools, departments and projects of this organization.
     */
    public ClusterFile asClusterFile() {
        return current.asClusterFile();
    }

    /** The pool each node of the inventory belongs to now. */
    public String nodePoolOf(ClusterFile.NodeDef node) {
        return SchedulingView.poolOf(current.organization(), node);
    }

    /**
     * Applies a change to the named object: the result is checked as a whole, stored, then
     * published. A refused change changes nothing.
     *
     * @throws WorkloadException INVALID with a problem per field
     */
    synchronized Organization change(String kind, String name, UnaryOperator<Organization> change) throws WorkloadException {
        Organization before = current.organization();
        Organization changed = normalized(change.apply(before));
        return commit(new Organization(before.revision() + 1, changed.nodePools(), changed.departments(), changed.projects(),
                before.scheduling()), kind, name);
    }

    /**
     * Replaces the scheduling settings: checked, stored, then published; refused settings change nothing.
     *
     * @throws WorkloadException INVALID with a problem per field
     */
    public synchronized SchedulingSettings changeScheduling(SchedulingSettings settings) throws WorkloadException {
        Organization before = current.organization();
        return commit(new Organization(before.revision() + 1, before.nodePools(), before.departments(), before.projects(), settings),
                OrganizationRules.SETTINGS, "scheduling").scheduling();
    }

    private Organization commit(Organization candidate, String kind, String name) throws WorkloadException {
        List<FieldProblem> problems = OrganizationRules.check(candidate, new OrganizationRules.Target(kind, name));
        if (!problems.isEmpty()) {
            throw new WorkloadException(WorkloadException.Kind.INVALID, "the " + kind.replace('_', ' ') + " " + name + " is not valid", problems);
        }
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(candidate));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the organization: " + e.getMessage(), e);
        }
        current = current(candidate);
        return candidate;
    }

    private Current current(Organization org) {
        List<ClusterFile.NodePoolDef> pools = org.nodePools().stream()
                .map(p -> new ClusterFile.NodePoolDef(p.name(), p.labelKey(), p.labelValue(), p.gpuPlacement(), p.cpuPlacement(),
                        p.workloadsPerGpu())).toList();
        List<ClusterFile.DepartmentDef> departments = org.departments().stream()
                .map(d -> new ClusterFile.DepartmentDef(d.name(), quotaDefs(d.quotas(), d.overQuota()))).toList();
        List<ClusterFile.ProjectDef> projects = org.projects().stream()
                .map(p -> new ClusterFile.ProjectDef(p.name(), p.department(), p.namespace(), p.nodePools(), quotaDefs(p.quotas(), p.overQuota())))
                .toList();
        ClusterFile view = new ClusterFile(cluster.cluster(), pools, cluster.nodes(), departments, projects, List.of(), cluster.scheduling());
        return new Current(org, SchedulingView.of(org, cluster.nodes()), view);
    }

    private static List<ClusterFile.QuotaDef> quotaDefs(List<Quota> quotas, OverQuota overQuota) {
        return quotas.stream().map(q -> new ClusterFile.QuotaDef(q.nodePool(), q.gpu(), q.cpuMillis(), q.memoryMiB(),
                null, null, null, overQuota.weight())).toList();
    }

    /**
     * Every department and project with a quota for every pool, in pool order (0 where none was
     * given); quotas for pools that do not exist are kept so that the rules can name them.
     */
    static Organization normalized(Organization org) {
        List<Department> departments = org.departments().stream().map(d -> d.withQuotas(complete(org, d.quotas()))).toList();
        List<Project> projects = org.projects().stream().map(p -> p.withPools(p.nodePools(), complete(org, p.quotas()))).toList();
        return new Organization(org.revision(), org.nodePools(), departments, projects, org.scheduling());
    }

    private static List<Quota> complete(Organization org, List<Quota> quotas) {
        List<Quota> out = new ArrayList<>();
        for (NodePool pool : org.nodePools()) {
            out.add(quotas.stream().filter(q -> q.nodePool().equals(pool.name())).findFirst().orElse(Quota.none(pool.name())));
        }
        List<Quota> rest = new ArrayList<>(quotas);
        out.forEach(rest::remove);
        out.addAll(rest);
        return out;
    }
}
