package io.runplane.console.access;

import io.runplane.api.v1.AccessScope;
import io.runplane.api.v1.ScopeKind;

/** Where an access rule applies: the cluster, one department or one project. */
public record Scope(ScopeKind kind, String name) {

    public static final Scope CLUSTER = new Scope(ScopeKind.SCOPE_KIND_CLUSTER, "");

    public Scope {
        name = kind == ScopeKind.SCOPE_KIND_CLUSTER ? "" : name;
    }

    public static Scope department(String name) {
        return new Scope(ScopeKind.SCOPE_KIND_DEPARTMENT, name);
    }

    public static Scope project(String name) {
        return new Scope(ScopeKind.SCOPE_KIND_PROJECT, name);
    }

    public static Scope of(AccessScope scope) {
        return new Scope(scope.getKind(), scope.getName());
    }

    /** "the cluster", "department research", "project nlp". */
    public String describe() {
        return switch (kind) {
            case SCOPE_KIND_DEPARTMENT -> "department " + name;
            case SCOPE_KIND_PROJECT -> "project " + name;
            default -> "the cluster";
        };
    }
}
