package io.runplane.console.submit;

import io.runplane.api.v1.Policy;
import io.runplane.api.v1.ResolvedPolicy;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.api.v1.WorkloadType;
import io.runplane.console.client.RunplaneClient;
import io.runplane.console.client.ServiceException;
import io.runplane.manifest.ManifestException;
import io.runplane.manifest.PolicyManifests;
import io.runplane.policy.EffectivePolicy;
import io.runplane.policy.OrgPath;
import io.runplane.policy.PolicyConflict;
import io.runplane.policy.PolicyEngine;
import io.runplane.policy.Resolution;
import io.runplane.policy.Scope;
import io.runplane.policy.Violation;
import io.runplane.policy.WorkloadKind;
import io.runplane.policy.WorkloadPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The effective policy for the form's project and workload type. The cluster names the project's
 * branch (GetEffectivePolicy); the stored policies on that branch are then resolved here with the
 * same engine the agent enforces, so the form's live messages are the ones a submission would get.
 *
 * @param effective the merged policy
 */
public record FormPolicy(EffectivePolicy effective) {

    /** Fetches and resolves the policy; blocks, so call it from the background executor. */
    public static FormPolicy fetch(RunplaneClient client, WorkloadType type, String project) {
        WorkloadKind kind = WorkloadKind.ofApiType(type)
                .orElseThrow(() -> new IllegalArgumentException("workload type: not a concrete type (" + type + ")"));
        ResolvedPolicy reported = client.effectivePolicy(type, project);
        OrgPath branch = OrgPath.project(project, Optional.of(reported.getDepartment()));
        Set<Scope> scopes = Set.copyOf(branch.scopes());
        List<WorkloadPolicy> onBranch = new ArrayList<>();
        for (Policy stored : client.listPolicies(type)) {
            try {
                PolicyManifests.read(stored.getName(), stored.getManifest()).stream()
                        .filter(p -> scopes.contains(p.scope()))
                        .forEach(onBranch::add);
            } catch (ManifestException e) {
                throw new ServiceException("DATA_LOSS", "The cluster's policy " + stored.getName()
                        + " cannot be read by this console: " + e.getMessage());
            }
        }
        return switch (PolicyEngine.resolve(onBranch, kind, branch)) {
            case Resolution.Resolved ok -> new FormPolicy(ok.effective());
            case Resolution.Conflicted conflicted -> throw new ServiceException("FAILED_PRECONDITION",
                    "The policies of project " + project + " conflict: " + conflicted.conflicts().stream()
                            .map(PolicyConflict::toString).collect(Collectors.joining("; ")));
        };
    }

    /** What the policy says about one form field; {@link FieldPolicy#FREE} when nothing. */
    public FieldPolicy field(FormField field) {
        return field.policyPath().flatMap(effective::field).map(FieldPolicy::of).orElse(FieldPolicy.FREE);
    }

    /** Every violation of the policy by {@code spec} once the policy's defaults are applied, as Submit checks it. */
    public List<Violation> violations(WorkloadSpec spec) {
        return effective.admit(spec).violations();
    }

    /** The violations of one form field, as {@link EffectivePolicy#validateField} reports them. */
    public List<Violation> violations(WorkloadSpec spec, FormField field) {
        return field.policyPath().map(path -> effective.validateField(effective.applyDefaults(spec), path)).orElse(List.of());
    }

    /** The assets every workload of this type in the project gets, whatever the form says. */
    public List<String> imposedAssets() {
        return effective.imposedAssets();
    }

    /** The policies in force, e.g. {@code department research (research-defaults), project vision (gpus)}. */
    public String sources() {
        Set<String> sources = new LinkedHashSet<>();
        effective.fields().forEach(f -> {
            f.defaultSource().ifPresent(s -> sources.add(s.display()));
            f.ruleSource().ifPresent(s -> sources.add(s.display()));
        });
        return String.join(", ", sources);
    }
}
