package io.runplane.agent.policies;

import io.runplane.agent.workload.FieldProblem;
import io.runplane.agent.workload.SpecValidator;
import io.runplane.agent.workload.WorkloadException;
import io.runplane.api.v1.WorkloadSpec;
import io.runplane.policy.Admission;
import io.runplane.policy.EffectivePolicy;
import io.runplane.policy.OrgPath;
import io.runplane.policy.PolicyConflict;
import io.runplane.policy.PolicyEngine;
import io.runplane.policy.Resolution;
import io.runplane.policy.Violation;
import io.runplane.policy.WorkloadKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Enforces the stored policies on submitted workloads: resolves the effective policy for the
 * workload's type on its project's branch (cluster, the project's department, the project),
 * applies its defaults and checks every rule.
 */
public final class PolicyEnforcement {

    private final PolicyStore store;
    private final SpecValidator validator;

    public PolicyEnforcement(PolicyStore store, SpecValidator validator) {
        this.store = store;
        this.validator = validator;
    }

    /**
     * The spec with its effective policy's defaults applied, to be submitted in place of
     * {@code spec}. A spec without a known project or a workload type is returned as it is (the
     * controller refuses it).
     *
     * @throws WorkloadException INVALID listing every policy violation (with the spec's other
     *     problems, if any); FAILED_PRECONDITION when the policies on the branch conflict
     */
    public WorkloadSpec admit(WorkloadSpec spec) throws WorkloadException {
        Optional<Evaluation> evaluation;
        try {
            evaluation = evaluate(spec);
        } catch (PolicyException e) {
            throw new WorkloadException(WorkloadException.Kind.FAILED_PRECONDITION, e.getMessage(), e.problems());
        }
        if (evaluation.isEmpty()) {
            return spec;
        }
        Admission admission = evaluation.get().admission();
        if (admission.accepted()) {
            return admission.spec();
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (Violation v : admission.violations()) {
            problems.add(new FieldProblem(v.path(), v.message()));
        }
        problems.addAll(validator.validate(admission.spec()));
        throw new WorkloadException(WorkloadException.Kind.INVALID, "the workload violates the " + admission.violations().size()
                + (admission.violations().size() == 1 ? " rule" : " rules") + " of its policy ("
                + evaluation.get().effective().kind().policyKind() + " for " + PolicyStore.display(evaluation.get().effective().branch()) + ")",
                problems);
    }

    /**
     * The names of the assets the policies on the spec's branch impose on it; none for a spec
     * without a known project or a workload type.
     *
     * @throws WorkloadException FAILED_PRECONDITION when the policies on the branch conflict
     */
    public List<String> imposedAssets(WorkloadSpec spec) throws WorkloadException {
        Optional<WorkloadKind> kind = WorkloadKind.ofApiType(spec.getType());
        Optional<OrgPath> branch = store.branchOf(spec.getProject());
        if (kind.isEmpty() || branch.isEmpty()) {
            return List.of();
        }
        try {
            return effective(kind.get(), branch.get()).imposedAssets();
        } catch (PolicyException e) {
            throw new WorkloadException(WorkloadException.Kind.FAILED_PRECONDITION, e.getMessage(), e.problems());
        }
    }

    /**
     * The effective policy and the admission of {@code spec}; empty when the spec has no known
     * project or no workload type.
     *
     * @throws PolicyException FAILED_PRECONDITION when the policies on the branch conflict
     */
    public Optional<Evaluation> evaluate(WorkloadSpec spec) throws PolicyException {
        Optional<WorkloadKind> kind = WorkloadKind.ofApiType(spec.getType());
        Optional<OrgPath> branch = store.branchOf(spec.getProject());
        if (kind.isEmpty() || branch.isEmpty()) {
            return Optional.empty();
        }
        EffectivePolicy effective = effective(kind.get(), branch.get());
        return Optional.of(new Evaluation(effective, effective.admit(spec)));
    }

    /**
     * The effective policy of {@code kind} on {@code branch}.
     *
     * @throws PolicyException FAILED_PRECONDITION naming the conflicting policies
     */
    public EffectivePolicy effective(WorkloadKind kind, OrgPath branch) throws PolicyException {
        Resolution resolution = PolicyEngine.resolve(store.policies(), kind, branch);
        return switch (resolution) {
            case Resolution.Resolved r -> r.effective();
            case Resolution.Conflicted c -> {
                List<FieldProblem> problems = new ArrayList<>();
                List<String> lines = new ArrayList<>();
                for (PolicyConflict conflict : c.conflicts()) {
                    problems.add(new FieldProblem(conflict.path(), conflict.toString()));
                    lines.add(conflict.toString());
                }
                throw new PolicyException(PolicyException.Kind.FAILED_PRECONDITION, "the " + kind.policyKind() + " policies of "
                        + PolicyStore.display(branch) + " conflict; an administrator must resolve: " + String.join("; ", lines), problems);
            }
        };
    }

    /** A spec checked against its effective policy. */
    public record Evaluation(EffectivePolicy effective, Admission admission) {
    }
}
