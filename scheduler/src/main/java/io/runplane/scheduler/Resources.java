package io.runplane.scheduler;

/**
 * An amount of the three scheduled resources. GPUs are fractional (a 0.5 task holds half a device).
 * A negative value means "unlimited" where the field is a limit or a deserved quota.
 */
public record Resources(double gpu, long cpuMillis, long memoryMiB) {

    public static final Resources NONE = new Resources(0, 0, 0);
    public static final Resources UNLIMITED = new Resources(-1, -1, -1);

    public static Resources gpus(double gpu) {
        return new Resources(gpu, 0, 0);
    }

    public Resources plus(Resources other) {
        return new Resources(gpu + other.gpu, cpuMillis + other.cpuMillis, memoryMiB + other.memoryMiB);
    }

    public Resources minus(Resources other) {
        return new Resources(gpu - other.gpu, cpuMillis - other.cpuMillis, memoryMiB - other.memoryMiB);
    }
}
