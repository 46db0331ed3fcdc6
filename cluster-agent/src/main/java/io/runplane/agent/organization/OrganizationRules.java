package io.runplane.agent.organization;

import io.runplane.agent.workload.FieldProblem;
import io.runplane.manifest.Namespaces;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a whole candidate organization. Problems of the object being changed are named by the
 * request's field path ({@code project.quotas[a100].deserved.gpu}); problems the change causes in
 * other objects name them ({@code projects[nlp].rules...}).
 */
final class OrganizationRules {

    /** The object a change is about, to name its fields as the request does. */
    record Target(String kind, String name) {
    }

    /** The kind of a change to the scheduling settings; their fields are named as in the request ({@code settings.usage_weight}). */
    static final String SETTINGS = "settings";

    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern LABEL_PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final int MAX_LABEL = 63;
    static final int MAX_PROJECT_NAME = MAX_LABEL - Namespaces.PROJECT_PREFIX.length();

    private final Organization org;
    private final Target target;
    private final List<FieldProblem> problems = new ArrayList<>();

    private OrganizationRules(Organization org, Target target) {
        this.org = org;
        this.target = target;
    }

    static List<FieldProblem> check(Organization org, Target target) {
        OrganizationRules rules = new OrganizationRules(org, target);
        rules.checkNodePools();
        rules.checkDepartments();
        rules.checkProjects();
        rules.checkScheduling();
        return List.copyOf(rules.problems);
    }

    private void checkNodePools() {
        Set<String> names = new HashSet<>();
        Set<String> selectors = new HashSet<>();
        for (NodePool pool : org.nodePools()) {
            String at = path("node_pool", pool.name());
            name(at, pool.name(), MAX_LABEL);
            if (!names.add(pool.name())) {
                problem(at + ".name", "a node pool named " + pool.name() + " already exists");
            }
            if (!labelKey(pool.labelKey())) {
                problem(at + ".label_key", "must be a Kubernetes label key (optional DNS prefix and '/', then up to 63 letters, digits, '-', '_' or '.')");
            }
            if (pool.labelValue().length() > MAX_LABEL || !LABEL_NAME.matcher(pool.labelValue()).matches()) {
                problem(at + ".label_value", "must be a Kubernetes label value (up to 63 letters, digits, '-', '_' or '.')");
            }
            if (!selectors.add(pool.labelKey() + "=" + pool.labelValue())) {
                problem(at + ".label_value", "another node pool already selects the nodes labelled " + pool.labelKey() + "=" + pool.labelValue());
            }
            placement(at + ".gpu_placement", pool.gpuPlacement());
            placement(at + ".cpu_placement", pool.cpuPlacement());
            if (pool.workloadsPerGpu() < 1 || pool.workloadsPerGpu() > NodePool.MAX_WORKLOADS_PER_GPU) {
                problem(at + ".workloads_per_gpu", "must be 1 to " + NodePool.MAX_WORKLOADS_PER_GPU + " (1 turns the node-level scheduler off)");
            }
        }
    }

    private void checkDepartments() {
        Set<String> names = new HashSet<>();
        for (Department d : org.departments()) {
            String at = path("department", d.name());
            name(at, d.name(), MAX_LABEL);
            if (!names.add(d.name())) {
                problem(at + ".name", "a department named " + d.name() + " already exists");
            }
            if (org.project(d.name()).isPresent()) {
                problem(at + ".name", "is the name of a project; departments and projects share one queue tree, so names must differ");
            }
            quotas(at, d.quotas());
            rules(at, d.rules());
        }
    }

