package io.runplane.agent.organization;

/** What a project or department deserves in one node pool; gpu -1 = unlimited. */
public record Quota(String nodePool, double gpu, long cpuMillis, long memoryMiB) {

    public static Quota none(String nodePool) {
        return new Quota(nodePool, 0, 0, 0);
    }

    public boolean unlimitedGpu() {
        return gpu == -1;
    }
}
