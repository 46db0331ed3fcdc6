package io.runplane.agent.organization;

import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.cluster.ClusterFiles;
import io.runplane.agent.workload.FieldProblem;
import io.runplane.agent.workload.WorkloadException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The organization store on a real data directory: seeding, every rule, and refusals that change nothing. */
class OrganizationStoreTest {

    @TempDir
    Path dir;

    private final ClusterFile cluster = ClusterFiles.parse(ClusterFiles.defaultText());
    private OrganizationStore store;

    @BeforeEach
    void open() throws Exception {
        store = OrganizationStore.open(dir, cluster);
    }

    @Test
    void seedsFromTheClusterFileWithADefaultPoolAndZeroQuotaThere() {
        Organization org = store.organization();
        assertThat(org.nodePools()).extracting(NodePool::name).containsExactly("a100", "l40s", "default");
        Project nlp = org.project("nlp").orElseThrow();
        assertThat(nlp.namespace()).isEqualTo("runplane-nlp");
        assertThat(nlp.overQuota()).isEqualTo(OverQuota.LOW);
        assertThat(nlp.quota("default")).contains(Quota.none("default"));
        assertThat(org.project("serving").orElseThrow().overQuota()).isEqualTo(OverQuota.LOWEST);
        assertThat(store.schedulerInputs().nodes()).extracting(n -> n.name() + "@" + n.pool())
                .containsExactly("dgx-a100-01@a100", "dgx-a100-02@a100", "l40s-01@l40s", "l40s-02@l40s");
    }

    @Test
    void aChangeIsStoredAndReadBackAfterARestart() throws Exception {
        long before = store.organization().revision();
        store.change("project", "nlp", org -> replaceProject(org, "nlp", p -> new Project(p.name(), p.department(), List.of("l40s"),
                p.quotas(), OverQuota.HIGH, "l40s", new SchedulingRules(0, 3600, 0, 0))));

        OrganizationStore reopened = OrganizationStore.open(dir, cluster);
        Project nlp = reopened.organization().project("nlp").orElseThrow();
        assertThat(reopened.organization().revision()).isEqualTo(before + 1);
        assertThat(reopened.schedulerInputs().revision()).isEqualTo(before + 1);
        assertThat(nlp.nodePools()).containsExactly("l40s");
        assertThat(nlp.overQuota()).isEqualTo(OverQuota.HIGH);
        assertThat(nlp.rules().trainingDurationSeconds()).isEqualTo(3600);
        assertThat(reopened.schedulerInputs().project("nlp").orElseThrow().nodeType()).isEqualTo("l40s");
        assertThat(Files.list(dir)).extracting(p -> p.getFileName().toString()).containsExactly(OrganizationStore.FILE);
    }

    @Test
    void aNewPoolSelectsNodesByLabelAndTakesThemFromTheClusterFilePool() throws Exception {
        store.change("node_pool", "dgx", org -> withPool(org, new NodePool("dgx", "run.ai/type", "dgx-a100", "spread", "binpack")));
        // A node belongs to the first pool that selects it, and a100 comes before dgx.
        assertThat(store.schedulerInputs().nodePoolOf("dgx-a100-01")).isEqualTo("a100");

        store.change("node_pool", "a100", org -> new Organization(org.revision(), org.nodePools().stream()
                .map(p -> p.name().equals("a100") ? new NodePool("a100", "nvidia.com/gpu.product", "H100", "binpack", "binpack") : p).toList(),
                org.departments(), org.projects()));
        assertThat(store.schedulerInputs().nodePoolOf("dgx-a100-01")).isEqualTo("dgx");
        assertThat(store.organization().project("vision").orElseThrow().quota("dgx")).contains(Quota.none("dgx"));
    }

    @Test
    void everyRuleNamesItsFieldAndARefusedChangeChangesNothing() throws Exception {
        byte[] stored = Files.readAllBytes(dir.resolve(OrganizationStore.FILE));
        Organization before = store.organization();

        assertThat(refused("project", "Bad_Name", org -> withProject(org, project("Bad_Name", "research"))))
                .anySatisfy(p -> assertThat(p.field()).isEqualTo("project.name"));
        assertThat(refused("project", "system", org -> withProject(org, project("system", "research"))))
                .extracting(FieldProblem::field).containsExactly("project.name");
        assertThat(refused("project", "nlp", org -> withProject(org, project("nlp", "research"))))
                .anySatisfy(p -> assertThat(p.description()).contains("already exists"));
        assertThat(refused("project", "team", org -> withProject(org, project("team", "finance"))))
                .containsExactly(new FieldProblem("project.department", "unknown department \"finance\""));
        assertThat(refused("project", "sub", org -> withProject(org, project("sub", "nlp"))))
                .anySatisfy(p -> assertThat(p.description()).contains("projects cannot nest"));
        assertThat(refused("department", "vision", org -> withDepartment(org, new Department("vision", List.of(), OverQuota.NONE, SchedulingRules.NONE))))
                .anySatisfy(p -> assertThat(p.field()).isEqualTo("department.name"));
        assertThat(refused("project", "nlp", org -> replaceProject(org, "nlp", p -> withQuota(p, new Quota("a100", -2, 0, 0)))))
                .anySatisfy(p -> assertThat(p.field()).isEqualTo("project.quotas[a100].deserved.gpu"));
        assertThat(refused("project", "nlp", org -> replaceProject(org, "nlp", p -> withQuota(p, new Quota("tpu", 1, 0, 0)))))
                .anySatisfy(p -> assertThat(p.field()).isEqualTo("project.quotas[tpu].node_pool"));
        assertThat(refused("node_pool", "x", org -> withPool(org, new NodePool("x", "run.ai/type", "l40s", "tight", "binpack"))))
                .extracting(FieldProblem::field).contains("node_pool.gpu_placement");
        assertThat(refused("node_pool", "copy", org -> withPool(org, new NodePool("copy", "nvidia.com/gpu.product", "NVIDIA-L40S", "binpack", "binpack"))))
                .extracting(FieldProblem::field).contains("node_pool.label_value");

        assertThat(store.organization()).isEqualTo(before);
        assertThat(Files.readAllBytes(dir.resolve(OrganizationStore.FILE))).isEqualTo(stored);
    }

