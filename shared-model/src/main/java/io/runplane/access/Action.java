package io.runplane.access;

/** What a subject does to an entity. Stopping and resuming a workload count as editing it. */
public enum Action {
    VIEW, CREATE, EDIT, DELETE;

    String verb() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