    private void checkProjects() {
        Set<String> names = new HashSet<>();
        for (Project p : org.projects()) {
            String at = path("project", p.name());
            name(at, p.name(), MAX_PROJECT_NAME);
            if (p.namespace().equals(Namespaces.SYSTEM)) {
                problem(at + ".name", "would live in " + Namespaces.SYSTEM + ", the namespace of cluster and department objects");
            }
            if (!names.add(p.name())) {
                problem(at + ".name", "a project named " + p.name() + " already exists");
            }
            if (org.project(p.department()).isPresent()) {
                problem(at + ".department", "names the project " + p.department() + "; a project's parent must be a department (projects cannot nest)");
            } else if (org.department(p.department()).isEmpty()) {
                problem(at + ".department", "unknown department \"" + p.department() + "\"");
            }
            Set<String> order = new HashSet<>();
            for (int i = 0; i < p.nodePools().size(); i++) {
                String pool = p.nodePools().get(i);
                if (org.nodePool(pool).isEmpty()) {
                    problem(at + ".node_pools[" + i + "]", "unknown node pool \"" + pool + "\"");
                } else if (!order.add(pool)) {
                    problem(at + ".node_pools[" + i + "]", "node pool " + pool + " is listed twice");
                }
            }
            if (!p.nodeType().isEmpty() && (p.nodeType().length() > MAX_LABEL || !LABEL_NAME.matcher(p.nodeType()).matches())) {
                problem(at + ".node_type", "must be a Kubernetes label value (up to 63 letters, digits, '-', '_' or '.')");
            }
            quotas(at, p.quotas());
            rules(at, p.rules());
            org.department(p.department()).ifPresent(d -> tightenOnly(at, p.rules(), d));
        }
        for (Department d : org.departments()) {
            quotasFit(d);
        }
    }

    private void quotas(String at, List<Quota> quotas) {
        Set<String> pools = new HashSet<>();
        for (Quota q : quotas) {
            String qa = at + ".quotas[" + q.nodePool() + "]";
            if (org.nodePool(q.nodePool()).isEmpty()) {
                problem(qa + ".node_pool", "unknown node pool \"" + q.nodePool() + "\"");
            } else if (!pools.add(q.nodePool())) {
                problem(qa + ".node_pool", "node pool " + q.nodePool() + " has two quotas");
            }
            if (q.gpu() < 0 && !q.unlimitedGpu() || Double.isNaN(q.gpu()) || Double.isInfinite(q.gpu())) {
                problem(qa + ".deserved.gpu", "must be 0 or more (or -1 for unlimited)");
            }
            if (q.cpuMillis() < 0) {
                problem(qa + ".deserved.cpu_millis", "must be 0 or more");
            }
            if (q.memoryMiB() < 0) {
                problem(qa + ".deserved.memory_mib", "must be 0 or more");
            }
        }
    }

    private void rules(String at, SchedulingRules r) {
        nonNegative(at + ".rules.workspace_duration_limit_seconds", r.workspaceDurationSeconds());
        nonNegative(at + ".rules.training_duration_limit_seconds", r.trainingDurationSeconds());
        nonNegative(at + ".rules.workspace_idle_gpu_limit_seconds", r.workspaceIdleGpuSeconds());
        nonNegative(at + ".rules.training_idle_gpu_limit_seconds", r.trainingIdleGpuSeconds());
    }

    private void tightenOnly(String at, SchedulingRules project, Department d) {
        SchedulingRules dept = d.rules();
        looser(at + ".rules.workspace_duration_limit_seconds", project.workspaceDurationSeconds(), dept.workspaceDurationSeconds(), d);
        looser(at + ".rules.training_duration_limit_seconds", project.trainingDurationSeconds(), dept.trainingDurationSeconds(), d);
        looser(at + ".rules.workspace_idle_gpu_limit_seconds", project.workspaceIdleGpuSeconds(), dept.workspaceIdleGpuSeconds(), d);
        looser(at + ".rules.training_idle_gpu_limit_seconds", project.trainingIdleGpuSeconds(), dept.trainingIdleGpuSeconds(), d);
    }

    private void looser(String field, long project, long department, Department d) {
        if (project > 0 && department > 0 && project > department) {
            problem(field, "may only tighten department " + d.name() + "'s limit of " + department + "s, not loosen it to " + project + "s");
        }
    }

