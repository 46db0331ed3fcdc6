package io.runplane.access;

import java.util.Set;

/** An authenticated caller: a user (with its groups) or an application. */
public record Identity(String name, Set<String> groups, boolean application) {

    public Identity {
        groups = Set.copyOf(groups);
    }

    public static Identity user(String name, String... groups) {
        return new Identity(name, Set.of(groups), false);
    }

    public static Identity application(String name) {
        return new Identity(name, Set.of(), true);
    }

    @Override
    public String toString() {
        return (application ? "application " : "user ") + name;
    }
}