    @Test
    void aProjectsQuotasMustFitInItsDepartments() {
        List<FieldProblem> problems = refused("project", "nlp", org -> replaceProject(org, "nlp", p -> withQuota(p, new Quota("a100", 7, 64000, 786432))));
        assertThat(problems).containsExactly(new FieldProblem("project.quotas[a100].deserved.gpu",
                "the projects of department research would deserve 13 GPUs in node pool a100, more than the department's 12"));

        List<FieldProblem> shrunk = refused("department", "research", org -> replaceDepartment(org, "research",
                d -> new Department(d.name(), List.of(new Quota("a100", 10, 160000, 1572864), new Quota("l40s", 4, 32000, 262144)), d.overQuota(), d.rules())));
        assertThat(shrunk).extracting(FieldProblem::field).containsExactly("department.quotas[a100].deserved.gpu");
    }

    @Test
    void aProjectMayOnlyTightenItsDepartmentsRules() throws Exception {
        store.change("department", "research", org -> replaceDepartment(org, "research",
                d -> new Department(d.name(), d.quotas(), d.overQuota(), new SchedulingRules(0, 7200, 1800, 0))));

        assertThat(refused("project", "nlp", org -> replaceProject(org, "nlp", p -> withRules(p, new SchedulingRules(0, 10800, 0, 0)))))
                .containsExactly(new FieldProblem("project.rules.training_duration_limit_seconds",
                        "may only tighten department research's limit of 7200s, not loosen it to 10800s"));
        store.change("project", "nlp", org -> replaceProject(org, "nlp", p -> withRules(p, new SchedulingRules(0, 3600, 0, 0))));
        Organization org = store.organization();
        assertThat(org.effectiveRules(org.project("nlp").orElseThrow())).isEqualTo(new SchedulingRules(0, 3600, 1800, 0));
        assertThat(refused("department", "research", o -> replaceDepartment(o, "research",
                d -> new Department(d.name(), d.quotas(), d.overQuota(), new SchedulingRules(0, 1800, 1800, 0)))))
                .extracting(FieldProblem::field).containsExactly("projects[nlp].rules.training_duration_limit_seconds");
    }

    private List<FieldProblem> refused(String kind, String name, UnaryOperator<Organization> change) {
        try {
            store.change(kind, name, change);
            return List.of();
        } catch (WorkloadException e) {
            assertThat(e.kind()).isEqualTo(WorkloadException.Kind.INVALID);
            return e.problems();
        }
    }

    private static Project project(String name, String department) {
        return new Project(name, department, List.of(), List.of(), OverQuota.MEDIUM, "", SchedulingRules.NONE);
    }

    private static Project withQuota(Project p, Quota quota) {
        List<Quota> quotas = new ArrayList<>(p.quotas().stream().filter(q -> !q.nodePool().equals(quota.nodePool())).toList());
        quotas.add(quota);
        return new Project(p.name(), p.department(), p.nodePools(), quotas, p.overQuota(), p.nodeType(), p.rules());
    }

    private static Project withRules(Project p, SchedulingRules rules) {
        return new Project(p.name(), p.department(), p.nodePools(), p.quotas(), p.overQuota(), p.nodeType(), rules);
    }

    private static Organization withProject(Organization org, Project project) {
        List<Project> projects = new ArrayList<>(org.projects());
        projects.add(project);
        return new Organization(org.revision(), org.nodePools(), org.departments(), projects);
    }

    private static Organization withDepartment(Organization org, Department department) {
        List<Department> departments = new ArrayList<>(org.departments());
        departments.add(department);
        return new Organization(org.revision(), org.nodePools(), departments, org.projects());
    }

    private static Organization withPool(Organization org, NodePool pool) {
        List<NodePool> pools = new ArrayList<>(org.nodePools());
        pools.add(pool);
        return new Organization(org.revision(), pools, org.departments(), org.projects());
    }

    private static Organization replaceProject(Organization org, String name, UnaryOperator<Project> change) {
        return new Organization(org.revision(), org.nodePools(), org.departments(),
                org.projects().stream().map(p -> p.name().equals(name) ? change.apply(p) : p).toList());
    }

    private static Organization replaceDepartment(Organization org, String name, UnaryOperator<Department> change) {
        return new Organization(org.revision(), org.nodePools(),
                org.departments().stream().map(d -> d.name().equals(name) ? change.apply(d) : d).toList(), org.projects());
    }
}
