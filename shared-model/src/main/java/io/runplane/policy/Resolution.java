package io.runplane.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The result of resolving an effective policy: the policy, or the conflicts that prevent it. */
public sealed interface Resolution {

    /** The effective policy, when there were no conflicts. */
    Optional<EffectivePolicy> policy();

    /** The conflicts between policies on the branch (empty when resolved). */
    List<PolicyConflict> conflicts();

    /** The policies on the branch merged without conflict. */
    record Resolved(EffectivePolicy effective) implements Resolution {
        /** Checks the policy. */
        public Resolved {
            Objects.requireNonNull(effective, "effective");
        }

        @Override
        public Optional<EffectivePolicy> policy() {
            return Optional.of(effective);
        }

        @Override
        public List<PolicyConflict> conflicts() {
            return List.of();
        }
    }

    /** Policies on the branch conflict; no effective policy exists until an admin fixes them. */
    record Conflicted(List<PolicyConflict> conflicts) implements Resolution {
        /** Copies the conflicts. */
        public Conflicted {
            conflicts = List.copyOf(conflicts);
            if (conflicts.isEmpty()) {
                throw new IllegalArgumentException("a conflicted resolution needs at least one conflict");
            }
        }

        @Override
        public Optional<EffectivePolicy> policy() {
            return Optional.empty();
        }
    }
}
