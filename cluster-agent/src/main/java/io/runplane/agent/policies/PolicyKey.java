package io.runplane.agent.policies;

import io.runplane.policy.Scope;
import io.runplane.policy.WorkloadKind;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * Names a stored policy: its workload type and scope (only one policy of a type may exist per
 * scope).
 */
public record PolicyKey(WorkloadKind kind, Scope scope) {

    /** Workload type, then cluster, departments, projects, each by name. */
    static final Comparator<PolicyKey> ORDER = Comparator.comparing(PolicyKey::kind)
            .thenComparingInt(k -> k.scope().level())
            .thenComparing(k -> name(k.scope()));

    public PolicyKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
    }

    /** The file the policy is stored in, e.g. {@code training.project.vision.json}. */
    String fileName() {
        String base = kind.displayName() + "." + switch (scope) {
            case Scope.Cluster c -> "cluster";
            case Scope.Department d -> "department." + URLEncoder.encode(d.name(), StandardCharsets.UTF_8);
            case Scope.Project p -> "project." + URLEncoder.encode(p.name(), StandardCharsets.UTF_8);
        };
        return base.toLowerCase(Locale.ROOT).equals(base) ? base + ".json" : base + "." + Integer.toHexString(base.hashCode()) + ".json";
    }

    /** E.g. {@code TrainingPolicy at project vision}. */
    String display() {
        return kind.policyKind() + " at " + scope.display();
    }

    static String name(Scope scope) {
        return switch (scope) {
            case Scope.Cluster c -> "";
            case Scope.Department d -> d.name();
            case Scope.Project p -> p.name();
        };
    }
}
