package io.runplane.agent.workload;

/** Node label keys the agent reads. */
public final class SnapshotLabels {

    /** The node type a workload may ask for with {@code node_type}. */
    public static final String NODE_TYPE = "run.ai/type";

    private SnapshotLabels() {
    }
}
