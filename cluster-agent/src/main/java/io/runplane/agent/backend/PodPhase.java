package io.runplane.agent.backend;

/** The phase of one pod as users see it (Kubernetes pod phase, or the waiting reason where it matters). */
public enum PodPhase {
    PENDING("Pending"),
    CONTAINER_CREATING("ContainerCreating"),
    IMAGE_PULL_BACK_OFF("ImagePullBackOff"),
    RUNNING("Running"),
    CRASH_LOOP_BACK_OFF("CrashLoopBackOff"),
    SUCCEEDED("Succeeded"),
    FAILED("Failed"),
    TERMINATING("Terminating"),
    TERMINATED("Terminated");

    private final String display;

    PodPhase(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }

    /** Bound to a node and holding its resources. */
    public boolean holdsNode() {
        return this == CONTAINER_CREATING || this == IMAGE_PULL_BACK_OFF || this == RUNNING || this == CRASH_LOOP_BACK_OFF
                || this == TERMINATING;
    }

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == TERMINATED;
    }
}
