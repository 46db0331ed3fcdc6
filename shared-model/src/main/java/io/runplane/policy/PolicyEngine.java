package io.runplane.policy;

import io.runplane.policy.FieldRule.ItemizedRule;
import io.runplane.policy.PolicyValue.ItemizedValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Merges the policies on a branch of the organization tree into an {@link EffectivePolicy}.
 *
 * <ul>
 *   <li>Defaults: the lowest scope wins (project over department over cluster). Itemized defaults
 *       merge by key; a lower scope's instance replaces a higher one's, and {@code exclude: true}
 *       drops an inherited instance.</li>
 *   <li>Rules: a field's rule may be owned by only one policy on the branch; a second owner is a
 *       {@link PolicyConflict} naming both.</li>
 *   <li>Two policies of one type at the same scope conflict, and so does excluding an instance
 *       another policy's rule locks.</li>
 * </ul>
 */
public final class PolicyEngine {

    private PolicyEngine() {
    }

    /**
     * The effective policy for workloads of {@code kind} on {@code branch}, from any collection of
     * policies (those of other types or other branches are ignored).
     */
    public static Resolution resolve(Collection<WorkloadPolicy> policies, WorkloadKind kind, OrgPath branch) {
        List<Scope> scopes = branch.scopes();
        List<WorkloadPolicy> applicable = policies.stream()
                .filter(p -> p.kind() == kind && scopes.contains(p.scope()))
                .sorted(Comparator.comparingInt(p -> p.scope().level()))
                .toList();
        List<PolicyConflict> conflicts = new ArrayList<>(sameScope(applicable));
        List<EffectiveField> fields = new ArrayList<>();
        for (FieldDefinition field : FieldCatalogue.fields(kind)) {
            mergeField(field, applicable, conflicts).ifPresent(fields::add);
        }
        if (!conflicts.isEmpty()) {
            return new Resolution.Conflicted(conflicts);
        }
        Set<String> assets = new LinkedHashSet<>();
        applicable.forEach(p -> assets.addAll(p.imposedAssets()));
        return new Resolution.Resolved(new EffectivePolicy(kind, branch, fields, List.copyOf(assets)));
    }

    private static List<PolicyConflict> sameScope(List<WorkloadPolicy> applicable) {
        List<PolicyConflict> out = new ArrayList<>();
        for (int i = 0; i < applicable.size(); i++) {
            for (int j = i + 1; j < applicable.size(); j++) {
                WorkloadPolicy a = applicable.get(i);
                WorkloadPolicy b = applicable.get(j);
                if (a.scope().equals(b.scope())) {
                    out.add(new PolicyConflict("*", a.source(), b.source(),
                            "only one " + a.kind().policyKind() + " may exist per scope"));
                }
            }
        }
        return out;
    }

    private static Optional<EffectiveField> mergeField(FieldDefinition field, List<WorkloadPolicy> applicable,
            List<PolicyConflict> conflicts) {
        String path = field.path();
        Optional<FieldRule> rule = Optional.empty();
        Optional<PolicySource> ruleSource = Optional.empty();
        for (WorkloadPolicy p : applicable) {
            FieldRule r = p.rules().get(path);
            if (r == null) {
                continue;
            }
            if (ruleSource.isPresent()) {
                conflicts.add(new PolicyConflict(path, ruleSource.get(), p.source(),
                        "the rule may be owned by only one policy on a branch"));
            } else {
                rule = Optional.of(r);
                ruleSource = Optional.of(p.source());
            }
        }
        Optional<PolicyValue> value = Optional.empty();
        Optional<PolicySource> valueSource = Optional.empty();
        for (WorkloadPolicy p : applicable) {
            PolicyValue v = p.defaults().get(path);
            if (v == null) {
                continue;
            }
            if (v instanceof ItemizedValue lower && value.orElse(null) instanceof ItemizedValue higher) {
                checkLockedExclusions(path, higher, lower, rule, ruleSource, p.source(), conflicts);
                v = mergeInstances(higher, lower);
            }
            value = Optional.of(v);
            valueSource = Optional.of(p.source());
        }
        if (value.orElse(null) instanceof ItemizedValue merged) {
            value = Optional.of(new ItemizedValue(merged.instances().stream().filter(i -> !i.exclude()).toList()));
        }
        if (value.isEmpty() && rule.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EffectiveField(field, value, valueSource, rule, ruleSource));
    }

    private static ItemizedValue mergeInstances(ItemizedValue higher, ItemizedValue lower) {
        List<Instance> merged = new ArrayList<>(higher.instances());
        for (Instance i : lower.instances()) {
            merged.removeIf(m -> m.key().equals(i.key()));
            merged.add(i);
        }
        return new ItemizedValue(merged);
    }

    private static void checkLockedExclusions(String path, ItemizedValue higher, ItemizedValue lower,
            Optional<FieldRule> rule, Optional<PolicySource> ruleSource, PolicySource excluder,
            List<PolicyConflict> conflicts) {
        if (!(rule.orElse(null) instanceof ItemizedRule itemized)) {
            return;
        }
        for (Instance i : lower.instances()) {
            boolean inherited = RuleChecks.find(RuleChecks.instances(Optional.of(higher)), i.key()).isPresent();
            if (i.exclude() && inherited && itemized.locked().contains(i.key())) {
                conflicts.add(new PolicyConflict(path + "[" + i.key() + "]", ruleSource.orElseThrow(), excluder,
                        "a locked instance cannot be excluded"));
            }
        }
    }
}
