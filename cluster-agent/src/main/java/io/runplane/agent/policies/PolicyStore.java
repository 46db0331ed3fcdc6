package io.runplane.agent.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.runplane.agent.cluster.ClusterFile;
import io.runplane.agent.store.AtomicFiles;
import io.runplane.agent.workload.FieldProblem;
import io.runplane.manifest.ManifestException;
import io.runplane.manifest.ManifestProblem;
import io.runplane.manifest.Namespaces;
import io.runplane.manifest.PolicyManifests;
import io.runplane.policy.OrgPath;
import io.runplane.policy.PolicyConflict;
import io.runplane.policy.PolicyEngine;
import io.runplane.policy.Resolution;
import io.runplane.policy.Scope;
import io.runplane.policy.Violation;
import io.runplane.policy.WorkloadPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's workload policies, one file per policy in {@code DIR/policies/} (written atomically),
 * checked against the organization tree before anything is stored: the scope must exist, and the
 * policy must neither conflict with another one on any branch it lies on nor make defaults break
 * the effective rules there.
 */
public final class PolicyStore {

    static final String DIRECTORY = "policies";
    private static final String SOURCE = "manifest";
    private static final Logger LOG = Logger.getLogger(PolicyStore.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Supplier<ClusterFile> cluster;
    private final Clock clock;
    private final Map<PolicyKey, StoredPolicy> policies = new TreeMap<>(PolicyKey.ORDER);

    /**
     * Loads the policies of {@code dataDir}; unreadable files are moved aside as {@code *.corrupt}.
     *
     * @param cluster the organization now (asked on every use, as it changes)
     */
    public PolicyStore(Path dataDir, Supplier<ClusterFile> cluster, Clock clock) throws IOException {
        this.dir = dataDir.resolve(DIRECTORY);
        this.cluster = cluster;
        this.clock = clock;
        Files.createDirectories(dir);
        load();
    }

    /** The organization the policies' scopes are checked against. */
    public ClusterFile cluster() {
        return cluster.get();
    }

    /** Every stored policy, by workload type and scope. */
    public synchronized List<StoredPolicy> list() {
        return List.copyOf(policies.values());
    }

    /** The policy of one workload type at one scope. */
    public synchronized Optional<StoredPolicy> get(PolicyKey key) {
        return Optional.ofNullable(policies.get(key));
    }

    /** The policies the engine merges (a consistent snapshot). */
    public synchronized List<WorkloadPolicy> policies() {
        return policies.values().stream().map(StoredPolicy::policy).toList();
    }

    /**
     * Creates or replaces the policy in {@code manifest}. With {@code dryRun} everything is checked
     * and nothing is stored.
     *
     * @throws PolicyException INVALID for an unreadable manifest or an unknown scope,
     *     FAILED_PRECONDITION for a conflict or defaults that break the effective rules
     */
    public synchronized StoredPolicy put(String manifest, String user, boolean dryRun) throws PolicyException {
        WorkloadPolicy policy = read(manifest);
        checkScope(policy.scope());
        PolicyKey key = new PolicyKey(policy.kind(), policy.scope());
        StoredPolicy existing = policies.get(key);
        List<WorkloadPolicy> current = policies();
        List<WorkloadPolicy> candidate = new ArrayList<>(current);
        if (existing != null && existing.policy().name().equals(policy.name())) {
            candidate.remove(existing.policy());
        }
        candidate.add(policy);
        checkBranches(policy, current, candidate);
        Instant now = clock.instant();
        StoredPolicy stored = existing != null
                ? new StoredPolicy(policy, PolicyManifests.write(policy), existing.createdAt(), existing.createdBy(), now, user)
                : new StoredPolicy(policy, PolicyManifests.write(policy), now, user, now, user);
        if (!dryRun) {
            write(stored);
            policies.put(key, stored);
        }
        return stored;
    }

    /** Deletes the policy of one workload type at one scope. */
    public synchronized StoredPolicy delete(PolicyKey key) throws PolicyException {
        StoredPolicy existing = policies.get(key);
        if (existing == null) {
            throw notFound(key);
        }
        try {
            AtomicFiles.delete(dir.resolve(key.fileName()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the policy file: " + e.getMessage(), e);
        }
        policies.remove(key);
        return existing;
    }

    static PolicyException notFound(PolicyKey key) {
        return new PolicyException(PolicyException.Kind.NOT_FOUND, "no " + key.display(), List.of());
    }

    /** The branch of the organization tree down to {@code project}, through its department. */
    public Optional<OrgPath> branchOf(String project) {
        return cluster.get().project(project).map(p -> OrgPath.project(p.name(), Optional.ofNullable(p.department())));
    }

    /** Whether the organization has a department of that name. */
    public boolean hasDepartment(String department) {
        return cluster.get().departments().stream().anyMatch(d -> d.name().equals(department));
    }

    // ---- checks -----------------------------------------------------------------------------

    private static WorkloadPolicy read(String manifest) throws PolicyException {
        if (manifest.isBlank()) {
            throw invalid("manifest", "is required: one policy manifest (YAML or JSON)");
        }
        List<WorkloadPolicy> read;
        try {
            read = PolicyManifests.read(SOURCE, manifest);
        } catch (ManifestException e) {
            ManifestProblem p = e.problem();
            String where = p.line() > 0 ? "line " + p.line() + (p.column() > 0 ? ", column " + p.column() : "") + ": " : "";
            throw new PolicyException(PolicyException.Kind.INVALID, "the policy manifest cannot be read: " + p.oneLine(),
                    List.of(new FieldProblem(p.path().isEmpty() ? SOURCE : p.path(), where + p.message())));
        }
        if (read.size() != 1) {
            throw invalid("manifest", "must hold exactly one policy, found " + read.size());
        }
        return read.getFirst();
    }

    private void checkScope(Scope scope) throws PolicyException {
        switch (scope) {
            case Scope.Cluster c -> {
            }
            case Scope.Department d -> {
                if (!hasDepartment(d.name())) {
                    throw invalid("metadata.labels." + Namespaces.DEPARTMENT_LABEL, "unknown department \"" + d.name() + "\"");
                }
            }
            case Scope.Project p -> {
                if (cluster.get().project(p.name()).isEmpty()) {
                    throw invalid("metadata.namespace", "unknown project \"" + p.name() + "\" (namespace "
                            + Namespaces.ofProject(p.name()) + ")");
                }
            }
        }
    }

    /**
     * Resolves every branch the new policy lies on: conflicts that involve it, and defaults that
     * break the effective rules only once it is in place, refuse it.
     */
    private void checkBranches(WorkloadPolicy policy, List<WorkloadPolicy> current, List<WorkloadPolicy> candidate)
            throws PolicyException {
        Set<String> conflicts = new LinkedHashSet<>();
        List<FieldProblem> conflictProblems = new ArrayList<>();
        List<FieldProblem> brokenDefaults = new ArrayList<>();
        for (OrgPath branch : branchesThrough(policy.scope())) {
            Resolution after = PolicyEngine.resolve(candidate, policy.kind(), branch);
            for (PolicyConflict c : after.conflicts()) {
                boolean involved = c.first().equals(policy.source()) || c.second().equals(policy.source());
                if (involved && conflicts.add(c.toString())) {
                    conflictProblems.add(new FieldProblem(c.path(), c.toString()));
                }
            }
            if (after.policy().isPresent()) {
                List<Violation> before = PolicyEngine.resolve(current, policy.kind(), branch).policy()
                        .map(e -> e.defaultViolations()).orElse(List.of());
                for (Violation v : after.policy().get().defaultViolations()) {
                    if (!before.contains(v)) {
                        brokenDefaults.add(new FieldProblem(v.path(), v.message() + " (effective policy of " + display(branch) + ")"));
                    }
                }
            }
        }
        if (!conflictProblems.isEmpty()) {
            throw new PolicyException(PolicyException.Kind.FAILED_PRECONDITION,
                    policy.source().display() + " conflicts with another policy: " + String.join("; ", conflicts), conflictProblems);
        }
        if (!brokenDefaults.isEmpty()) {
            throw new PolicyException(PolicyException.Kind.FAILED_PRECONDITION,
                    "with " + policy.source().display() + " in place, defaults would break the effective rules", brokenDefaults);
        }
    }

    /** Every branch of the organization tree that contains {@code scope}. */
    private List<OrgPath> branchesThrough(Scope scope) {
        List<OrgPath> out = new ArrayList<>();
        switch (scope) {
            case Scope.Cluster c -> {
                out.add(OrgPath.cluster());
                cluster.get().departments().forEach(d -> out.add(OrgPath.department(d.name())));
                cluster.get().projects().forEach(p -> out.add(OrgPath.project(p.name(), Optional.ofNullable(p.department()))));
            }
            case Scope.Department d -> {
                out.add(OrgPath.department(d.name()));
                cluster.get().projects().stream().filter(p -> d.name().equals(p.department()))
                        .forEach(p -> out.add(OrgPath.project(p.name(), Optional.of(d.name()))));
            }
            case Scope.Project p -> branchOf(p.name()).ifPresent(out::add);
        }
        return out;
    }

    static String display(OrgPath branch) {
        StringBuilder b = new StringBuilder(branch.target().display());
        if (branch.project().isPresent() && branch.department().isPresent()) {
            b.append(" (department ").append(branch.department().get()).append(')');
        }
        return b.toString();
    }

    static PolicyException invalid(String field, String description) {
        return new PolicyException(PolicyException.Kind.INVALID, field + ": " + description,
                List.of(new FieldProblem(field, description)));
    }

    // ---- files ------------------------------------------------------------------------------

    private void write(StoredPolicy stored) {
        ObjectNode node = JSON.createObjectNode();
        node.put("manifest", stored.manifest());
        node.put("createdAt", stored.createdAt().toString());
        node.put("createdBy", stored.createdBy());
        node.put("updatedAt", stored.updatedAt().toString());
        node.put("updatedBy", stored.updatedBy());
        try {
            AtomicFiles.write(dir.resolve(stored.key().fileName()), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the policy file: " + e.getMessage(), e);
        }
    }

    private void load() throws IOException {
        Map<Path, StoredPolicy> read = new LinkedHashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(AtomicFiles.TEMP_SUFFIX)) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(".json")) {
                    read.put(file, null);
                }
            }
        }
        for (Path file : read.keySet().stream().sorted().toList()) {
            try {
                StoredPolicy stored = parse(Files.readString(file, StandardCharsets.UTF_8));
                if (!file.getFileName().toString().equals(stored.key().fileName()) || policies.containsKey(stored.key())) {
                    throw new IOException("it holds " + stored.key().display() + ", which belongs in " + stored.key().fileName());
                }
                policies.put(stored.key(), stored);
            } catch (IOException | ManifestException | RuntimeException e) {
                Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
                LOG.log(Level.WARNING, "cannot read the policy file " + file + " (" + e.getMessage() + "); moved aside as " + aside);
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        LOG.fine(() -> "loaded " + policies.size() + " policies from " + dir);
    }

    private static StoredPolicy parse(String text) throws IOException, ManifestException {
        JsonNode node = JSON.readTree(text);
        List<WorkloadPolicy> read = PolicyManifests.read(SOURCE, required(node, "manifest"));
        if (read.size() != 1) {
            throw new IOException("expected one policy, found " + read.size());
        }
        return new StoredPolicy(read.getFirst(), required(node, "manifest"),
                Instant.parse(required(node, "createdAt")), required(node, "createdBy"),
                Instant.parse(required(node, "updatedAt")), required(node, "updatedBy"));
    }

    private static String required(JsonNode node, String field) throws IOException {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException("missing " + field);
        }
        return value.asText();
    }
}