    /** Per pool, the projects' deserved GPUs, CPU and memory together fit in their department's. */
    private void quotasFit(Department d) {
        List<Project> projects = org.projectsOf(d.name());
        for (NodePool pool : org.nodePools()) {
            Quota dq = d.quota(pool.name()).orElse(Quota.none(pool.name()));
            double gpu = 0;
            long cpu = 0;
            long memory = 0;
            boolean unlimited = false;
            for (Project p : projects) {
                Quota q = p.quota(pool.name()).orElse(Quota.none(pool.name()));
                unlimited |= q.unlimitedGpu();
                gpu += Math.max(0, q.gpu());
                cpu += Math.max(0, q.cpuMillis());
                memory += Math.max(0, q.memoryMiB());
            }
            String field = fitField(d, projects, pool.name());
            if (!dq.unlimitedGpu() && (unlimited || gpu > dq.gpu() + 1e-9)) {
                problem(field + ".deserved.gpu", String.format(Locale.ROOT, "the projects of department %s would deserve %s GPUs in node pool %s, more than the department's %s",
                        d.name(), unlimited ? "unlimited" : format(gpu), pool.name(), format(dq.gpu())));
            }
            if (cpu > dq.cpuMillis()) {
                problem(field + ".deserved.cpu_millis", "the projects of department " + d.name() + " would deserve " + cpu
                        + " CPU millicores in node pool " + pool.name() + ", more than the department's " + dq.cpuMillis());
            }
            if (memory > dq.memoryMiB()) {
                problem(field + ".deserved.memory_mib", "the projects of department " + d.name() + " would deserve " + memory
                        + " MiB of memory in node pool " + pool.name() + ", more than the department's " + dq.memoryMiB());
            }
        }
    }

    /** Blames the changed project when it is one of the department's, otherwise the department. */
    private String fitField(Department d, List<Project> projects, String pool) {
        boolean projectChanged = target.kind().equals("project") && projects.stream().anyMatch(p -> p.name().equals(target.name()));
        return (projectChanged ? "project" : path("department", d.name())) + ".quotas[" + pool + "]";
    }

    private void name(String at, String name, int max) {
        if (name.isEmpty()) {
            problem(at + ".name", "is required");
        } else if (name.length() > max || !DNS_1123_LABEL.matcher(name).matches()) {
            problem(at + ".name", "must be a DNS-1123 label of at most " + max + " characters: lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
    }

    private static boolean labelKey(String key) {
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? "" : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        boolean prefixOk = slash < 0 || prefix.length() <= 253 && LABEL_PREFIX.matcher(prefix).matches();
        return prefixOk && name.length() <= MAX_LABEL && LABEL_NAME.matcher(name).matches();
    }

    private void placement(String field, String value) {
        if (!NodePool.PLACEMENTS.contains(value)) {
            problem(field, "must be binpack or spread");
        }
    }

    private void nonNegative(String field, long value) {
        if (value < 0) {
            problem(field, "must be 0 (no limit) or more");
        }
    }

    private void checkScheduling() {
        SchedulingSettings s = org.scheduling();
        String at = target.kind().equals(SETTINGS) ? SETTINGS : "scheduling";
        if (s.windowSeconds() < SchedulingSettings.MIN_WINDOW_SECONDS || s.windowSeconds() > SchedulingSettings.MAX_WINDOW_SECONDS) {
            problem(at + ".window_seconds", "must be " + SchedulingSettings.MIN_WINDOW_SECONDS + " to "
                    + SchedulingSettings.MAX_WINDOW_SECONDS + " seconds (1 minute to 30 days), not " + s.windowSeconds());
        }
        if (!(s.usageWeight() >= 0 && s.usageWeight() <= SchedulingSettings.MAX_USAGE_WEIGHT)) {
            problem(at + ".usage_weight", "must be 0 to " + format(SchedulingSettings.MAX_USAGE_WEIGHT)
                    + " (0: past usage plays no part), not " + s.usageWeight());
        }
    }

    private String path(String kind, String name) {
        return target.kind().equals(kind) && target.name().equals(name) ? kind : kind + "s[" + name + "]";
    }

    private void problem(String field, String description) {
        FieldProblem p = new FieldProblem(field, description);
        if (!problems.contains(p)) {
            problems.add(p);
        }
    }

    private static String format(double gpu) {
        return gpu == Math.rint(gpu) ? Long.toString((long) gpu) : Double.toString(gpu);
    }
}
