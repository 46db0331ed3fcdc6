package io.runplane.access;

/** The kinds of things access rules grant actions on. */
public enum Entity {
    WORKLOADS("workloads"),
    INFERENCE_WORKLOADS("inference workloads"),
    PROJECTS("projects"),
    DEPARTMENTS("departments"),
    NODE_POOLS("node pools"),
    NODES("nodes"),
    POLICIES("policies"),
    ACCESS_RULES("access rules"),
    ENVIRONMENTS("environments"),
    COMPUTE_RESOURCES("compute resources"),
    DATA_SOURCES("data sources"),
    CREDENTIALS("credentials"),
    TEMPLATES("templates"),
    AUDIT_LOG("the audit log");

    private final String displayName;

    Entity(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
