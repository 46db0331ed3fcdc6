package io.runplane.access;

/** "{@code subject} is a {@code role} in {@code scope}". */
public record AccessRule(Subject subject, Role role, Scope scope) {

    @Override
    public String toString() {
        return subject + " is a " + role.displayName() + " in " + scope;
    }
}
