package io.runplane.policy;

import java.util.Objects;

/**
 * Where in the organization tree a policy applies: the whole cluster, one department, or one
 * project. Lower scopes ({@link #level()} greater) refine higher ones.
 */
public sealed interface Scope {

    /** 0 for the cluster, 1 for a department, 2 for a project. */
    int level();

    /** A short human description, e.g. {@code project team-a}. */
    String display();

    /** The cluster-wide scope (the global fallback). */
    record Cluster() implements Scope {
        @Override
        public int level() {
            return 0;
        }

        @Override
        public String display() {
            return "cluster";
        }
    }

    /** One department and every project in it. */
    record Department(String name) implements Scope {
        /** Checks the name. */
        public Department {
            requireName(name);
        }

        @Override
        public int level() {
            return 1;
        }

        @Override
        public String display() {
            return "department " + name;
        }
    }

    /** One project. */
    record Project(String name) implements Scope {
        /** Checks the name. */
        public Project {
            requireName(name);
        }

        @Override
        public int level() {
            return 2;
        }

        @Override
        public String display() {
            return "project " + name;
        }
    }

    /** The cluster scope. */
    static Scope cluster() {
        return new Cluster();
    }

    private static void requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a scope name must not be blank");
        }
    }
}
